import Foundation

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

extension JSONWriter {
    /// An `alertmanagerStatus` document with its newline, fields in go-swagger's (alphabetical) order.
    package mutating func status(_ s: APIStatus) {
        raw("{\"cluster\":{")
        if let name = s.cluster.name {
            raw("\"name\":")
            string(name)
            raw(UInt8(ascii: ","))
        }
        raw("\"peers\":[")
        for (i, p) in s.cluster.peers.enumerated() {
            raw(i == 0 ? "{\"address\":" : ",{\"address\":")
            string(p.address)
            raw(",\"name\":")
            string(p.name)
            raw(UInt8(ascii: "}"))
        }
        raw("],\"status\":")
        string(s.cluster.status)
        raw("},\"config\":{\"original\":")
        string(s.configYAML)
        raw("},\"uptime\":")
        date(s.uptime)
        let v = s.versionInfo
        raw(",\"versionInfo\":{\"branch\":")
        string(v.branch)
        raw(",\"buildDate\":")
        string(v.buildDate)
        raw(",\"buildUser\":")
        string(v.buildUser)
        raw(",\"goVersion\":")
        string(v.goVersion)
        raw(",\"revision\":")
        string(v.revision)
        raw(",\"version\":")
        string(v.version)
        raw("}}\n")
    }
}
