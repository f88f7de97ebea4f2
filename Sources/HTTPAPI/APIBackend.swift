import APIModel
import AlertCore
import Foundation
import History

/// What the API needs from the rest of the server (route tree, dispatcher, silences,
/// inhibitor, config, cluster). HTTPAPI does not depend on the modules behind it: the
/// composition root implements this protocol (tests implement fakes). Every method may be
/// called concurrently from many requests.
package protocol APIBackend: Sendable {
    /// Receiver names of the routes matching `labels`, in route-tree order, duplicates kept
    /// (Alertmanager's `route.Match(labels)` mapped to `RouteOpts.Receiver`).
    func receivers(for labels: LabelSet) -> [String]

    /// Re-evaluates inhibition and silences for `alert` (whose fingerprint the caller passes,
    /// so it is not hashed again), updating the marker, and returns its current status
    /// (Alertmanager's API calls `inhibitor.Mutes` then `silencer.Mutes` for every listed
    /// alert, so GETs never show `unprocessed`).
    func evaluateMutes(_ alert: Alert, fingerprint: Fingerprint) -> AlertStatus

    /// `evaluateMutes` for many alerts at once (the alert listing): same effect on the marker
    /// and same results, in `entries` order, so that an implementation can take its shared
    /// locks once per call instead of once per alert.
    func evaluateMutes(_ entries: [(fingerprint: Fingerprint, alert: Alert)]) -> [AlertStatus]

    /// The dispatcher's groups view (`Dispatcher.Groups`, reference §3.8): for every route whose
    /// receiver passes `routeFilter` and every aggregation group, the alerts passing
    /// `alertFilter(alert, now)`; groups left empty are omitted. Sorted as §3.8 says.
    func groups(routeFilter: @escaping @Sendable (String) -> Bool,
                alertFilter: @escaping @Sendable (Alert, Date) -> Bool) async -> APIGroupsView

    /// `GET /api/v2/status` data: config YAML as re-marshalled, version, start time, cluster.
    func status() async -> APIStatus

    /// The running routing tree and its matching (tocsin's `/api/tocsin/v1/routes`), from one
    /// runtime.
    func routeTree() -> APIRouteTree

    /// All receiver names in config order (`GET /api/v2/receivers`).
    func receiverNames() -> [String]

    /// Each receiver's `labels` (0.33), by name; receivers without labels may be absent.
    func receiverLabels() -> [String: [String: String]]

    /// `global.resolve_timeout` of the current config, in seconds.
    func resolveTimeout() -> TimeInterval

    /// Reloads the configuration; returns nil on success or the error text
    /// (answered 500 `failed to reload config: <err>`).
    func reload() async -> String?

    /// The `/metrics` exposition text.
    func metricsExposition() async -> String

    /// The notification history matching `query`, newest first: this node's records when
    /// `local`, else the whole cluster's (tocsin's `/api/tocsin/v1/notifications`).
    func notifications(_ query: HistoryQuery, local: Bool) async -> APINotifications

    /// The "why" of the alert with this fingerprint, nil when no such alert is stored.
    func explain(_ fingerprint: Fingerprint) async -> APIExplanation?

    /// Whether the node would notify now (`/-/ready`): false while a clustered node waits for
    /// the gossip to settle (issue #17).
    func isReady() -> Bool
}

extension APIBackend {
    /// One `evaluateMutes` call per entry, for backends with nothing to share across a batch.
    package func evaluateMutes(_ entries: [(fingerprint: Fingerprint, alert: Alert)]) -> [AlertStatus] {
        entries.map { evaluateMutes($0.alert, fingerprint: $0.fingerprint) }
    }
}

extension APIBackend {
    package func receiverLabels() -> [String: [String: String]] { [:] }

    /// Backends without a cluster are ready as soon as they answer.
    package func isReady() -> Bool { true }
}
