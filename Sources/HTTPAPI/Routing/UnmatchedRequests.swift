import Hummingbird

/// The answers for requests no route takes, as Alertmanager's muxes give them: Go's text
/// 404 outside the API, its text 405 for a web path asked with another method, 410 for
/// anything under API v1 (as 0.27+ does), and go-openapi's JSON 404/405 under API v2.
/// Installed on the router, so it sees both the router's misses (no endpoint set on the
/// context) and routed requests whose path the router only matched loosely.
struct UnmatchedRequests<Context: RequestContext>: RouterMiddleware {
    let prefix: RoutePrefix
    /// The web routes (index, health, reload, metrics).
    let web: EndpointTable
    /// The API v2 routes.
    let api: EndpointTable

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        // The prefix is a router path too, so a prefix such as `/*` or `/:x` would match more
        // than itself: a routed request must also be under the prefix literally (or be the
        // root redirect).
        if context.endpointPath != nil, prefix.isExact(path), path == "/" || prefix.relative(path) != nil {
            return try await next(request, context)
        }
        return answer(request.method, path: path)
    }

    func answer(_ method: HTTPRequest.Method, path: String) -> Response {
        guard let rel = prefix.relative(path) else { return Responses.notFound() }
        if rel == "/api/v1" || rel.hasPrefix("/api/v1/") { return Responses.v1Gone() }
        if rel.hasPrefix("/api/v2/") {
            let allowed = api.methods(for: rel)
            return allowed.isEmpty ? Responses.apiNotFound(String(rel)) : Responses.apiMethodNotAllowed(method, allowed: allowed)
        }
        return web.methods(for: rel).isEmpty ? Responses.notFound() : Responses.methodNotAllowed()
    }
}
