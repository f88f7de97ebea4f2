import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// What `--web.config.file` asks of each request: the `basic_auth_users` (name to a bcrypt
/// hash OpenBSD's bcrypt can verify) and the `http_server_config.headers`.
package struct WebAccessPolicy: Sendable, Equatable {
    package var users: [String: String]
    package var headers: [String: String]

    package init(users: [String: String] = [:], headers: [String: String] = [:]) {
        self.users = users
        self.headers = headers
    }
}

/// exporter-toolkit's web handler, shared by every listener: reads the current policy per
/// request (nil when the file no longer reads: the request gets 500, as upstream), checks
/// basic auth, and caches each verdict so bcrypt (tens of milliseconds) runs once per
/// user, hash and password rather than once per request.
package final class WebAccess: Sendable {
    package typealias Verifier = @Sendable (_ password: String, _ hash: String) async -> Bool

    let policy: @Sendable () -> WebAccessPolicy?
    let verifier: Verifier
    let cache = CredentialCache(capacity: 100)

    /// A bcrypt hash (cost 10) of a random password: an unknown user is checked against it,
    /// so that the time of the answer does not tell which user names exist.
    static let unknownUserHash = "$2b$10$nJn.r0uF2L7VB4wB3BrUaugFCbVZqoQqGKfXx2Fed.ofxmTXqlDsq"

    package init(policy: @escaping @Sendable () -> WebAccessPolicy?, verifier: @escaping Verifier = WebAccess.bcrypt) {
        self.policy = policy
        self.verifier = verifier
    }

    /// bcrypt off the cooperative pool (it is CPU-bound for tens of milliseconds); the check
    /// compares in constant time.
    package static let bcrypt: Verifier = { password, hash in
        (try? await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }) ?? false
    }

    /// Whether the `Authorization` header carries the credentials of a user of `policy`.
    func authorized(_ authorization: String?, policy: WebAccessPolicy) async -> Bool {
        guard let (user, password) = Self.basicCredentials(authorization) else { return false }
        let known = policy.users[user]
        let key = CredentialCache.Key(user: user, hash: known ?? Self.unknownUserHash, password: password)
        if let verdict = cache.get(key) { return verdict && known != nil }
        let ok = await verifier(password, key.hash) && known != nil
        cache.set(key, ok)
        return ok
    }

    /// Go's `Request.BasicAuth`: `Basic ` (any case), standard base64, split at the first colon.
    static func basicCredentials(_ header: String?) -> (String, String)? {
        guard let header, header.count > 6, header.prefix(6).lowercased() == "basic " else { return nil }
        guard let data = Data(base64Encoded: String(header.dropFirst(6))) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}

/// Verdicts by user, hash and password. When full, about a tenth of the entries, picked at
/// random, make room (exporter-toolkit's eviction: no order to maintain on the hot path).
final class CredentialCache: Sendable {
    struct Key: Hashable, Sendable {
        let user: String
        let hash: String
        let password: String
    }

    let capacity: Int
    private let entries = Mutex<[Key: Bool]>([:])

    init(capacity: Int) { self.capacity = capacity }

    func get(_ key: Key) -> Bool? { entries.withLock { $0[key] } }

    func set(_ key: Key, _ verdict: Bool) {
        entries.withLock { map in
            if map.count >= capacity {
                for _ in 0...max(1, map.count / 10) {
                    if let victim = map.keys.randomElement() { map[victim] = nil }
                }
            }
            map[key] = verdict
        }
    }

    var count: Int { entries.withLock { $0.count } }
}

/// First on the router, so that it sees every request, routed or not: the configured headers
/// on every answer, and 401 with `WWW-Authenticate: Basic` before anything else runs when
/// basic auth is configured and the request does not carry a user's credentials.
struct WebAccessMiddleware<Context: RequestContext>: RouterMiddleware {
    let access: WebAccess

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let policy = access.policy() else {
            return Self.goError("Internal Server Error", status: .internalServerError)
        }
        var response: Response
        let allowed = policy.users.isEmpty ? true : await access.authorized(request.headers[.authorization], policy: policy)
        if allowed {
            do {
                response = try await next(request, context)
            } catch let error as any HTTPResponseError {
                response = try error.response(from: request, context: context)
            }
        } else {
            response = Self.goError("Unauthorized", status: .unauthorized)
            response.headers[.wwwAuthenticate] = "Basic"
        }
        for (name, value) in policy.headers {
            if let field = HTTPField.Name(name) { response.headers[field] = value }
        }
        return response
    }

    /// Go's `http.Error`: the text and a newline, as plain text, not to be sniffed.
    static func goError(_ text: String, status: HTTPResponse.Status) -> Response {
        var r = Responses.text(text + "\n", status: status)
        r.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return r
    }
}
