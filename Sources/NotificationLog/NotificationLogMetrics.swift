import CoreMetrics

/// Alertmanager's `alertmanager_nflog_*` metrics. Go's gc/snapshot durations are summaries;
/// swift-metrics timers become histograms in the Prometheus backend (same names).
/// `alertmanager_nflog_gossip_messages_propagated_total` belongs to the mesh, which re-broadcasts.
struct NotificationLogMetrics: Sendable {
    let queries: Counter
    let queryErrors: Counter
    let queryDuration: Timer
    let gcDuration: Timer
    let snapshotDuration: Timer
    let snapshotSize: Gauge

    init(factory: any MetricsFactory) {
        queries = Counter(label: "alertmanager_nflog_queries_total", factory: factory)
        queryErrors = Counter(label: "alertmanager_nflog_query_errors_total", factory: factory)
        queryDuration = Timer(label: "alertmanager_nflog_query_duration_seconds", factory: factory)
        gcDuration = Timer(label: "alertmanager_nflog_gc_duration_seconds", factory: factory)
        snapshotDuration = Timer(label: "alertmanager_nflog_snapshot_duration_seconds", factory: factory)
        snapshotSize = Gauge(label: "alertmanager_nflog_snapshot_size_bytes", factory: factory)
    }
}
