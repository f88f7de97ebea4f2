import AlertCore
import Foundation

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
