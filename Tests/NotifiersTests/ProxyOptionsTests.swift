import Foundation
@testable import Notifiers
import Notify
import XCTest

/// Which requests go through a proxy (Go's `httpproxy` rules, as prometheus/common uses them)
/// and the failure reasons 0.34 derives from a status.
final class ProxyOptionsTests: XCTestCase {
    let proxy = URL(string: "http://proxy.example:3128")!

    func test_proxyURLAlone_proxiesEveryRequestEvenLoopback() {
        let p = ProxyOptions(url: proxy)
        XCTAssertEqual(p.proxy(for: "http://127.0.0.1:9/x"), proxy)
        XCTAssertEqual(p.proxy(for: "https://hooks.example/x"), proxy)
    }

    func test_noProxy_exemptsHostsDomainsAddressesAndCIDRs() {
        let p = ProxyOptions(url: proxy, noProxy: "direct.example, .corp, 10.0.0.0/8, 192.168.1.5, svc.example:8443")
        XCTAssertNil(p.proxy(for: "https://direct.example/x"))
        XCTAssertNil(p.proxy(for: "https://a.direct.example/x"), "a bare domain covers its subdomains")
        XCTAssertEqual(p.proxy(for: "https://notdirect.example/x"), proxy)
        XCTAssertNil(p.proxy(for: "http://api.corp/x"))
        XCTAssertNil(p.proxy(for: "http://10.2.3.4/x"))
        XCTAssertEqual(p.proxy(for: "http://11.2.3.4/x"), proxy)
        XCTAssertNil(p.proxy(for: "http://192.168.1.5:9000/x"))
        XCTAssertNil(p.proxy(for: "https://svc.example:8443/x"))
        XCTAssertEqual(p.proxy(for: "https://svc.example/x"), proxy, "another port is proxied")
        XCTAssertNil(p.proxy(for: "http://localhost:9/x"), "httpproxy never proxies localhost")
        XCTAssertNil(p.proxy(for: "http://127.0.0.1:9/x"), "nor loopback addresses")
        XCTAssertNil(ProxyOptions(url: proxy, noProxy: "*").proxy(for: "https://any.example/"))
    }

    func test_fromEnvironment_schemeChoosesVariableAndNoProxyApplies() {
        let p = ProxyOptions(fromEnvironment: true)
        let env = ["HTTPS_PROXY": "secure.example:8080", "http_proxy": "http://plain.example:80",
                   "NO_PROXY": "skip.example"]
        XCTAssertEqual(p.proxy(for: "https://hooks.example/x", environment: env)?.absoluteString,
                       "http://secure.example:8080")
        XCTAssertEqual(p.proxy(for: "http://hooks.example/x", environment: env)?.absoluteString, "http://plain.example:80")
        XCTAssertNil(p.proxy(for: "https://skip.example/x", environment: env))
        XCTAssertNil(p.proxy(for: "https://hooks.example/x", environment: [:]))
    }

    func test_statusReasons_as034() {
        func reason(_ code: Int) -> NotifyError.Reason? {
            do { try StatusCheck.check(HTTPReply(status: code, headers: [:], body: [])) } catch { return error.reason }
            return nil
        }
        XCTAssertNil(reason(204))
        XCTAssertEqual(reason(400), .clientError)
        XCTAssertEqual(reason(401), .authError)
        XCTAssertEqual(reason(403), .authError)
        XCTAssertEqual(reason(429), .rateLimited)
        XCTAssertEqual(reason(503), .serverError)
    }
}
