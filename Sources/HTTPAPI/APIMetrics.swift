import Metrics

/// The API's counters and gauges, under Alertmanager's metric names.
struct APIMetrics: Sendable {
    /// `alertmanager_alerts_received_total{version="v2",status="firing"}`.
    let receivedFiring = Counter(label: "alertmanager_alerts_received_total",
                                 dimensions: [("version", "v2"), ("status", "firing")])
    /// `alertmanager_alerts_received_total{version="v2",status="resolved"}`.
    let receivedResolved = Counter(label: "alertmanager_alerts_received_total",
                                   dimensions: [("version", "v2"), ("status", "resolved")])
    /// `alertmanager_alerts_invalid_total{version="v2"}`.
    let invalid = Counter(label: "alertmanager_alerts_invalid_total", dimensions: [("version", "v2")])
    /// `alertmanager_http_requests_in_flight{method="get"}`.
    let getsInFlight = Gauge(label: "alertmanager_http_requests_in_flight", dimensions: [("method", "get")])
    /// `alertmanager_http_concurrency_limit_exceeded_total{method="get"}`.
    let limitExceeded = Counter(label: "alertmanager_http_concurrency_limit_exceeded_total",
                                dimensions: [("method", "get")])
}
