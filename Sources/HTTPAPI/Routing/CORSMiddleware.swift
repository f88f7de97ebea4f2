import Hummingbird

/// CORS on API v2 as Alertmanager wraps it with `rs/cors` defaults: any origin, methods GET,
/// POST and HEAD. A preflight (`OPTIONS` with `Origin`) on any `<prefix>/api/v2/` path is
/// answered here; other requests carrying `Origin` get `Access-Control-Allow-Origin: *`, the
/// API's misses (404/405) included.
struct CORSMiddleware<Context: RequestContext>: RouterMiddleware {
    let prefix: RoutePrefix

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.headers[.origin] != nil, let rel = prefix.relative(request.uri.path), rel.hasPrefix("/api/v2/") else {
            return try await next(request, context)
        }
        if request.method == .options { return Self.preflight(request) }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = "*"
        response.headers[.vary] = "Origin"
        return response
    }

    /// rs/cors' preflight answer: the allow headers only for an allowed method.
    static func preflight(_ request: Request) -> Response {
        var headers = HTTPFields()
        headers[.vary] = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
        let method = request.headers[.accessControlRequestMethod]?.uppercased() ?? ""
        if ["GET", "POST", "HEAD"].contains(method) {
            headers[.accessControlAllowOrigin] = "*"
            headers[.accessControlAllowMethods] = method
            if let h = request.headers[.accessControlRequestHeaders], !h.isEmpty {
                headers[.accessControlAllowHeaders] = h
            }
        }
        return Response(status: .ok, headers: headers)
    }
}
