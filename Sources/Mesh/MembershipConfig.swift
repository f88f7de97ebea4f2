import Wire

/// Settings of the membership machine: memberlist's `DefaultLANConfig` as Alertmanager 0.25's
/// `cluster.Create` overrides it, plus Alertmanager's own reconnect/refresh/settle timings.
public struct MembershipConfig: Sendable {
    /// This node's name (Alertmanager: a fresh ULID per start).
    public var name: String
    /// The address other nodes reach us at (4-byte IPv4 or 16-byte IPv6) and its port.
    public var advertise: Endpoint
    /// Node meta (Alertmanager sends an empty, non-nil Meta).
    public var meta: [UInt8] = []
    /// `[PMin, PMax, PCur, DMin, DMax, DCur]`, what every Alertmanager 0.25 advertises.
    public var vsn: [UInt8] = Memberlist.alertmanagerVsn
    /// `--cluster.peer` entries (`host:port`), re-resolved every `refreshInterval`.
    public var peers: [String] = []

    public var gossipInterval: Duration = .milliseconds(200)
    public var pushPullInterval: Duration = .seconds(60)
    public var probeInterval: Duration = .seconds(1)
    public var probeTimeout: Duration = .milliseconds(500)
    public var settleTimeout: Duration = .seconds(60)
    public var reconnectInterval: Duration = .seconds(10)
    public var reconnectTimeout: Duration = .seconds(6 * 3600)
    /// Alertmanager's `DefaultRefreshInterval`: re-resolve and re-join configured peers.
    public var refreshInterval: Duration = .seconds(15)
    /// How often failed peers older than `reconnectTimeout` are dropped (Alertmanager: 5 min).
    public var failedPeerPruneInterval: Duration = .seconds(300)
    /// memberlist `GossipToTheDeadTime`.
    public var gossipToTheDeadTime: Duration = .seconds(30)

    public var indirectChecks = 3
    /// memberlist `RetransmitMult` for its own alive/suspect/dead broadcasts.
    public var retransmitMult = 4
    public var suspicionMult = 4
    public var suspicionMaxTimeoutMult = 6
    public var awarenessMaxMultiplier = 8
    /// memberlist `UDPBufferSize` (Alertmanager's `MaxGossipPacketSize`).
    public var udpBufferSize = 1400
    /// memberlist `EnableCompression`.
    public var enableCompression = true
    /// Optional memberlist label (0.26+ `--cluster.label`; must stay empty against 0.25).
    public var label: [UInt8] = []
    public var seed: UInt64 = 1
    /// Run a gossip round as soon as the application queues a new broadcast instead of waiting
    /// for the next gossip tick. Same messages and transmit limits as memberlist, sent earlier:
    /// cuts propagation latency by up to one gossip interval per hop.
    public var eagerGossip = true

    /// `GossipNodes` and the user-queue retransmit factor: `max(3, len(peers)/2)` as
    /// Alertmanager's `cluster.Create` computes `retransmit`.
    public var gossipNodes: Int { max(3, peers.count / 2) }

    public init(name: String, advertise: Endpoint, peers: [String] = []) {
        self.name = name
        self.advertise = advertise
        self.peers = peers
    }
}
