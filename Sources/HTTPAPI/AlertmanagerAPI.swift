import AlertCore
import AlertStore
import Foundation
import Hummingbird
import Logging
import Synchronization

/// Alertmanager's HTTP surface as one Hummingbird responder: API v2 alerts/groups/receivers/
/// status, the v1 410s, `/-/healthy`, `/-/ready`, `/-/reload`, `/metrics`, all under
/// `--web.route-prefix`. Routing is a plain switch on the path (no trie), which keeps the
/// go-openapi details exact: JSON 404/405 bodies under `/api/v2/`, a GET concurrency limit
/// on the API only, `GET /` redirecting to the prefix.
public struct AlertmanagerAPI: HTTPResponder {
    public typealias Context = BasicRequestContext

    let store: AlertStore
    let backend: APIBackend
    let config: APIConfiguration
    let clock: any TimeSource
    let metrics = APIMetrics()
    let getsInFlight: GetLimiter
    /// Extra `/api/v2` routes (silences, added by the server), matched after the built-in ones.
    let extraRoutes: [APIRoute]

    public init(store: AlertStore, backend: APIBackend, configuration: APIConfiguration = APIConfiguration(),
                clock: any TimeSource = WallClock(), extraRoutes: [APIRoute] = []) {
        self.store = store
        self.backend = backend
        self.config = configuration
        self.clock = clock
        self.getsInFlight = GetLimiter()
        self.extraRoutes = extraRoutes
    }

    /// A Hummingbird application serving this API on `host:port` (one per listen address).
    /// (For the bound port of port 0, build `Application(responder:configuration:onServerRunning:)` directly.)
    public func makeApplication(host: String, port: Int, logger: Logger? = nil) -> Application<Self> {
        Application(responder: self, configuration: .init(address: .hostname(host, port: port), serverName: nil),
                    logger: logger)
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        let prefix = config.routePrefix
        var rel = Substring(path)
        if prefix != "/" {
            if path == "/", request.method == .get || request.method == .head { return Responses.redirect(to: prefix) }
            guard path.hasPrefix(prefix) else { return Responses.notFound() }
            rel = path.dropFirst(prefix.count)
            if rel.isEmpty { rel = "/" } else if rel.first != "/" { return Responses.notFound() }
        }
        if rel.hasPrefix("/api/") {
            return try await api(rel, request: request, context: context)
        }
        switch rel {
        case "/":
            switch request.method {
            case .get: return Responses.text(IndexPage.html(prefix: prefix), contentType: "text/html; charset=utf-8")
            case .head: return Response(status: .ok)
            default: return Responses.methodNotAllowed()
            }
        case "/-/healthy", "/-/ready":
            switch request.method {
            case .get: return Responses.text("OK", contentType: nil)
            case .head: return Response(status: .ok)
            default: return Responses.methodNotAllowed()
            }
        case "/-/reload":
            guard request.method == .post else { return Responses.methodNotAllowed() }
            if let err = await backend.reload() {
                return Responses.text("failed to reload config: \(err)\n", status: .internalServerError)
            }
            return Response(status: .ok)
        case "/metrics":
            guard request.method == .get else { return Responses.methodNotAllowed() }
            return Responses.text(await backend.metrics(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        default:
            return Responses.notFound()
        }
    }

    /// Everything under `<prefix>/api/`: GETs pass the concurrency limit first.
    private func api(_ rel: Substring, request: Request, context: Context) async throws -> Response {
        guard request.method == .get else { return try await apiRoute(rel, request: request, context: context) }
        let limit = config.getConcurrency
        guard getsInFlight.enter(limit: limit) else {
            metrics.limitExceeded.increment()
            return Responses.text("Limit of concurrent GET requests reached (\(limit)), try again later.\n",
                                  status: .serviceUnavailable)
        }
        metrics.getsInFlight.record(getsInFlight.current)
        defer {
            getsInFlight.leave()
            metrics.getsInFlight.record(getsInFlight.current)
        }
        return try await apiRoute(rel, request: request, context: context)
    }

    private func apiRoute(_ rel: Substring, request: Request, context: Context) async throws -> Response {
        if rel == "/api/v1" || rel.hasPrefix("/api/v1/") { return Responses.v1Gone() }
        guard rel.hasPrefix("/api/v2/") else { return Responses.notFound() }
        var response = try await v2(String(rel), request: request, context: context)
        if request.headers[.origin] != nil {
            response.headers[.accessControlAllowOrigin] = "*"
            response.headers[.vary] = "Origin"
        }
        return response
    }

    private func v2(_ path: String, request: Request, context: Context) async throws -> Response {
        let m = request.method
        if m == .options, request.headers[.origin] != nil { return Responses.preflight(request) }
        switch path {
        case "/api/v2/alerts":
            if m == .get { return await getAlerts(request) }
            if m == .post { return try await postAlerts(request) }
            return Responses.apiMethodNotAllowed(m, allowed: ["GET", "POST"])
        case "/api/v2/alerts/groups":
            return m == .get ? await getAlertGroups(request) : Responses.apiMethodNotAllowed(m, allowed: ["GET"])
        case "/api/v2/receivers":
            return m == .get ? getReceivers() : Responses.apiMethodNotAllowed(m, allowed: ["GET"])
        case "/api/v2/status":
            return m == .get ? await getStatus() : Responses.apiMethodNotAllowed(m, allowed: ["GET"])
        default:
            if let r = try await APIRoute.dispatch(extraRoutes, path: path, request: request, context: context) {
                return r
            }
            return Responses.apiNotFound(path)
        }
    }
}

/// Counts API GETs in flight (`--web.get-concurrency`).
final class GetLimiter: Sendable {
    private let count = Atomic<Int>(0)

    var current: Int { count.load(ordering: .relaxed) }

    func enter(limit: Int) -> Bool {
        let n = count.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
        if n > limit {
            count.wrappingSubtract(1, ordering: .acquiringAndReleasing)
            return false
        }
        return true
    }

    func leave() { count.wrappingSubtract(1, ordering: .acquiringAndReleasing) }
}
