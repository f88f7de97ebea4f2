import AlertCore
import AlertStore
import Foundation
import Prometheus
import Silences

/// The gauges Alertmanager computes from its state (alerts by state, silences by state,
/// config reload status, build info) and the exposition of `/metrics`.
final class ServerMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let alerts: [AlertState: Gauge]
    private let marked: [AlertState: Gauge]
    private let silences: [SilenceState: Gauge]
    let configHash: Gauge
    let reloadSuccessful: Gauge
    let reloadTimestamp: Gauge
    let receivers: Gauge
    let integrations: Gauge
    let inhibitionRules: Gauge
    let clusterEnabled: Gauge

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        func byState<S: Hashable>(_ name: String, _ help: String, _ states: [S], _ label: (S) -> String) -> [S: Gauge] {
            var out: [S: Gauge] = [:]
            for s in states { out[s] = registry.makeGauge(name: name, labels: [("state", label(s))], help: help) }
            return out
        }
        alerts = byState("alertmanager_alerts", "How many alerts by state.", [.active, .suppressed, .unprocessed], \.rawValue)
        marked = byState("alertmanager_marked_alerts", "How many alerts by state are currently marked in the Alertmanager regardless of their expiry.",
                         [.active, .suppressed, .unprocessed], \.rawValue)
        silences = byState("alertmanager_silences", "How many silences by state.", SilenceState.allCases, \.rawValue)
        configHash = registry.makeGauge(name: "alertmanager_config_hash", help: "Hash of the currently loaded alertmanager configuration.")
        reloadSuccessful = registry.makeGauge(name: "alertmanager_config_last_reload_successful",
                                              help: "Whether the last configuration reload attempt was successful.")
        reloadTimestamp = registry.makeGauge(name: "alertmanager_config_last_reload_success_timestamp_seconds",
                                             help: "Timestamp of the last successful configuration reload.")
        receivers = registry.makeGauge(name: "alertmanager_receivers", help: "Number of configured receivers.")
        integrations = registry.makeGauge(name: "alertmanager_integrations", help: "Number of configured integrations.")
        inhibitionRules = registry.makeGauge(name: "alertmanager_inhibition_rules", help: "Number of configured inhibition rules.")
        clusterEnabled = registry.makeGauge(name: "alertmanager_cluster_enabled", help: "Indicates whether the clustering is enabled or not.")
        registry.makeGauge(name: "alertmanager_build_info",
                           labels: [("version", TocsinVersion.compatibleWith), ("revision", TocsinVersion.revision),
                                    ("branch", TocsinVersion.branch), ("goversion", "swift" + TocsinVersion.swiftVersion)],
                           help: "A metric with a constant '1' value labeled by version, revision, branch, and goversion from which alertmanager was built.")
            .set(1.0)
    }

    /// Refreshes the state gauges and renders everything in the text exposition format.
    func exposition(store: InMemoryAlerts, marker: AlertMarker, silenceStore: SilenceStore, now: Date) -> String {
        let counts = store.countByState(now: now, state: marker.state)
        for (s, g) in alerts { g.set(Double(counts[s] ?? 0)) }
        let markedCounts = marker.countByState()
        for (s, g) in marked { g.set(Double(markedCounts[s] ?? 0)) }
        let sc = silenceStore.countByState()
        for (s, g) in silences { g.set(Double(sc[s] ?? 0)) }
        return registry.emitToString() + ProcessMetrics.exposition()
    }
}
