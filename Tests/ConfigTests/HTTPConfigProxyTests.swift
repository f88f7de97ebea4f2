import Config
import Foundation
import XCTest

/// `http_config` keys of prometheus/common that Alertmanager 0.34 accepts beyond 0.25's:
/// the proxy settings (inline, and inside `oauth2`) and their `ProxyConfig.Validate` texts.
final class HTTPConfigProxyTests: XCTestCase {
    func load(_ httpConfig: String) throws -> LoadedConfig {
        let text = """
        route:
          receiver: r
        receivers:
        - name: r
          webhook_configs:
          - url: http://hook.example/x
            http_config:
        \(httpConfig.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))

        """
        return try AlertmanagerConfig.load(yaml: text, baseDirectory: ".")
    }

    func assertError(_ httpConfig: String, _ message: String, line: UInt = #line) {
        XCTAssertThrowsError(try load(httpConfig), line: line) { error in
            XCTAssertTrue("\(error)".contains(message), "\(error)", line: line)
        }
    }

    func test_proxyKeys_loadAndMarshalWithConnectHeaderSecret() throws {
        let loaded = try load("""
        proxy_url: http://proxy.example:3128
        no_proxy: localhost,.internal
        proxy_connect_header:
          Proxy-Key: [k1, k2]
        enable_http2: false
        oauth2:
          client_id: c
          client_secret: s
          token_url: https://login.example/token
          proxy_from_environment: true
          tls_config:
            server_name: login.example
        """)
        let http = try XCTUnwrap(loaded.config.receivers.first?.webhookConfigs.first?.httpConfig)
        XCTAssertEqual(http.proxy.noProxy, "localhost,.internal")
        XCTAssertEqual(http.proxy.proxyConnectHeader["Proxy-Key"]?.map(\.value), ["k1", "k2"])
        XCTAssertFalse(http.enableHTTP2)
        XCTAssertEqual(http.oauth2?.proxy.proxyFromEnvironment, true)
        XCTAssertEqual(http.oauth2?.tlsConfig.serverName, "login.example")
        XCTAssertTrue(loaded.marshalledYAML.contains("no_proxy: localhost,.internal"), loaded.marshalledYAML)
        XCTAssertTrue(loaded.marshalledYAML.contains("proxy_from_environment: true"), loaded.marshalledYAML)
        XCTAssertFalse(loaded.marshalledYAML.contains("k1"), loaded.marshalledYAML)
    }

    func test_proxyCombinations_refusedWithPrometheusCommonTexts() {
        assertError("proxy_url: http://p:1\nproxy_from_environment: true",
                    "if proxy_from_environment is configured, proxy_url must not be configured")
        assertError("proxy_from_environment: true\nno_proxy: a.example",
                    "if proxy_from_environment is configured, no_proxy must not be configured")
        assertError("no_proxy: a.example", "if no_proxy is configured, proxy_url must also be configured")
        assertError("proxy_connect_header: {X: [y]}",
                    "if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured")
        assertError("oauth2: {client_id: c, client_secret: s, token_url: 'http://t', no_proxy: a}",
                    "if no_proxy is configured, proxy_url must also be configured")
    }
}
