import Hummingbird
import Synchronization

/// `--web.get-concurrency`: at most `limit` GETs under `<prefix>/api/` served at once; the
/// excess is answered 503 with Alertmanager's text. Other methods and paths pass untouched,
/// as Alertmanager limits only the API's GETs.
struct GetConcurrencyLimit<Context: RequestContext>: RouterMiddleware {
    let prefix: RoutePrefix
    let limit: Int
    let inFlight: GetLimiter
    let metrics: APIMetrics

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get, let rel = prefix.relative(request.uri.path), rel.hasPrefix("/api/") else {
            return try await next(request, context)
        }
        guard inFlight.enter(limit: limit) else {
            metrics.limitExceeded.increment()
            return Responses.text("Limit of concurrent GET requests reached (\(limit)), try again later.\n",
                                  status: .serviceUnavailable)
        }
        metrics.getsInFlight.record(inFlight.current)
        defer {
            inFlight.leave()
            metrics.getsInFlight.record(inFlight.current)
        }
        return try await next(request, context)
    }
}

/// Counts API GETs in flight.
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
