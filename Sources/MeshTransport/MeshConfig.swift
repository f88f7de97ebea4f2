import Mesh
import Wire

/// The `--cluster.*` settings of Alertmanager 0.25 with its defaults.
@dynamicMemberLookup
package struct MeshConfig: Sendable {
    /// `--cluster.listen-address` host (UDP and TCP share the port).
    package var listenHost = "0.0.0.0"
    package var listenPort = 9094
    /// `--cluster.advertise-address` host and port.
    package var advertiseHost: String?
    package var advertisePort: Int?
    /// `--cluster.peer` entries, `host:port`.
    package var peers: [String] = []
    /// Our node name (Alertmanager: a fresh ULID per start).
    package var peerName: String
    /// memberlist node metadata sent in our alive messages (Alertmanager sends none and
    /// ignores its peers'; tocsin advertises its API address there).
    package var meta: [UInt8] = []
    /// The timings the membership machine runs on (read and set as `config.gossipInterval`...).
    package var timings = GossipTimings()
    package var tcpTimeout: Duration = .seconds(10)
    /// `--cluster.peer-timeout`: the per-position notification wait (not a wire setting).
    package var peerTimeout: Duration = .seconds(15)
    /// memberlist label (Alertmanager ≥ 0.26 `--cluster.label`; leave nil for 0.25 peers).
    package var label: String?
    /// `--cluster.allow-insecure-public-advertise-address-discovery`.
    package var allowInsecurePublicAdvertise = false
    /// What one inbound stream message may cost (`--cluster.max-stream-bytes`,
    /// `--cluster.max-stream-decompressed-bytes`, `--cluster.max-pushpull-nodes`).
    package var streamLimits = Memberlist.StreamLimits()
    /// `--cluster.max-inbound-streams`: inbound TCP connections handled at once.
    package var maxInboundStreams = 32
    /// How long `stop()` waits for the leave broadcast (Alertmanager: 10s).
    package var leaveTimeout: Duration = .seconds(10)

    package init(peerName: String, listenHost: String = "0.0.0.0", listenPort: Int = 9094, peers: [String] = []) {
        self.peerName = peerName
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.peers = peers
    }

    func membershipConfig(advertise: Endpoint, seed: UInt64) -> MembershipConfig {
        var config = MembershipConfig(name: peerName, advertise: advertise, peers: peers)
        config.timings = timings
        config.meta = meta
        config.label = Array((label ?? "").utf8)
        config.seed = seed
        return config
    }
}

extension MeshConfig {
    package subscript<T>(dynamicMember path: WritableKeyPath<GossipTimings, T>) -> T {
        get { timings[keyPath: path] }
        set { timings[keyPath: path] = newValue }
    }
}

/// Why the mesh could not start.
package struct MeshError: Error, CustomStringConvertible, Sendable {
    package let description: String
    init(_ description: String) { self.description = description }
}
