import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import XCTest

@testable import HTTPAPI

final class WebAccessTests: XCTestCase {
    /// OpenBSD's and John the Ripper's published vectors (written `$2a$`, checked as `$2b$`,
    /// which hashes the same for passwords under 255 bytes), and one `$2y$` hash made by
    /// glibc's libxcrypt.
    static let vectors: [(password: String, hash: String)] = [
        ("U*U", "$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
        ("U*U*", "$2b$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK"),
        ("U*U*U", "$2b$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a"),
        ("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 are ignored",
         "$2b$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui"),
        ("tocsin-secret", "$2b$04$abcdefghijklmnopqrstuu3/dEog0zjau4VvaWg2DSoktjba/5vBG"),
    ]

    func test_bcrypt_knownVectors_verifyAndWrongPasswordsFail() async {
        for v in Self.vectors {
            let ok = await WebAccess.bcrypt(v.password, v.hash)
            XCTAssertTrue(ok, v.hash)
            let wrong = await WebAccess.bcrypt("x" + v.password, v.hash)
            XCTAssertFalse(wrong, v.hash)
        }
        // The 72-byte limit: what follows is not part of the key.
        let long = Self.vectors[3]
        let truncated = await WebAccess.bcrypt(String(long.password.prefix(72)) + "anything", long.hash)
        XCTAssertTrue(truncated)
    }

    func test_basicCredentials_goParsing() {
        func header(_ s: String) -> String { "Basic " + Data(s.utf8).base64EncodedString() }
        XCTAssertTrue(WebAccess.basicCredentials(header("a:b:c")).map { $0 == ("a", "b:c") } ?? false)
        XCTAssertTrue(WebAccess.basicCredentials("bAsIc " + Data("u:".utf8).base64EncodedString()).map { $0 == ("u", "") } ?? false)
        XCTAssertNil(WebAccess.basicCredentials(header("nocolon")))
        XCTAssertNil(WebAccess.basicCredentials("Bearer abc"))
        XCTAssertNil(WebAccess.basicCredentials("Basic !!!"))
        XCTAssertNil(WebAccess.basicCredentials(nil))
    }

    /// A verifier that counts its bcrypt runs.
    final class Counting: Sendable {
        let runs = Mutex(0)
        var verifier: WebAccess.Verifier {
            { [self] password, hash in
                runs.withLock { $0 += 1 }
                return await WebAccess.bcrypt(password, hash)
            }
        }
    }

    static let alice = WebAccessPolicy(users: ["alice": vectors[4].hash], headers: ["X-Frame-Options": "deny"])

    static func basic(_ user: String, _ password: String) -> HTTPFields {
        [.authorization: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
    }

    func test_middleware_withoutOrWrongCredentials401WithBasicChallengeRightOnes200() async throws {
        let access = WebAccess(policy: { Self.alice })
        let got = try await FakeServer().test(webAccess: access) { c in
            var out: [String] = []
            for headers in [HTTPFields(), Self.basic("alice", "nope"), Self.basic("bob", "tocsin-secret"),
                            Self.basic("alice", "tocsin-secret")] {
                let r = try await c.execute(uri: "/api/v2/status", method: .get, headers: headers)
                out.append("\(r.status.code) \(r.headers[.wwwAuthenticate] ?? "-") \(r.headers[HTTPField.Name("X-Frame-Options")!] ?? "-")")
            }
            return out
        }
        XCTAssertEqual(got, ["401 Basic deny", "401 Basic deny", "401 Basic deny", "200 - deny"])
    }

    func test_middleware_unroutedPathsAndEveryMethod_401BeforeRouting() async throws {
        let access = WebAccess(policy: { Self.alice })
        let s = FakeServer()
        let codes = try await s.test(webAccess: access) { c in
            var out: [UInt] = []
            for (uri, method) in [("/nope", HTTPRequest.Method.get), ("/api/v2/alerts", .post), ("/-/reload", .post),
                                  ("/api/v2/alerts", .options), ("/api/v1/alerts", .get), ("/metrics", .get)] {
                out.append(UInt(try await c.execute(uri: uri, method: method, body: ByteBuffer(string: "[]")).status.code))
            }
            return out
        }
        XCTAssertEqual(codes, [401, 401, 401, 401, 401, 401])
        XCTAssertEqual(s.store.count, 0)
    }

    func test_middleware_sameCredentialsAgain_bcryptRunsOncePerUserHashAndPassword() async throws {
        let counting = Counting()
        let access = WebAccess(policy: { Self.alice }, verifier: counting.verifier)
        let codes = try await FakeServer().test(webAccess: access) { c in
            var out: [UInt] = []
            for (user, password) in [("alice", "tocsin-secret"), ("alice", "tocsin-secret"), ("alice", "wrong"),
                                     ("alice", "wrong"), ("alice", "tocsin-secret"), ("mallory", "x"), ("mallory", "x")] {
                out.append(UInt(try await c.execute(uri: "/-/healthy", method: .get, headers: Self.basic(user, password)).status.code))
            }
            return out
        }
        XCTAssertEqual(codes, [200, 200, 401, 401, 200, 401, 401])
        XCTAssertEqual(counting.runs.withLock { $0 }, 3)
    }

    func test_middleware_policyUnreadable_500NeverServed() async throws {
        let access = WebAccess(policy: { nil })
        let r = try await FakeServer().test(webAccess: access) { c in try await c.get("/api/v2/status") }
        XCTAssertEqual(r.status, .internalServerError)
        XCTAssertEqual(r.text, "Internal Server Error\n")
    }

    func test_middleware_noUsers_headersOnlyAndOpen() async throws {
        let access = WebAccess(policy: { WebAccessPolicy(headers: ["X-Content-Type-Options": "nosniff"]) })
        let r = try await FakeServer().test(webAccess: access) { c in try await c.get("/nope") }
        XCTAssertEqual(r.status, .notFound)
        XCTAssertEqual(r.headers[HTTPField.Name("X-Content-Type-Options")!], "nosniff")
    }

    func test_credentialCache_full_evictsAboutATenthAndKeepsTheNew() {
        let cache = CredentialCache(capacity: 100)
        for i in 0..<100 { cache.set(.init(user: "u\(i)", hash: "h", password: "p"), true) }
        XCTAssertEqual(cache.count, 100)
        let newest = CredentialCache.Key(user: "new", hash: "h", password: "p")
        cache.set(newest, false)
        XCTAssertLessThanOrEqual(cache.count, 91)
        XCTAssertEqual(cache.get(newest), false)
    }
}
