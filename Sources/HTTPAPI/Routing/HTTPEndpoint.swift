import GoCompat
import Hummingbird

/// One route of the server: method, path pattern relative to the route prefix
/// (`"/api/v2/silence/{silenceID}"`; `{name}` captures one segment, read with
/// `context.pathParameter(name)`) and handler. Modules that add API endpoints (silences,
/// later notification history) hand these to `AlertmanagerAPI`, which registers them with
/// Hummingbird's router and also keeps their patterns to answer a known path requested with
/// another method as go-openapi does (405 listing the allowed methods).
package struct HTTPEndpoint: Sendable {
    package typealias Handler = @Sendable (Request, APIRequestContext) async throws -> Response

    package var method: HTTPRequest.Method
    package var path: String
    package var handler: Handler

    package init(_ method: HTTPRequest.Method, _ path: String, handler: @escaping Handler) {
        self.method = method
        self.path = path
        self.handler = handler
    }
}

/// The registered patterns, for requests the router did not match.
struct EndpointTable: Sendable {
    private var entries: [(method: String, segments: [Substring])] = []

    init(_ endpoints: [HTTPEndpoint]) {
        for e in endpoints {
            entries.append((e.method.rawValue, e.path.split(separator: "/", omittingEmptySubsequences: false)))
        }
    }

    /// Methods of the endpoints whose pattern fits `path` exactly (relative to the prefix), in
    /// registration order.
    func methods(for path: Substring) -> [String] {
        let got = path.split(separator: "/", omittingEmptySubsequences: false)
        var out: [String] = []
        for e in entries where Self.fits(e.segments, got) && !out.contains(e.method) { out.append(e.method) }
        return out
    }

    private static func fits(_ want: [Substring], _ got: [Substring]) -> Bool {
        guard want.count == got.count else { return false }
        for (w, g) in zip(want, got) {
            if w.hasPrefix("{"), w.hasSuffix("}") {
                if g.isEmpty { return false }
            } else if w != g {
                return false
            }
        }
        return true
    }
}

extension RequestContext {
    /// The path parameter `name`, percent-decoded as Go's `url.PathUnescape` does (the router
    /// hands over the raw segment).
    package func pathParameter(_ name: String) -> String? {
        guard let raw = parameters.get(name) else { return nil }
        return (try? GoURL.pathUnescape(String(raw))) ?? String(raw)
    }
}
