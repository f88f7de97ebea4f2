import GoCompat

/// `alertmanagerStatus` of API v2.
package struct APIStatus: Sendable {
    /// `config.original`: the loaded config re-marshalled to YAML with secrets as `<secret>`.
    package var configYAML: String
    package var versionInfo: VersionInfo
    /// Process start time (`uptime` is this timestamp, not a duration), in the offset the
    /// server wrote it with.
    package var uptime: GoTime
    package var cluster: ClusterStatus

    package init(configYAML: String, versionInfo: VersionInfo, uptime: GoTime, cluster: ClusterStatus) {
        self.configYAML = configYAML
        self.versionInfo = versionInfo
        self.uptime = uptime
        self.cluster = cluster
    }

    package struct VersionInfo: Sendable {
        package var branch, buildDate, buildUser, goVersion, revision, version: String
    }

    /// `clusterStatus`: `name` omitted when clustering is disabled; peers sorted by name, self included.
    package struct ClusterStatus: Sendable {
        package var name: String?
        /// "ready", "settling" or "disabled".
        package var status: String
        package var peers: [Peer]
        package init(name: String?, status: String, peers: [Peer]) {
            self.name = name
            self.status = status
            self.peers = peers
        }

        package static let disabled = ClusterStatus(name: nil, status: "disabled", peers: [])
    }

    package struct Peer: Sendable {
        package var name: String
        /// `ip:port` of the peer's gossip address.
        package var address: String
        package init(name: String, address: String) {
            self.name = name
            self.address = address
        }
    }
}

extension JSONWriter {
    /// An `alertmanagerStatus` document with its newline, fields in go-swagger's (alphabetical) order.
    package mutating func status(_ s: APIStatus) {
        raw("{\"cluster\":")
        clusterStatus(s.cluster)
        raw(",\"config\":{\"original\":")
        string(s.configYAML)
        raw("},\"uptime\":")
        rfc3339(s.uptime, fraction: .milliseconds)
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

    /// A `clusterStatus` (`name` is `omitempty`).
    package mutating func clusterStatus(_ c: APIStatus.ClusterStatus) {
        raw(UInt8(ascii: "{"))
        if let name = c.name, !name.isEmpty {
            raw("\"name\":")
            string(name)
            raw(UInt8(ascii: ","))
        }
        raw("\"peers\":[")
        for (i, p) in c.peers.enumerated() {
            raw(i == 0 ? "{\"address\":" : ",{\"address\":")
            string(p.address)
            raw(",\"name\":")
            string(p.name)
            raw(UInt8(ascii: "}"))
        }
        raw("],\"status\":")
        string(c.status)
        raw(UInt8(ascii: "}"))
    }
}

extension APIStatus {
    /// `GET /status`' answer, as amtool reads it.
    package static func decode(_ body: [UInt8]) throws(JSONError) -> APIStatus {
        let f = try JSONFields(try JSONValue.document(body), goType: "models.AlertmanagerStatus")
        let c = try JSONFields(try f.object("cluster", of: "models.ClusterStatus") ?? .null, goType: "models.ClusterStatus")
        var peers: [Peer] = []
        for p in try c.array("peers", of: "[]*models.PeerStatus") ?? [] {
            let pf = try JSONFields(p, goType: "models.PeerStatus")
            peers.append(Peer(name: try pf.string("name") ?? "", address: try pf.string("address") ?? ""))
        }
        let config = try JSONFields(try f.object("config", of: "models.AlertmanagerConfig") ?? .null,
                                    goType: "models.AlertmanagerConfig")
        let v = try JSONFields(try f.object("versionInfo", of: "models.VersionInfo") ?? .null, goType: "models.VersionInfo")
        return APIStatus(
            configYAML: try config.string("original") ?? "",
            versionInfo: VersionInfo(branch: try v.string("branch") ?? "", buildDate: try v.string("buildDate") ?? "",
                                     buildUser: try v.string("buildUser") ?? "", goVersion: try v.string("goVersion") ?? "",
                                     revision: try v.string("revision") ?? "", version: try v.string("version") ?? ""),
            uptime: try f.time("uptime") ?? .zero,
            cluster: ClusterStatus(name: try c.string("name"), status: try c.string("status") ?? "", peers: peers))
    }
}
