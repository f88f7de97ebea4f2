import Wire

/// A pure, memberlist v0.5.0-compatible membership machine configured as Alertmanager 0.25
/// configures it: SWIM probing with indirect pings, Lifeguard suspicion and awareness,
/// incarnations and refutation, gossip through transmit-limited queues, push-pull
/// anti-entropy, join/reconnect/refresh of configured peers (Alertmanager's `cluster.go`),
/// settle and position. Feed it events with `now`; it returns `MeshAction`s. Time is a
/// monotonic `Duration` since any origin; randomness comes from the seeded generator.
package struct Membership<Delegate: MeshDelegate>: Sendable {
    package let config: MembershipConfig
    package var delegate: Delegate

    var nodes: [String: NodeRecord] = [:]
    var probeOrder: [String] = []
    var probeIndex = 0
    var sequence: UInt32 = 0
    package internal(set) var incarnation: UInt32 = 0
    package internal(set) var awareness: Awareness
    var suspicions: [String: Suspicion] = [:]
    var ownQueue: TransmitLimitedQueue
    var ackHandlers: [UInt32: AckHandler] = [:]
    var probe: ProbeState?
    var pushPulls: [UInt64: PendingPushPull] = [:]
    var nextPushPullID: UInt64 = 0
    var rng: SplitMix64
    /// Alertmanager's `failedPeers`: address → when it failed.
    package internal(set) var failedPeers: [Endpoint: Duration] = [:]
    package internal(set) var leaving = false
    /// Joined/left/updated event counts (`alertmanager_cluster_peers_{joined,left,update}_total`).
    package internal(set) var eventCounts = (joined: 0, left: 0, updated: 0)
    /// Re-joins of failed peers (`alertmanager_cluster_reconnections_total`) and refresh joins
    /// (`alertmanager_cluster_refresh_join_total`).
    package internal(set) var reconnections = 0
    package internal(set) var refreshJoins = 0
    /// Broadcasts dropped by the queue-depth check (`alertmanager_cluster_messages_pruned_total`).
    package internal(set) var prunedBroadcasts = 0
    var started = false
    var timers = Timers()
    var settle = SettleState()

    struct Timers: Sendable {
        var probe: Duration?
        var gossip: Duration?
        var pushPull: Duration?
        var reconnect: Duration?
        var refresh: Duration?
        var prune: Duration?
        var queueCheck: Duration?
    }

    /// Alertmanager prunes its user broadcast queue to this many messages every 15 minutes.
    package static var maxQueuedBroadcasts: Int { 4096 }

    package init(config: MembershipConfig, delegate: Delegate) {
        self.config = config
        self.delegate = delegate
        awareness = Awareness(max: config.awarenessMaxMultiplier)
        ownQueue = TransmitLimitedQueue(retransmitMult: config.retransmitMult)
        rng = SplitMix64(seed: config.seed)
    }

    // MARK: - Queries

    package var name: String { config.name }

    /// Alive and suspect nodes, self included (memberlist `Members()`, Alertmanager `Peers()`).
    package var members: [Member] {
        nodes.values.filter(\.isMember).sorted { $0.name < $1.name }
            .map { Member(name: $0.name, endpoint: $0.endpoint, meta: $0.meta) }
    }

    /// Every node in the table, dead and left ones too.
    package var nodeTable: [NodeRecord] { nodes.values.sorted { $0.name < $1.name } }

    package func node(named name: String) -> NodeRecord? { nodes[name] }

    /// Peers this node knew that it cannot reach now (suspect or dead; a peer that left is
    /// not missed), sorted by name: a send now may be duplicated on their side.
    package var unreachablePeers: [String] {
        nodes.values.filter { $0.name != config.name && ($0.state == .suspect || $0.state == .dead) }.map(\.name).sorted()
    }

    /// Alertmanager `Position()`: index of our name among members sorted by name.
    package var position: Int {
        members.firstIndex { $0.name == config.name } ?? 0
    }

    /// Whether the settle procedure has finished ("ready"); otherwise "settling".
    package var isReady: Bool { settle.ready }

    /// Total node-table size (memberlist `estNumNodes`).
    var estimatedNodes: Int { nodes.count }

    /// Whether the dead-self broadcast of `leave` is still waiting to be sent.
    package var leavePending: Bool { leaving && ownQueue.contains(name: config.name) && otherAliveCount > 0 }

    var otherAliveCount: Int { nodes.values.filter { $0.name != config.name && $0.state == .alive }.count }

    /// The earliest time `tick` has work to do; the event-driven shell sleeps until then (or
    /// the next packet). Only deadlines a tick at that time acts on count, so that it is
    /// always later than the last tick: while a probe runs, the probe timer waits for it (as
    /// memberlist's probe ticker drops ticks during a slow probe), and a probe's own ack
    /// handler is covered by the probe's deadlines.
    package var nextWakeup: Duration? {
        var candidates: [Duration?] = [probe == nil ? timers.probe : nil, timers.gossip, timers.pushPull, timers.reconnect,
                                        timers.refresh, timers.prune, timers.queueCheck, settle.nextPoll, settle.ready ? nil : settle.deadline]
        if let probe { candidates.append(probe.indirectSent ? probe.finalDeadline : probe.directDeadline) }
        candidates += ackHandlers.values.filter { if case .relay = $0.kind { true } else { false } }.map(\.deadline)
        candidates += suspicions.values.map { Optional($0.deadline) }
        return candidates.compactMap { $0 }.min()
    }

    // MARK: - Lifecycle

    /// Creates our own node (incarnation 1), starts the timers and asks for the configured
    /// peers to be resolved (Alertmanager then joins them).
    package mutating func start(now: Duration) -> [MeshAction] {
        guard !started else { return [] }
        started = true
        var actions: [MeshAction] = []
        incarnation = 1
        let me = Memberlist.Alive(incarnation: 1, node: config.name, addr: config.advertise.ip,
                                  port: config.advertise.port, meta: config.meta, vsn: config.vsn)
        aliveNode(me, bootstrap: true, now: now, actions: &actions)
        timers.probe = now + jitter(config.probeInterval)
        timers.gossip = now + config.gossipInterval
        timers.pushPull = now + jitter(config.pushPullInterval)
        timers.reconnect = now + config.reconnectInterval
        timers.refresh = now + config.refreshInterval
        timers.prune = now + config.failedPeerPruneInterval
        timers.queueCheck = now + .seconds(15 * 60)
        settle.synced = config.peers.isEmpty
        settle.begin(now: now, interval: config.gossipInterval * 10, timeout: config.settleTimeout)
        if settle.ready { actions.append(.settled) }
        actions.append(.resolvePeers(config.peers, initial: true))
        return actions
    }

    /// Runs every timer that is due at `now`.
    package mutating func tick(now: Duration) -> [MeshAction] {
        guard started else { return [] }
        var actions: [MeshAction] = []
        tickProbe(now: now, actions: &actions)
        tickAckHandlers(now: now, actions: &actions)
        tickSuspicions(now: now, actions: &actions)
        if let due = timers.gossip, now >= due {
            let next = due + config.gossipInterval
            timers.gossip = next > now ? next : now + config.gossipInterval
            gossip(now: now, actions: &actions)
        }
        if let due = timers.pushPull, now >= due {
            timers.pushPull = now + pushPullScale(config.pushPullInterval)
            periodicPushPull(now: now, actions: &actions)
        }
        tickPeers(now: now, actions: &actions)
        if let due = timers.queueCheck, now >= due {
            timers.queueCheck = now + .seconds(15 * 60)
            prunedBroadcasts += delegate.pruneQueue(maxRetained: Self.maxQueuedBroadcasts)
        }
        if settle.poll(now: now, memberCount: nodes.values.reduce(0) { $0 + ($1.isMember ? 1 : 0) }) {
            actions.append(.settled)
        }
        return actions
    }

    // MARK: - Helpers

    mutating func nextSequence() -> UInt32 {
        sequence &+= 1
        return sequence
    }

    mutating func jitter(_ interval: Duration) -> Duration {
        let nanos = max(1, Int64(interval.seconds * 1e9))
        return .nanoseconds(Int64.random(in: 0..<nanos, using: &rng))
    }

    /// memberlist `pushPullScale`: the interval itself up to 32 nodes, then scaled by log2.
    func pushPullScale(_ interval: Duration) -> Duration {
        let n = members.count
        guard n > 32 else { return interval }
        let multiplier = Int((log2(Double(n)) - 5).rounded(.up)) + 1
        return interval * multiplier
    }

    /// Up to `count` random nodes (not self) passing `filter` (memberlist `kRandomNodes`).
    mutating func randomNodes(_ count: Int, where filter: (NodeRecord) -> Bool) -> [NodeRecord] {
        var candidates = nodes.values.filter { $0.name != config.name && filter($0) }.sorted { $0.name < $1.name }
        candidates.shuffle(using: &rng)
        return Array(candidates.prefix(count))
    }

    func memberValue(_ record: NodeRecord) -> Member {
        Member(name: record.name, endpoint: record.endpoint, meta: record.meta)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
