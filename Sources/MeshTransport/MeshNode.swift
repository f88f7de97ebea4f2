import Logging
import Mesh
import NIOCore
import NIOPosix
import Synchronization
import Wire

/// The gossip node: Alertmanager 0.25's `cluster.Peer` over NIO. UDP and TCP share one port;
/// TCP carries push-pull exchanges and oversized user messages. The shell is event-driven:
/// it feeds the pure `Mesh` machine each packet and stream as it arrives, and otherwise
/// sleeps on one event-loop timer set for the machine's `nextWakeup` (the next probe, gossip,
/// push-pull, ack or suspicion deadline), so an idle node wakes a few times a second, not
/// every 10 ms. The machine lives under a mutex and is mutated in place there (never copied
/// out and back); the actions it returns are performed outside the lock.
public final class MeshNode: Sendable {
    public let config: MeshConfig
    let logger: Logger
    let group: any EventLoopGroup
    let resolver: any PeerResolver
    /// The machine's time origin, on NIO's monotonic clock (the one its timers use).
    let origin = NIODeadline.now()
    let labelBytes: [UInt8]
    let state = Mutex(State())
    /// Local changes to broadcast, waiting for the machine's lock (see `broadcast`).
    private let outbox = Mutex<[(key: String, data: [UInt8])]>([])
    /// Limits on what peers' input may cost, and the count of what they refused.
    public let inbound: InboundLimits

    struct State: Sendable {
        var mesh: Mesh?
        var pending: [any ReplicatedState] = []
        var udp: (any Channel)?
        var tcp: (any Channel)?
        /// The one pending wakeup: when it is due on the machine's time line, and its timer.
        var wakeup: (due: Duration, timer: Scheduled<Void>)?
        var waiters: [CheckedContinuation<Void, Never>] = []
        /// `stop` waiting for the dead-self broadcast to go out (resumed by `drive`).
        var leaveWaiter: CheckedContinuation<Void, Never>?
        var stopped = false
    }

    public init(config: MeshConfig, logger: Logger = Logger(label: "tocsin.cluster"),
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                resolver: any PeerResolver = SystemPeerResolver()) {
        self.config = config
        self.logger = logger
        self.group = group
        self.resolver = resolver
        labelBytes = Array((config.label ?? "").utf8)
        inbound = InboundLimits(stream: config.streamLimits, maxConcurrentStreams: config.maxInboundStreams)
    }

    public var name: String { config.peerName }

    var now: Duration { .nanoseconds((NIODeadline.now() - origin).nanoseconds) }

    // MARK: - Lifecycle

    /// Binds TCP, then UDP on the same port. With port 0 the kernel picks a free TCP port
    /// whose UDP twin may be taken, so (as memberlist does) that case tries up to 10 ports.
    private func bindListeners() async throws -> (tcp: any Channel, udp: any Channel, port: Int) {
        var attempt = 0
        while true {
            attempt += 1
            let tcp = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { [self] channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(StreamServerHandler(node: self, timeout: config.tcpTimeout))
                    }
                }
                .bind(host: config.listenHost, port: config.listenPort).get()
            let port = tcp.localAddress?.port ?? config.listenPort
            do {
                let udp = try await DatagramBootstrap(group: group)
                    .channelOption(.socketOption(.so_reuseaddr), value: 1)
                    .channelOption(.socketOption(.so_rcvbuf), value: 2 << 20)
                    .channelInitializer { [self] channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(PacketHandler(node: self))
                        }
                    }
                    .bind(host: config.listenHost, port: port).get()
                return (tcp, udp, port)
            } catch {
                try? await tcp.close()
                if config.listenPort != 0 || attempt >= 10 { throw error }
            }
        }
    }

    /// Binds TCP and UDP on the listen address (same port), works out the advertise address,
    /// starts the timers and joins the configured peers.
    public func start() async throws {
        guard state.withLock({ $0.mesh == nil && !$0.stopped }) else { throw MeshError("mesh node already started") }
        let (tcp, udp, port) = try await bindListeners()
        let ip: [UInt8]
        do {
            ip = try AdvertiseAddress.resolve(bindHost: config.listenHost, advertiseHost: config.advertiseHost,
                                              allowPublic: config.allowInsecurePublicAdvertise)
        } catch {
            try? await udp.close()
            try? await tcp.close()
            throw error
        }
        let advertise = Endpoint(ip: ip, port: UInt16(config.advertisePort ?? port))
        let seed = UInt64.random(in: 1...UInt64.max)
        var mesh = Mesh(config: config.membershipConfig(advertise: advertise, seed: seed), delegate: ReplicatedChannels())
        let actions: [MeshAction] = state.withLock { state in
            for replicated in state.pending { mesh.register(replicated) }
            state.pending = []
            let actions = mesh.start(now: now)
            state.mesh = mesh
            state.udp = udp
            state.tcp = tcp
            scheduleWakeup(&state)
            return actions
        }
        logger.info("cluster listening", metadata: ["name": "\(name)", "advertise": "\(advertise)", "bind": "\(config.listenHost):\(port)"])
        perform(actions)
    }

    /// Leaves the cluster (dead-self broadcast, waiting up to `leaveTimeout` for it to go out)
    /// and closes the sockets. With `leave: false` (the process is failing) it only closes.
    public func stop(leave: Bool = true) async {
        guard state.withLock({ $0.mesh != nil && !$0.stopped }) else { return }
        if leave {
            drive { $0.leave(now: now) }
            await waitForLeave()
        }
        let (udp, tcp, wakeup, waiters) = state.withLock { state in
            state.stopped = true
            defer {
                state.waiters = []
                state.wakeup = nil
            }
            return (state.udp, state.tcp, state.wakeup, state.waiters)
        }
        wakeup?.timer.cancel()
        try? await udp?.close()
        try? await tcp?.close()
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the dead-self broadcast went out (the drive that sent it resumes us) or
    /// after `leaveTimeout`, whichever comes first.
    private func waitForLeave() async {
        let timeout = TimeAmount.nanoseconds(Int64(config.leaveTimeout.components.seconds) * 1_000_000_000
            + config.leaveTimeout.components.attoseconds / 1_000_000_000)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let loop = state.withLock { state -> (any EventLoop)? in
                guard state.mesh?.leavePending ?? false, let loop = state.udp?.eventLoop else { return nil }
                state.leaveWaiter = continuation
                return loop
            }
            guard let loop else { return continuation.resume() }
            loop.scheduleTask(in: timeout) { [self] in
                let waiter = state.withLock { state in
                    defer { state.leaveWaiter = nil }
                    return state.leaveWaiter
                }
                waiter?.resume()
            }
        }
    }

    // MARK: - Application API

    /// Registers a replicated store (Alertmanager `AddState`).
    public func register(_ replicated: any ReplicatedState) {
        state.withLock { state in
            if state.mesh != nil { state.mesh?.register(replicated) } else { state.pending.append(replicated) }
        }
    }

    /// Broadcasts a local change of the store registered under `key`. The change waits in
    /// `outbox` for whoever holds the machine next, so the caller (a silence create answering
    /// its client) never waits for a push-pull, which builds or merges the full state under
    /// the lock and costs in proportion to it (issue #19, finding 12).
    public func broadcast(key: String, data: [UInt8]) {
        outbox.withLock { $0.append((key, data)) }
        let actions = state.withLockIfAvailable { state -> [MeshAction] in
            guard state.mesh != nil, !state.stopped else { return [] }
            let actions = drainOutbox(&state.mesh!)
            scheduleWakeup(&state)
            return actions
        }
        if let actions { perform(actions) }
    }

    /// Queues the waiting broadcasts into the machine (called with `state` locked).
    private func drainOutbox(_ mesh: inout Mesh) -> [MeshAction] {
        let waiting = outbox.withLock { box -> [(key: String, data: [UInt8])] in
            defer { box.removeAll() }
            return box
        }
        var actions: [MeshAction] = []
        for (key, data) in waiting { actions += mesh.broadcast(key: key, data: data, now: now) }
        return actions
    }

    /// "settling" until the settle procedure finished, then "ready".
    public var status: String { state.withLock { $0.mesh?.isReady ?? false } ? "ready" : "settling" }

    /// Alive and suspect members, self included, sorted by name.
    public var peers: [(name: String, address: String)] {
        state.withLock { $0.mesh?.members ?? [] }.map { ($0.name, $0.endpoint.description) }
    }

    /// Index of our name among the members sorted by name (Alertmanager `Position()`).
    public var position: Int { state.withLock { $0.mesh?.position ?? 0 } }

    /// How long this node waits before notifying (Alertmanager's `clusterWait`:
    /// position × `--cluster.peer-timeout`).
    public var clusterWait: Duration { config.peerTimeout * position }

    /// The awareness score (`alertmanager_cluster_health_score`).
    public var healthScore: Int { state.withLock { $0.mesh?.awareness.score ?? 0 } }

    /// Figures for Alertmanager's `alertmanager_cluster_*` metrics.
    public var stats: MeshStats {
        state.withLock { state in
            guard let mesh = state.mesh else { return MeshStats() }
            return MeshStats(members: mesh.members.count, failedPeers: mesh.failedPeers.count,
                             healthScore: mesh.awareness.score, position: mesh.position,
                             queuedMessages: mesh.delegate.queuedBroadcasts, prunedMessages: mesh.prunedBroadcasts,
                             peersJoined: mesh.eventCounts.joined, peersLeft: mesh.eventCounts.left,
                             peersUpdated: mesh.eventCounts.updated, reconnections: mesh.reconnections,
                             refreshJoins: mesh.refreshJoins, channels: mesh.delegate.counters)
        }
    }

    /// Returns once the gossip has settled (or the settle timeout passed, or the node stopped).
    public func waitReady() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                if state.mesh?.isReady == true || state.stopped { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    // MARK: - Driving the machine

    /// Runs `body` on the machine in place under the lock, moves the wakeup timer earlier if
    /// the machine now has work sooner, then performs the actions outside the lock.
    func drive(_ body: (inout Mesh) -> [MeshAction]) {
        let (actions, left) = state.withLock { state -> ([MeshAction], CheckedContinuation<Void, Never>?) in
            guard state.mesh != nil, !state.stopped else { return ([], nil) }
            var actions = body(&state.mesh!)
            actions += drainOutbox(&state.mesh!)
            scheduleWakeup(&state)
            guard state.leaveWaiter != nil, !state.mesh!.leavePending else { return (actions, nil) }
            defer { state.leaveWaiter = nil }
            return (actions, state.leaveWaiter)
        }
        perform(actions)
        left?.resume()
    }

    /// Sets the timer for the machine's `nextWakeup` unless one at or before it is pending.
    /// When it fires, the machine ticks, and that drive sets the following wakeup.
    private func scheduleWakeup(_ state: inout State) {
        guard let due = state.mesh?.nextWakeup, let loop = state.udp?.eventLoop else { return }
        if let pending = state.wakeup, pending.due <= due { return }
        state.wakeup?.timer.cancel()
        let deadline = origin + .nanoseconds(Int64(due.components.seconds) * 1_000_000_000
            + due.components.attoseconds / 1_000_000_000)
        let timer = loop.scheduleTask(deadline: deadline) { [self] in
            self.state.withLock { if $0.wakeup?.due == due { $0.wakeup = nil } }
            drive { $0.tick(now: now) }
        }
        state.wakeup = (due, timer)
    }

    func packetReceived(_ bytes: [UInt8], from: Endpoint) {
        drive { $0.handlePacket(bytes, from: from, now: now) }
    }

    func streamReceived(_ message: Memberlist.StreamMessage, from: Endpoint) -> [UInt8]? {
        var reply: [UInt8]?
        drive { mesh in
            let result = mesh.handleStream(message, from: from, now: now)
            reply = result.reply
            return result.actions
        }
        return reply
    }
}
