import AlertCore
import Foundation

/// What the API needs from the rest of the server (route tree, dispatcher, silences,
/// inhibitor, config, cluster), as closures so that HTTPAPI does not depend on modules
/// written elsewhere. The composition root fills it in; every closure may be called
/// concurrently from many requests.
public struct APIBackend: Sendable {
    /// Receiver names of the routes matching `labels`, in route-tree order, duplicates kept
    /// (Alertmanager's `route.Match(labels)` mapped to `RouteOpts.Receiver`).
    public var receivers: @Sendable (LabelSet) -> [String]

    /// Re-evaluates inhibition and silences for `alert` (whose fingerprint the caller passes,
    /// so it is not hashed again), updating the marker, and returns its current status
    /// (Alertmanager's API calls `inhibitor.Mutes` then `silencer.Mutes` for every listed
    /// alert, so GETs never show `unprocessed`).
    public var evaluateMutes: @Sendable (Alert, Fingerprint) -> AlertStatus

    /// `evaluateMutes` for many alerts at once (the alert listing): same effect on the marker
    /// and same results, in `entries` order, with the shared locks taken once per call
    /// instead of once per alert. Defaults to calling `evaluateMutes` for each entry.
    public var evaluateMutesAll: @Sendable (_ entries: [(fingerprint: Fingerprint, alert: Alert)]) -> [AlertStatus]

    /// The dispatcher's groups view (`Dispatcher.Groups`, reference §3.8): for every route whose
    /// receiver passes `routeFilter` and every aggregation group, the alerts passing
    /// `alertFilter(alert, now)`; groups left empty are omitted. Sorted as §3.8 says.
    public var groups: @Sendable (_ routeFilter: @escaping @Sendable (String) -> Bool,
                                  _ alertFilter: @escaping @Sendable (Alert, Date) -> Bool) async -> APIGroupsView

    /// `GET /api/v2/status` data: config YAML as re-marshalled, version, start time, cluster.
    public var status: @Sendable () async -> APIStatus

    /// All receiver names in config order (`GET /api/v2/receivers`).
    public var receiverNames: @Sendable () -> [String]

    /// `global.resolve_timeout` of the current config, in seconds.
    public var resolveTimeout: @Sendable () -> TimeInterval

    /// Reloads the configuration; returns nil on success or the error text
    /// (answered 500 `failed to reload config: <err>`).
    public var reload: @Sendable () async -> String?

    /// The `/metrics` exposition text.
    public var metrics: @Sendable () async -> String

    public init(
        receivers: @escaping @Sendable (LabelSet) -> [String],
        evaluateMutes: @escaping @Sendable (Alert, Fingerprint) -> AlertStatus,
        groups: @escaping @Sendable (_ routeFilter: @escaping @Sendable (String) -> Bool,
                                     _ alertFilter: @escaping @Sendable (Alert, Date) -> Bool) async -> APIGroupsView,
        status: @escaping @Sendable () async -> APIStatus,
        receiverNames: @escaping @Sendable () -> [String],
        resolveTimeout: @escaping @Sendable () -> TimeInterval,
        reload: @escaping @Sendable () async -> String?,
        metrics: @escaping @Sendable () async -> String,
        evaluateMutesAll: (@Sendable (_ entries: [(fingerprint: Fingerprint, alert: Alert)]) -> [AlertStatus])? = nil
    ) {
        self.receivers = receivers
        self.evaluateMutes = evaluateMutes
        self.evaluateMutesAll = evaluateMutesAll ?? { entries in entries.map { evaluateMutes($0.alert, $0.fingerprint) } }
        self.groups = groups
        self.status = status
        self.receiverNames = receiverNames
        self.resolveTimeout = resolveTimeout
        self.reload = reload
        self.metrics = metrics
    }
}

/// One aggregation group as `GET /api/v2/alerts/groups` shows it.
public struct APIAlertGroup: Sendable {
    public var labels: LabelSet
    public var receiver: String
    public var alerts: [Alert]

    public init(labels: LabelSet, receiver: String, alerts: [Alert]) {
        self.labels = labels
        self.receiver = receiver
        self.alerts = alerts
    }
}

/// The dispatcher's answer for the groups endpoint: sorted groups plus, per alert, the
/// sorted receiver names of all groups containing it (shown as the alert's `receivers`).
public struct APIGroupsView: Sendable {
    public var groups: [APIAlertGroup]
    public var receivers: [Fingerprint: [String]]

    public init(groups: [APIAlertGroup], receivers: [Fingerprint: [String]]) {
        self.groups = groups
        self.receivers = receivers
    }
}

/// `alertmanagerStatus` of API v2.
public struct APIStatus: Sendable {
    /// `config.original`: the loaded config re-marshalled to YAML with secrets as `<secret>`.
    public var configYAML: String
    public var versionInfo: VersionInfo
    /// Process start time (`uptime` is this timestamp, not a duration).
    public var uptime: Date
    public var cluster: ClusterStatus

    public init(configYAML: String, versionInfo: VersionInfo, uptime: Date, cluster: ClusterStatus) {
        self.configYAML = configYAML
        self.versionInfo = versionInfo
        self.uptime = uptime
        self.cluster = cluster
    }

    public struct VersionInfo: Sendable {
        public var branch, buildDate, buildUser, goVersion, revision, version: String
        public init(branch: String, buildDate: String, buildUser: String, goVersion: String,
                    revision: String, version: String) {
            self.branch = branch
            self.buildDate = buildDate
            self.buildUser = buildUser
            self.goVersion = goVersion
            self.revision = revision
            self.version = version
        }
    }

    /// `clusterStatus`: `name` omitted when clustering is disabled; peers sorted by name, self included.
    public struct ClusterStatus: Sendable {
        public var name: String?
        /// "ready", "settling" or "disabled".
        public var status: String
        public var peers: [Peer]
        public init(name: String?, status: String, peers: [Peer]) {
            self.name = name
            self.status = status
            self.peers = peers
        }

        public static let disabled = ClusterStatus(name: nil, status: "disabled", peers: [])
    }

    public struct Peer: Sendable {
        public var name: String
        /// `ip:port` of the peer's gossip address.
        public var address: String
        public init(name: String, address: String) {
            self.name = name
            self.address = address
        }
    }
}
