import APIModel
import AlertCore
import AlertDispatch
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
    /// `alertmanager_alerts_per_alert_limit`: `--alerts.per-alertname-limit`.
    let perAlertNameLimit: Gauge

    /// `--enable-feature=group-key-in-metrics`: `alertmanager_alerts` per aggregation group
    /// (`state` and `group_key` labels), written by `groupAlertsExposition`.
    let alertsByGroupKey: Bool

    init(registry: PrometheusCollectorRegistry, alertsByGroupKey: Bool = false) {
        self.registry = registry
        self.alertsByGroupKey = alertsByGroupKey
        func byState<S: Hashable>(_ name: String, _ help: String, _ states: [S], _ label: (S) -> String) -> [S: Gauge] {
            var out: [S: Gauge] = [:]
            for s in states { out[s] = registry.makeGauge(name: name, labels: [("state", label(s))], help: help) }
            return out
        }
        alerts = alertsByGroupKey ? [:]
            : byState("alertmanager_alerts", "How many alerts by state.", [.active, .suppressed, .unprocessed], \.rawValue)
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
        perAlertNameLimit = registry.makeGauge(name: "alertmanager_alerts_per_alert_limit",
                                               help: "Current limit on number of alerts per alert name")
        let build = APIStatus.VersionInfo.thisBuild
        registry.makeGauge(name: "alertmanager_build_info",
                           labels: [("version", build.version), ("revision", build.revision),
                                    ("branch", build.branch), ("goversion", build.goVersion)],
                           help: "A metric with a constant '1' value labeled by version, revision, branch, and goversion from which alertmanager was built.")
            .set(1.0)
    }

    /// Counts an alert dropped by the per-alert-name limit. Like Alertmanager's counter
    /// vector, the series appears at the first drop; it is labelled by alert name only with
    /// `--enable-feature=alert-names-in-metrics`.
    func alertLimited(_ alert: Alert, byName: Bool) {
        let labels = byName ? [("alertname", alert.labels.value("alertname"))] : []
        registry.makeCounter(name: "alertmanager_alerts_limited_total", labels: labels,
                             help: "Total number of alerts that were dropped due to per alert name limit").increment()
    }

    /// `alertmanager_alerts{group_key,state}` as Alertmanager 0.34 writes it with
    /// `group-key-in-metrics`: for each aggregation group, its unresolved alerts by marker
    /// state; nothing while the dispatcher waits for `--dispatch.start-delay`.
    static func groupAlertsExposition(_ groups: [GroupView], marker: AlertMarker, now: Date) -> String {
        var out = "# HELP alertmanager_alerts How many alerts by state.\n# TYPE alertmanager_alerts gauge\n"
        for g in groups.sorted(by: { $0.groupKey < $1.groupKey }) {
            var counts: [AlertState: Int] = [.active: 0, .suppressed: 0, .unprocessed: 0]
            for a in g.alerts where !a.isResolved(at: now) { counts[marker.state(a.fingerprint), default: 0] += 1 }
            let key = escapeLabelValue(g.groupKey)
            for s in [AlertState.active, .suppressed, .unprocessed] {
                out += "alertmanager_alerts{group_key=\"\(key)\",state=\"\(s.rawValue)\"} \(counts[s] ?? 0)\n"
            }
        }
        return out
    }

    /// The text format's escaping of a label value: backslash, double quote, newline.
    static func escapeLabelValue(_ v: String) -> String {
        v.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Refreshes the state gauges and renders everything in the text exposition format.
    func exposition(store: InMemoryAlerts, silenceStore: SilenceStore, now: Date) -> String {
        let counts = store.countByState(now: now)
        for (s, g) in alerts { g.set(Double(counts[s] ?? 0)) }
        let markedCounts = store.markedCounts()
        for (s, g) in marked { g.set(Double(markedCounts[s] ?? 0)) }
        let sc = silenceStore.countByState()
        for (s, g) in silences { g.set(Double(sc[s] ?? 0)) }
        return registry.emitToString() + ProcessMetrics.exposition()
    }
}
