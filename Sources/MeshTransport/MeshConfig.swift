import Mesh
import Wire

/// The `--cluster.*` settings of Alertmanager 0.25 with its defaults.
public struct MeshConfig: Sendable {
    /// `--cluster.listen-address` host (UDP and TCP share the port).
    public var listenHost = "0.0.0.0"
    public var listenPort = 9094
    /// `--cluster.advertise-address` host and port.
    public var advertiseHost: String?
    public var advertisePort: Int?
    /// `--cluster.peer` entries, `host:port`.
    public var peers: [String] = []
    /// Our node name (Alertmanager: a fresh ULID per start).
    public var peerName: String
    /// memberlist node metadata sent in our alive messages (Alertmanager sends none and
    /// ignores its peers'; tocsin advertises its API address there).
    public var meta: [UInt8] = []
    public var gossipInterval: Duration = .milliseconds(200)
    public var pushPullInterval: Duration = .seconds(60)
    public var probeInterval: Duration = .seconds(1)
    public var probeTimeout: Duration = .milliseconds(500)
    public var tcpTimeout: Duration = .seconds(10)
    public var settleTimeout: Duration = .seconds(60)
    public var reconnectInterval: Duration = .seconds(10)
    public var reconnectTimeout: Duration = .seconds(6 * 3600)
    /// `--cluster.peer-timeout`: the per-position notification wait (not a wire setting).
    public var peerTimeout: Duration = .seconds(15)
    /// memberlist label (Alertmanager ≥ 0.26 `--cluster.label`; leave nil for 0.25 peers).
    public var label: String?
    /// `--cluster.allow-insecure-public-advertise-address-discovery`.
    public var allowInsecurePublicAdvertise = false
    /// What one inbound stream message may cost (`--cluster.max-stream-bytes`,
    /// `--cluster.max-stream-decompressed-bytes`, `--cluster.max-pushpull-nodes`).
    public var streamLimits = Memberlist.StreamLimits()
    /// `--cluster.max-inbound-streams`: inbound TCP connections handled at once.
    public var maxInboundStreams = 32
    /// How long `stop()` waits for the leave broadcast (Alertmanager: 10s).
    public var leaveTimeout: Duration = .seconds(10)

    public init(peerName: String, listenHost: String = "0.0.0.0", listenPort: Int = 9094, peers: [String] = []) {
        self.peerName = peerName
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.peers = peers
    }

    func membershipConfig(advertise: Endpoint, seed: UInt64) -> MembershipConfig {
        var config = MembershipConfig(name: peerName, advertise: advertise, peers: peers)
        config.gossipInterval = gossipInterval
        config.meta = meta
        config.pushPullInterval = pushPullInterval
        config.probeInterval = probeInterval
        config.probeTimeout = probeTimeout
        config.settleTimeout = settleTimeout
        config.reconnectInterval = reconnectInterval
        config.reconnectTimeout = reconnectTimeout
        config.label = Array((label ?? "").utf8)
        config.seed = seed
        return config
    }
}

/// Why the mesh could not start.
public struct MeshError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
