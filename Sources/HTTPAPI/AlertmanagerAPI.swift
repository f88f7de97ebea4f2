import AlertCore
import AlertStore
import Foundation
import Hummingbird
import Logging

/// Alertmanager's HTTP surface on Hummingbird's router: API v2 alerts/groups/receivers/status
/// plus the endpoints other modules add (silences), the v1 410s, `/-/healthy`, `/-/ready`,
/// `/-/reload`, `/metrics` and the web UI, all in a route group under
/// `--web.route-prefix`. Cross-cutting behaviour is middleware (see `buildResponder`).
package struct AlertmanagerAPI: HTTPResponderBuilder, Sendable {
    package typealias Context = APIRequestContext

    let store: InMemoryAlerts
    let backend: any APIBackend
    let config: APIConfiguration
    let clock: any TimeSource
    let metrics = APIMetrics()
    let getsInFlight = GetLimiter()
    /// Counts and logs refusals over a limit (shared with the silences endpoints).
    let rejections: APIRejections
    /// API endpoints added by other modules (silences), paths under `/api/v2/`.
    let endpoints: [HTTPEndpoint]

    package init(store: InMemoryAlerts, backend: any APIBackend, configuration: APIConfiguration = APIConfiguration(),
                clock: any TimeSource = WallClock(), endpoints: [HTTPEndpoint] = [],
                rejections: APIRejections = APIRejections()) {
        self.rejections = rejections
        self.store = store
        self.backend = backend
        self.config = configuration
        self.clock = clock
        self.endpoints = endpoints
    }

    /// A Hummingbird application serving this API on `host:port` (one per listen address).
    /// (For the bound port of port 0, build `Application(router:configuration:onServerRunning:)` directly.)
    package func makeApplication(host: String, port: Int, logger: Logger? = nil) -> Application<RouterResponder<Context>> {
        Application(router: self, configuration: .init(address: .hostname(host, port: port), serverName: nil),
                    logger: logger)
    }

    /// The router. Middleware on the router itself sees every request, routed or not, in this
    /// order: `--web.config.file`'s basic auth and headers (so nothing runs for a request
    /// without credentials), the GET limit (API GETs), CORS (API v2), then the answers for
    /// misses. The web routes' group adds the request metrics. Each Hummingbird application
    /// (one per listen address) builds its own.
    package func buildResponder() -> RouterResponder<Context> {
        let prefix = RoutePrefix(config.routePrefix)
        let web = webEndpoints(prefix)
        let api = apiEndpoints() + endpoints
        let router = Router(context: Context.self)
        if let access = config.webAccess { router.add(middleware: WebAccessMiddleware(access: access)) }
        router.add(middleware: GetConcurrencyLimit(prefix: prefix, limit: config.getConcurrency,
                                                   inFlight: getsInFlight, metrics: metrics))
        router.add(middleware: CORSMiddleware(prefix: prefix))
        router.add(middleware: UnmatchedRequests(prefix: prefix, web: EndpointTable(web), api: EndpointTable(api)))
        let instrumented = router.group().add(middleware: RequestMetrics(prefix: prefix))
        if !prefix.isRoot {
            // Go's `http.Redirect(w, r, prefix, 302)`, outside the prefix.
            for method in [HTTPRequest.Method.get, .head] {
                instrumented.on("/", method: method) { _, _ in Responses.redirect(to: prefix.path) }
            }
        }
        let site = instrumented.group(RouterPath(prefix.path))
        for e in web { site.on(RouterPath(e.path), method: e.method, use: e.handler) }
        let apiGroup = router.group(RouterPath(prefix.path))
        for e in api { apiGroup.on(RouterPath(e.path), method: e.method, use: e.handler) }
        return router.buildResponder()
    }

    /// The body of `/-/ready` while the node waits for the gossip to settle.
    static let notReady = "Not ready: waiting for the cluster to settle\n"

    /// The web UI, health, readiness, reload and metrics (Alertmanager's `ui.Register`).
    func webEndpoints(_ prefix: RoutePrefix) -> [HTTPEndpoint] {
        let backend = self.backend
        let ok: HTTPEndpoint.Handler = { _, _ in Responses.text("OK", contentType: nil) }
        let empty: HTTPEndpoint.Handler = { _, _ in Response(status: .ok) }
        let ui = WebAssets(prefix: prefix.path)
        return [
            HTTPEndpoint(.get, "/") { request, _ in ui.indexResponse(request) },
            HTTPEndpoint(.head, "/", handler: empty),
            HTTPEndpoint(.get, "/static/{file}") { request, context in
                ui.staticResponse(context.pathParameter("file") ?? "", request)
            },
            HTTPEndpoint(.head, "/static/{file}") { request, context in
                ui.staticResponse(context.pathParameter("file") ?? "", request).withoutBody()
            },
            HTTPEndpoint(.get, "/static/js/{file}") { request, context in
                ui.staticResponse("js/" + (context.pathParameter("file") ?? ""), request)
            },
            HTTPEndpoint(.head, "/static/js/{file}") { request, context in
                ui.staticResponse("js/" + (context.pathParameter("file") ?? ""), request).withoutBody()
            },
            HTTPEndpoint(.get, "/-/healthy", handler: ok),
            HTTPEndpoint(.head, "/-/healthy", handler: empty),
            // 503 until the node would notify (the settle gate, issue #17); Alertmanager answers
            // 200 from the start, its probes only learn that the process is up.
            HTTPEndpoint(.get, "/-/ready") { request, context in
                guard backend.isReady() else { return Responses.text(Self.notReady, status: .serviceUnavailable) }
                return try await ok(request, context)
            },
            HTTPEndpoint(.head, "/-/ready") { request, context in
                guard backend.isReady() else { return Response(status: .serviceUnavailable) }
                return try await empty(request, context)
            },
            HTTPEndpoint(.post, "/-/reload") { _, _ in
                if let err = await backend.reload() {
                    return Responses.text("failed to reload config: \(err)\n", status: .internalServerError)
                }
                return Response(status: .ok)
            },
            HTTPEndpoint(.get, "/metrics") { _, _ in
                Responses.text(await backend.metricsExposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
            },
        ]
    }

    /// What stops an expensive evaluation for this request: its client leaving,
    /// `--web.timeout`, shutdown.
    func requestGuard(_ context: Context) -> RequestGuard {
        RequestGuard(channel: context.channel, timeout: config.requestTimeout, clock: clock)
    }

    /// The alert endpoints of API v2 and tocsin's route tree extension; the silences come in `endpoints`.
    func apiEndpoints() -> [HTTPEndpoint] {
        [
            HTTPEndpoint(.get, "/api/v2/alerts") { request, context in await getAlerts(request, guard: requestGuard(context)) },
            HTTPEndpoint(.post, "/api/v2/alerts") { request, _ in try await postAlerts(request) },
            HTTPEndpoint(.get, "/api/v2/alerts/groups") { request, context in
                await getAlertGroups(request, guard: requestGuard(context))
            },
            HTTPEndpoint(.get, "/api/v2/receivers") { request, _ in getReceivers(request) },
            HTTPEndpoint(.get, "/api/v2/status") { _, _ in await getStatus() },
        ] + routeTreeEndpoints() + historyEndpoints()
    }
}
