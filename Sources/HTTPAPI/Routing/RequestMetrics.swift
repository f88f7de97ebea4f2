import Hummingbird
import Metrics

/// `alertmanager_http_request_duration_seconds` and `alertmanager_http_response_size_bytes`
/// per `handler` (the route's path without the prefix) and lower-case `method`, as
/// Alertmanager's instrumented router records them. Alertmanager instruments its web routes
/// only, not API v2, so this middleware sits on the web routes' group. The buckets are
/// Alertmanager's, set where the metrics factory is made (`HTTPRequestMetrics`).
struct RequestMetrics<Context: RequestContext>: RouterMiddleware {
    let prefix: RoutePrefix

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let dimensions = [("handler", prefix.handlerName(context.endpointPath ?? request.uri.path)),
                          ("method", request.method.rawValue.lowercased())]
        Metrics.Timer(label: HTTPRequestMetrics.durationLabel, dimensions: dimensions).record(duration: ContinuousClock.now - start)
        Recorder(label: HTTPRequestMetrics.sizeLabel, dimensions: dimensions).record(response.body.contentLength ?? 0)
        return response
    }
}

/// The two request metrics' names and Alertmanager's buckets for them, for the metrics factory.
package enum HTTPRequestMetrics {
    package static let durationLabel = "alertmanager_http_request_duration_seconds"
    /// .05 … 60 seconds.
    package static let durationBuckets: [Duration] = [50, 100, 250, 500, 750, 1000, 2000, 5000, 20000, 60000].map { .milliseconds($0) }
    package static let sizeLabel = "alertmanager_http_response_size_bytes"
    /// 100 · 10^k bytes, k = 0…6.
    package static let sizeBuckets: [Double] = [100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8]
}
