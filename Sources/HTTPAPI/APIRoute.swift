import Foundation
import Hummingbird

/// An extra API v2 route (e.g. the silences endpoints another module provides).
/// `pattern` is relative to `/api/v2`, with `{name}` for a path parameter:
/// `"/silence/{silenceID}"`. Parameters arrive percent-decoded in the dictionary.
public struct APIRoute: Sendable {
    public typealias Handler = @Sendable (Request, [String: String], BasicRequestContext) async throws -> Response

    public var method: HTTPRequest.Method
    public var pattern: String
    public var handler: Handler

    public init(_ method: HTTPRequest.Method, _ pattern: String, handler: @escaping Handler) {
        self.method = method
        self.pattern = pattern
        self.handler = handler
    }

    /// Path parameters when `path` (relative to `/api/v2`) fits the pattern.
    func match(_ path: Substring) -> [String: String]? {
        let want = pattern.split(separator: "/", omittingEmptySubsequences: false)
        let got = path.split(separator: "/", omittingEmptySubsequences: false)
        guard want.count == got.count else { return nil }
        var params: [String: String] = [:]
        for (w, g) in zip(want, got) {
            if w.hasPrefix("{"), w.hasSuffix("}") {
                guard !g.isEmpty else { return nil }
                params[String(w.dropFirst().dropLast())] = QueryString.unescapePath(g) ?? String(g)
            } else if w != g {
                return nil
            }
        }
        return params
    }

    /// Runs the route matching `path` (a full `/api/v2/...` path); a path that matches only
    /// with other methods gets go-openapi's 405. Nil when no route matches the path.
    static func dispatch(_ routes: [APIRoute], path: String, request: Request,
                         context: BasicRequestContext) async throws -> Response? {
        let rel = path.dropFirst("/api/v2".count)
        var allowed: [String] = []
        for r in routes {
            guard let params = r.match(rel) else { continue }
            if r.method == request.method { return try await r.handler(request, params, context) }
            allowed.append(r.method.rawValue)
        }
        return allowed.isEmpty ? nil : Responses.apiMethodNotAllowed(request.method, allowed: allowed)
    }
}

extension QueryString {
    /// `url.PathUnescape`: like query unescaping but `+` stays a plus.
    static func unescapePath(_ s: Substring) -> String? {
        var parts: [String] = []
        for p in s.split(separator: "+", omittingEmptySubsequences: false) {
            guard let u = unescape(p) else { return nil }
            parts.append(u)
        }
        return parts.joined(separator: "+")
    }
}
