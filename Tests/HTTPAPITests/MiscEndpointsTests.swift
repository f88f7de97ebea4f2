import AlertCore
import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import XCTest

final class MiscEndpointsTests: XCTestCase {
    func test_receivers_returnsConfigOrderNames() async throws {
        let r = try await FakeServer().test { c in try await c.get("/api/v2/receivers") }
        XCTAssertEqual(r.text, #"[{"name":"default"},{"name":"team-a"},{"name":"unused"}]"# + "\n")
    }

    func test_status_fieldsInGoOrder() async throws {
        let r = try await FakeServer().test { c in try await c.get("/api/v2/status") }
        XCTAssertEqual(r.status, .ok)
        XCTAssertEqual(r.text, #"{"cluster":{"name":"01ABC","peers":[{"address":"10.0.0.1:9094","name":"01ABC"}],"#
            + #""status":"ready"},"config":{"original":"global:\n  resolve_timeout: 5m\n"},"#
            + #""uptime":"2023-11-14T21:56:40.500Z","versionInfo":{"branch":"main","buildDate":"20240101","#
            + #""buildUser":"ci","goVersion":"swift6","revision":"abc","version":"0.25.0"}}"# + "\n")
    }

    func test_healthyAndReady_getAndHead_return200OK() async throws {
        let results = try await FakeServer().test { c in
            var out: [String] = []
            for p in ["/-/healthy", "/-/ready"] {
                let g = try await c.get(p)
                let h = try await c.execute(uri: p, method: .head)
                out.append("\(g.status.code) \(g.text) \(h.status.code) \(h.text)")
            }
            return out
        }
        XCTAssertEqual(results, ["200 OK 200 ", "200 OK 200 "])
    }

    func test_ready_untilSettled_answers503ThenOK() async throws {
        let s = FakeServer()
        s.settled.withLock { $0 = false }
        let results = try await s.test { c in
            var out: [String] = []
            for settled in [false, true] {
                s.settled.withLock { $0 = settled }
                let g = try await c.get("/-/ready")
                let h = try await c.execute(uri: "/-/ready", method: .head)
                let healthy = try await c.get("/-/healthy")
                out.append("\(g.status.code) \(g.text)| \(h.status.code) \(h.text)| \(healthy.status.code)")
            }
            return out
        }
        XCTAssertEqual(results, ["503 Not ready: waiting for the cluster to settle\n| 503 | 200", "200 OK| 200 | 200"])
    }

    func test_reload_successAndFailure() async throws {
        let s = FakeServer()
        let (ok, failed) = try await s.test { c in
            let ok = try await c.execute(uri: "/-/reload", method: .post)
            s.reloadError.withLock { $0 = "bad config" }
            return (ok, try await c.execute(uri: "/-/reload", method: .post))
        }
        XCTAssertEqual(ok.status, .ok)
        XCTAssertEqual(failed.status, .internalServerError)
        XCTAssertEqual(failed.text, "failed to reload config: bad config\n")
    }

    func test_metrics_servesBackendText() async throws {
        let r = try await FakeServer().test { c in try await c.get("/metrics") }
        XCTAssertEqual(r.text, "# HELP x y\nx 1\n")
        XCTAssertEqual(r.headers[.contentType], "text/plain; version=0.0.4; charset=utf-8")
    }

    func test_apiV1_anyRoute_returns410Deprecation() async throws {
        let (get, post) = try await FakeServer().test { c in
            (try await c.get("/api/v1/alerts"), try await c.post("/api/v1/silences", "{}"))
        }
        for r in [get, post] {
            XCTAssertEqual(r.status, .gone)
            XCTAssertEqual(r.text, #"{"status":"deprecated","error":"The Alertmanager v1 API was deprecated in version 0.16.0 and is removed as of version 0.27.0 - please use the equivalent route in the v2 API"}"#)
        }
    }

    func test_unknownV2PathOrMethod_returnsGoOpenAPIErrors() async throws {
        let (nf, mna) = try await FakeServer().test { c in
            (try await c.get("/api/v2/x"), try await c.execute(uri: "/api/v2/status", method: .delete))
        }
        XCTAssertEqual(nf.status, .notFound)
        XCTAssertEqual(nf.text, #"{"code":404,"message":"path /api/v2/x was not found"}"#)
        XCTAssertEqual(mna.status, .methodNotAllowed)
        XCTAssertEqual(mna.text, #"{"code":405,"message":"method DELETE is not allowed, but [GET] are"}"#)
    }

    func test_routePrefix_routesLiveUnderPrefixAndRootRedirects() async throws {
        // TestWebWithPrefix.
        let r = try await FakeServer().test(prefix: "/foo/") { c in
            [try await c.get("/foo/api/v2/status"), try await c.get("/api/v2/status"), try await c.get("/"),
             try await c.get("/foo/-/healthy"), try await c.get("/foobar/api/v2/status")]
        }
        XCTAssertEqual(r.map(\.status.code), [200, 404, 302, 200, 404])
        XCTAssertEqual(r[2].headers[.location], "/foo")
    }

    func test_getConcurrencyLimit_secondGetWhileFirstInFlight_returns503() async throws {
        let s = FakeServer()
        let (gate, open) = AsyncStream.makeStream(of: Void.self)
        let (entered, enter) = AsyncStream.makeStream(of: Void.self)
        s.statusGate.withLock { $0 = gate }
        s.statusEntered.withLock { $0 = enter }
        let (blocked, rejected, post) = try await s.test(getConcurrency: 1) { c in
            async let first = c.get("/api/v2/status")
            // Wait until the first GET is inside the backend (the limiter counts it).
            for await _ in entered { break }
            let second = try await c.get("/api/v2/receivers")
            let post = try await c.post("/api/v2/alerts", #"[{"labels":{"a":"b"}}]"#)
            open.yield()
            open.finish()
            return (try await first, second, post)
        }
        XCTAssertEqual(blocked.status, .ok)
        XCTAssertEqual(rejected.status, .serviceUnavailable)
        XCTAssertEqual(rejected.text, "Limit of concurrent GET requests reached (1), try again later.\n")
        XCTAssertEqual(post.status, .ok, "only GETs are limited")
    }

    func test_cors_originHeader_getsAllowOrigin() async throws {
        let r = try await FakeServer().test { c in
            try await c.execute(uri: "/api/v2/receivers", method: .get, headers: [.origin: "http://ui.example"])
        }
        XCTAssertEqual(r.headers[.accessControlAllowOrigin], "*")
    }
}
