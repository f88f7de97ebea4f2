import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import XCTest

/// Pins how requests are routed: which paths and methods reach which answer, under a route
/// prefix or not, with Alertmanager's (Go net/http and go-openapi) bodies for the misses.
final class RoutingTests: XCTestCase {
    /// `status text` of each request, in order.
    private func outcomes(prefix: String = "/", _ requests: [(String, HTTPRequest.Method)],
                          headers: HTTPFields = [:]) async throws -> [String] {
        try await FakeServer().test(prefix: prefix) { c in
            var out: [String] = []
            for (uri, method) in requests {
                let r = try await c.execute(uri: uri, method: method, headers: headers)
                out.append("\(r.status.code) \(r.text)")
            }
            return out
        }
    }

    func test_webRoutes_wrongMethod_returnGoText405() async throws {
        let r = try await outcomes([("/metrics", .head), ("/-/healthy", .post), ("/-/reload", .get), ("/", .post)])
        XCTAssertEqual(r, Array(repeating: "405 Method Not Allowed\n", count: 4))
    }

    func test_index_getAndHead() async throws {
        let (get, head) = try await FakeServer().test { c in
            (try await c.get("/"), try await c.execute(uri: "/", method: .head))
        }
        XCTAssertEqual(get.status, .ok)
        XCTAssertEqual(get.headers[.contentType], "text/html; charset=utf-8")
        XCTAssertTrue(get.text.contains("<title>Tocsin</title>"))
        XCTAssertEqual("\(head.status.code) \(head.text)", "200 ")
    }

    func test_nonCanonicalPaths_areNotFound() async throws {
        let r = try await outcomes([("/api/v2/alerts/", .get), ("/api/v2//status", .get), ("//api/v2/status", .get),
                                    ("/-/healthy/", .get), ("/metrics//", .get), ("/api/foo", .get), ("/nope", .get)])
        XCTAssertEqual(r, [#"404 {"code":404,"message":"path /api/v2/alerts/ was not found"}"#,
                           #"404 {"code":404,"message":"path /api/v2//status was not found"}"#,
                           "404 404 page not found\n", "404 404 page not found\n", "404 404 page not found\n",
                           "404 404 page not found\n", "404 404 page not found\n"])
    }

    func test_apiV2_anyUnknownMethod_returns405WithAllow() async throws {
        let purge = try XCTUnwrap(HTTPRequest.Method("PURGE"))
        let (r, options) = try await FakeServer().test { c in
            (try await c.execute(uri: "/api/v2/alerts", method: purge),
             try await c.execute(uri: "/api/v2/alerts", method: .options))
        }
        XCTAssertEqual(r.status, .methodNotAllowed)
        XCTAssertEqual(r.text, #"{"code":405,"message":"method PURGE is not allowed, but [GET,POST] are"}"#)
        XCTAssertEqual(r.headers[.allow], "GET,POST")
        XCTAssertEqual(options.text, #"{"code":405,"message":"method OPTIONS is not allowed, but [GET,POST] are"}"#)
    }

    func test_apiV1_anyMethodAndTheBarePath_return410() async throws {
        let r = try await outcomes([("/api/v1", .get), ("/api/v1/status", .delete), ("/api/v1/x/y", .options)])
        XCTAssertEqual(r.map { $0.prefix(4) }, ["410 ", "410 ", "410 "])
    }

    func test_cors_preflightOnAnyV2Path_andHeadersOnMisses() async throws {
        let headers: HTTPFields = [.origin: "http://ui", .accessControlRequestMethod: "post",
                                   .accessControlRequestHeaders: "content-type"]
        let (known, unknown, missing, v1) = try await FakeServer().test { c in
            (try await c.execute(uri: "/api/v2/alerts", method: .options, headers: headers),
             try await c.execute(uri: "/api/v2/nope", method: .options, headers: headers),
             try await c.execute(uri: "/api/v2/nope", method: .get, headers: [.origin: "http://ui"]),
             try await c.execute(uri: "/api/v1/alerts", method: .get, headers: [.origin: "http://ui"]))
        }
        for r in [known, unknown] {
            XCTAssertEqual(r.status, .ok)
            XCTAssertEqual(r.headers[.accessControlAllowOrigin], "*")
            XCTAssertEqual(r.headers[.accessControlAllowMethods], "POST")
            XCTAssertEqual(r.headers[.accessControlAllowHeaders], "content-type")
            XCTAssertEqual(r.headers[.vary], "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
            XCTAssertEqual(r.text, "")
        }
        XCTAssertEqual(missing.status, .notFound)
        XCTAssertEqual(missing.headers[.accessControlAllowOrigin], "*")
        XCTAssertEqual(missing.headers[.vary], "Origin")
        XCTAssertEqual(v1.status, .gone)
        XCTAssertNil(v1.headers[.accessControlAllowOrigin])
    }

    func test_routePrefix_rootsAndMisses() async throws {
        let r = try await outcomes(prefix: "/foo", [("/foo", .get), ("/foo/", .get), ("/foo//", .get), ("/", .head),
                                                    ("/", .post), ("/foo/api/v1/x", .get), ("/foo/metrics", .get),
                                                    ("/foo/foo", .get), ("/foo/api/v2/nope", .get)])
        XCTAssertEqual(r.map { $0.prefix(3) }, ["200", "200", "404", "302", "404", "410", "200", "404", "404"])
        XCTAssertEqual(r[7], "404 404 page not found\n")
        XCTAssertEqual(r[8], #"404 {"code":404,"message":"path /api/v2/nope was not found"}"#)
    }

    func test_routePrefix_withRouterPatternCharacters_matchedLiterally() async throws {
        let r = try await outcomes(prefix: "/*", [("/*/-/healthy", .get), ("/x/-/healthy", .get)])
        XCTAssertEqual(r, ["200 OK", "404 404 page not found\n"])
    }

    func test_silenceByID_pathParameterDecodedAndValidated() async throws {
        let id = "0b2bb5cc-7c52-4f68-a3b0-0c9e1b3c2a11"
        let r = try await outcomes([("/api/v2/silence/a%7Bb", .get), ("/api/v2/silence/\(id)", .get),
                                    ("/api/v2/silence/\(id)", .delete), ("/api/v2/silence/\(id)", .put),
                                    ("/api/v2/silence/", .get)])
        XCTAssertEqual(r, [#"422 {"code":601,"message":"silenceID in path must be of type uuid: \"a{b\""}"#,
                           "404 ", #"404 "silence not found""# + "\n",
                           #"405 {"code":405,"message":"method PUT is not allowed, but [GET,DELETE] are"}"#,
                           #"404 {"code":404,"message":"path /api/v2/silence/ was not found"}"#])
    }
}
