import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import XCTest

final class WebUITests: XCTestCase {
    private let csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

    func test_staticAsset_etagThenIfNoneMatch_returns304WithoutBody() async throws {
        let (first, again, changed) = try await FakeServer().test { c in
            let first = try await c.get("/static/js/main.js")
            let tag = first.headers[.eTag] ?? ""
            let again = try await c.execute(uri: "/static/js/main.js", method: .get, headers: [.ifNoneMatch: tag])
            let changed = try await c.execute(uri: "/static/js/main.js", method: .get, headers: [.ifNoneMatch: "\"other\""])
            return (first, again, changed)
        }
        XCTAssertEqual(first.status, .ok)
        XCTAssertEqual(first.headers[.contentType], "text/javascript; charset=utf-8")
        XCTAssertEqual(first.headers[.cacheControl], "no-cache")
        XCTAssertEqual(first.headers[.contentSecurityPolicy], csp)
        XCTAssertTrue(first.text.contains("renderAlerts"))
        XCTAssertTrue(first.headers[.eTag]?.hasPrefix("\"") ?? false)
        XCTAssertEqual(again.status, .notModified)
        XCTAssertEqual(again.text, "")
        XCTAssertEqual(again.headers[.eTag], first.headers[.eTag])
        XCTAssertEqual(changed.status, .ok)
        XCTAssertEqual(changed.text, first.text)
    }

    func test_staticAsset_acceptGzip_sendsGzipWithOwnETag() async throws {
        let (plain, gz, refused) = try await FakeServer().test { c in
            (try await c.get("/static/app.css"),
             try await c.execute(uri: "/static/app.css", method: .get, headers: [.acceptEncoding: "br, gzip"]),
             try await c.execute(uri: "/static/app.css", method: .get, headers: [.acceptEncoding: "gzip;q=0"]))
        }
        XCTAssertNil(plain.headers[.contentEncoding])
        XCTAssertEqual(gz.headers[.contentEncoding], "gzip")
        XCTAssertEqual(Array(gz.body.readableBytesView.prefix(2)), [0x1f, 0x8b])
        XCTAssertLessThan(gz.body.readableBytes, plain.body.readableBytes)
        XCTAssertNotEqual(gz.headers[.eTag], plain.headers[.eTag])
        XCTAssertEqual(gz.headers[.vary], "Accept-Encoding")
        XCTAssertNil(refused.headers[.contentEncoding])
    }

    func test_index_servesUIWithCSPAndRelativeAssets() async throws {
        let r = try await FakeServer().test { c in try await c.get("/") }
        XCTAssertEqual(r.status, .ok)
        XCTAssertEqual(r.headers[.contentSecurityPolicy], csp)
        XCTAssertTrue(r.text.contains(#"<script type="module" src="static/js/main.js"></script>"#))
        XCTAssertFalse(r.text.contains("<base"))
    }

    func test_index_underPrefixWithoutSlash_getsBaseForRelativeLinks() async throws {
        let (slash, bare, asset) = try await FakeServer().test(prefix: "/am") { c in
            (try await c.get("/am/"), try await c.get("/am"), try await c.get("/am/static/js/api.js"))
        }
        XCTAssertFalse(slash.text.contains("<base"))
        XCTAssertTrue(bare.text.contains(#"<base href="am/">"#))
        XCTAssertNotEqual(slash.headers[.eTag], bare.headers[.eTag])
        XCTAssertEqual(asset.status, .ok)
    }

    func test_staticAsset_head_sameHeadersNoBody() async throws {
        let (get, head) = try await FakeServer().test { c in
            (try await c.get("/static/app.css"), try await c.execute(uri: "/static/app.css", method: .head))
        }
        XCTAssertEqual(head.status, .ok)
        XCTAssertEqual(head.headers[.eTag], get.headers[.eTag])
        XCTAssertEqual(head.headers[.contentType], "text/css; charset=utf-8")
        XCTAssertEqual(head.text, "")
    }

    func test_unknownAsset_isGoText404() async throws {
        let r = try await FakeServer().test { c in try await c.get("/static/nope.js") }
        XCTAssertEqual("\(r.status.code) \(r.text)", "404 404 page not found\n")
    }
}
