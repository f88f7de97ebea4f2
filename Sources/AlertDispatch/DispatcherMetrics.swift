import CoreMetrics
import Metrics

/// The dispatcher's two self-metrics, with Alertmanager's names.
struct DispatcherMetrics: Sendable {
    /// `alertmanager_dispatcher_aggregation_groups`: number of live aggregation groups.
    let aggregationGroups: Gauge
    /// `alertmanager_dispatcher_alert_processing_duration_seconds`: time to route one alert and
    /// insert it into its groups (a summary in Alertmanager; how the timer is exported is the
    /// metrics backend's choice).
    let processingDuration: Timer

    init(factory: any MetricsFactory) {
        aggregationGroups = Gauge(label: "alertmanager_dispatcher_aggregation_groups", factory: factory)
        processingDuration = Timer(label: "alertmanager_dispatcher_alert_processing_duration_seconds",
                                   factory: factory)
    }
}
