import Wire

/// Settings of the membership machine: memberlist's `DefaultLANConfig` as Alertmanager 0.25's
/// `cluster.Create` overrides it, plus Alertmanager's own reconnect/refresh/settle timings.
@dynamicMemberLookup
package struct MembershipConfig: Sendable {
    /// This node's name (Alertmanager: a fresh ULID per start).
    package var name: String
    /// The address other nodes reach us at (4-byte IPv4 or 16-byte IPv6) and its port.
    package var advertise: Endpoint
    /// Node meta (Alertmanager sends an empty, non-nil Meta).
    package var meta: [UInt8] = []
    /// `[PMin, PMax, PCur, DMin, DMax, DCur]`, what every Alertmanager 0.25 advertises.
    package var vsn: [UInt8] = Memberlist.alertmanagerVsn
    /// `--cluster.peer` entries (`host:port`), re-resolved every `refreshInterval`.
    package var peers: [String] = []

    /// The `--cluster.*` timings (read and set as `config.gossipInterval` and so on).
    package var timings = GossipTimings()
    /// Alertmanager's `DefaultRefreshInterval`: re-resolve and re-join configured peers.
    package var refreshInterval: Duration = .seconds(15)
    /// How often failed peers older than `reconnectTimeout` are dropped (Alertmanager: 5 min).
    package var failedPeerPruneInterval: Duration = .seconds(300)
    /// memberlist `GossipToTheDeadTime`.
    package var gossipToTheDeadTime: Duration = .seconds(30)

    package var indirectChecks = 3
    /// memberlist `RetransmitMult` for its own alive/suspect/dead broadcasts.
    package var retransmitMult = 4
    package var suspicionMult = 4
    package var suspicionMaxTimeoutMult = 6
    package var awarenessMaxMultiplier = 8
    /// memberlist `UDPBufferSize` (Alertmanager's `MaxGossipPacketSize`).
    package var udpBufferSize = 1400
    /// memberlist `EnableCompression`.
    package var enableCompression = true
    /// Optional memberlist label (0.26+ `--cluster.label`; must stay empty against 0.25).
    package var label: [UInt8] = []
    package var seed: UInt64 = 1
    /// Run a gossip round as soon as the application queues a new broadcast instead of waiting
    /// for the next gossip tick. Same messages and transmit limits as memberlist, sent earlier:
    /// cuts propagation latency by up to one gossip interval per hop.
    package var eagerGossip = true

    /// `GossipNodes` and the user-queue retransmit factor: `max(3, len(peers)/2)` as
    /// Alertmanager's `cluster.Create` computes `retransmit`.
    package var gossipNodes: Int { max(3, peers.count / 2) }

    package init(name: String, advertise: Endpoint, peers: [String] = []) {
        self.name = name
        self.advertise = advertise
        self.peers = peers
    }
}

extension MembershipConfig {
    package subscript<T>(dynamicMember path: WritableKeyPath<GossipTimings, T>) -> T {
        get { timings[keyPath: path] }
        set { timings[keyPath: path] = newValue }
    }
}

/// The gossip timings Alertmanager 0.25 sets through `--cluster.*` flags, with its defaults;
/// one struct so that the flags, the transport's settings and the membership machine agree.
package struct GossipTimings: Sendable, Hashable {
    package var gossipInterval: Duration = .milliseconds(200)
    package var pushPullInterval: Duration = .seconds(60)
    package var probeInterval: Duration = .seconds(1)
    package var probeTimeout: Duration = .milliseconds(500)
    package var settleTimeout: Duration = .seconds(60)
    package var reconnectInterval: Duration = .seconds(10)
    package var reconnectTimeout: Duration = .seconds(6 * 3600)

    package init() {}
}
