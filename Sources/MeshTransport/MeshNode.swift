import Logging
import Mesh
import NIOCore
import NIOPosix
import Synchronization
import Wire

/// The gossip node: Alertmanager 0.25's `cluster.Peer`, over a `GossipTransport` (UDP and TCP
/// on one port by default, as Alertmanager; in memory in tests). The shell is event-driven:
/// it feeds the pure `Mesh` machine each packet and stream as it arrives, and otherwise
/// sleeps on one event-loop timer set for the machine's `nextWakeup` (the next probe, gossip,
/// push-pull, ack or suspicion deadline), so an idle node wakes a few times a second, not
/// every 10 ms. The machine lives under a mutex and is mutated in place there (never copied
/// out and back); the actions it returns are performed outside the lock.
package final class MeshNode: GossipReceiver {
    package let config: MeshConfig
    let logger: Logger
    let transport: any GossipTransport
    /// Runs the wakeup and leave timers (no socket needed).
    let timerLoop: any EventLoop
    let resolver: any PeerResolver
    /// The machine's time origin, on NIO's monotonic clock (the one its timers use).
    let origin = NIODeadline.now()
    let labelBytes: [UInt8]
    let state = Mutex(State())
    /// Local changes to broadcast, waiting for the machine's lock (see `broadcast`).
    private let outbox = Mutex<[(key: String, data: [UInt8])]>([])
    /// Limits on what peers' input may cost, and the count of what they refused.
    package let inbound: InboundLimits

    struct State: Sendable {
        var mesh: MeshMembership?
        var pending: [any ReplicatedState] = []
        var listening = false
        /// The one pending wakeup: when it is due on the machine's time line, and its timer.
        var wakeup: (due: Duration, timer: Scheduled<Void>)?
        /// `waitReady` callers, by id (a cancelled one leaves).
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        /// `stop` waiting for the dead-self broadcast to go out (resumed by `drive`).
        var leaveWaiter: CheckedContinuation<Void, Never>?
        var stopped = false
        /// Bumped by every drive; `waitUntil` sleeps until it changes.
        var drives = 0
        var driveWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiterID = 0
    }

    package init(config: MeshConfig, logger: Logger = Logger(label: "tocsin.cluster"),
                transport: any GossipTransport = UDPTCPTransport(),
                timerLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next(),
                resolver: any PeerResolver = SystemPeerResolver()) {
        self.config = config
        self.logger = logger
        self.transport = transport
        self.timerLoop = timerLoop
        self.resolver = resolver
        labelBytes = Array((config.label ?? "").utf8)
        inbound = InboundLimits(stream: config.streamLimits, maxConcurrentStreams: config.maxInboundStreams)
    }

    package var name: String { config.peerName }

    var now: Duration { .nanoseconds((NIODeadline.now() - origin).nanoseconds) }

    // MARK: - Lifecycle

    /// Listens on the listen address, works out the advertise address, starts the timers and
    /// joins the configured peers.
    package func start() async throws {
        guard state.withLock({ $0.mesh == nil && !$0.stopped }) else { throw MeshError("mesh node already started") }
        let port = try await transport.listen(host: config.listenHost, port: config.listenPort,
                                              streamTimeout: config.tcpTimeout, receiver: self)
        let ip: [UInt8]
        do {
            ip = try AdvertiseAddress.resolve(bindHost: config.listenHost, advertiseHost: config.advertiseHost,
                                              allowPublic: config.allowInsecurePublicAdvertise)
        } catch {
            await transport.close()
            throw error
        }
        let advertise = Endpoint(ip: ip, port: UInt16(config.advertisePort ?? port))
        let seed = UInt64.random(in: 1...UInt64.max)
        var mesh = MeshMembership(config: config.membershipConfig(advertise: advertise, seed: seed), delegate: ReplicatedChannels())
        let actions: [MeshAction] = state.withLock { state in
            for replicated in state.pending { mesh.register(replicated) }
            state.pending = []
            let actions = mesh.start(now: now)
            state.mesh = mesh
            state.listening = true
            scheduleWakeup(&state)
            return actions
        }
        logger.info("cluster listening", metadata: ["name": "\(name)", "advertise": "\(advertise)", "bind": "\(config.listenHost):\(port)"])
        perform(actions)
    }

    /// Leaves the cluster (dead-self broadcast, waiting up to `leaveTimeout` for it to go out)
    /// and closes the transport. With `leave: false` (the process is failing) it only closes.
    package func stop(leave: Bool = true) async {
        guard state.withLock({ $0.mesh != nil && !$0.stopped }) else { return }
        if leave {
            drive { $0.leave(now: now) }
            await waitForLeave()
        }
        let (wakeup, waiters) = state.withLock { state in
            state.stopped = true
            defer {
                state.waiters = [:]
                state.driveWaiters = [:]
                state.wakeup = nil
            }
            return (state.wakeup, Array(state.waiters.values) + state.driveWaiters.values)
        }
        wakeup?.timer.cancel()
        await transport.close()
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the dead-self broadcast went out (the drive that sent it resumes us) or
    /// after `leaveTimeout`, whichever comes first.
    private func waitForLeave() async {
        let timeout = TimeAmount.nanoseconds(Int64(config.leaveTimeout.components.seconds) * 1_000_000_000
            + config.leaveTimeout.components.attoseconds / 1_000_000_000)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let waiting = state.withLock { state -> Bool in
                guard state.mesh?.leavePending ?? false, state.listening else { return false }
                state.leaveWaiter = continuation
                return true
            }
            guard waiting else { return continuation.resume() }
            timerLoop.scheduleTask(in: timeout) { [self] in
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
    package func register(_ replicated: any ReplicatedState) {
        state.withLock { state in
            if state.mesh != nil { state.mesh?.register(replicated) } else { state.pending.append(replicated) }
        }
    }

    /// Broadcasts a local change of the store registered under `key`. The change waits in
    /// `outbox` for whoever holds the machine next, so the caller (a silence create answering
    /// its client) never waits for a push-pull, which builds or merges the full state under
    /// the lock and costs in proportion to it (issue #19, finding 12).
    package func broadcast(key: String, data: [UInt8]) {
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
    private func drainOutbox(_ mesh: inout MeshMembership) -> [MeshAction] {
        let waiting = outbox.withLock { box -> [(key: String, data: [UInt8])] in
            defer { box.removeAll() }
            return box
        }
        var actions: [MeshAction] = []
        for (key, data) in waiting { actions += mesh.broadcast(key: key, data: data, now: now) }
        return actions
    }

    /// "settling" until the settle procedure finished, then "ready".
    package var status: String { isReady ? "ready" : "settling" }

    /// Whether the settle procedure has finished (false before the node started).
    package var isReady: Bool { state.withLock { $0.mesh?.isReady ?? false } }

    /// Alive and suspect members, self included, sorted by name.
    package var peers: [(name: String, address: String)] {
        state.withLock { $0.mesh?.members ?? [] }.map { ($0.name, $0.endpoint.description) }
    }

    /// Peers known but unreachable now (suspect or dead), sorted by name.
    package var unreachablePeers: [String] { state.withLock { $0.mesh?.unreachablePeers ?? [] } }
    /// Alive and suspect members with their node metadata, self included, sorted by name.
    package var peerMetadata: [(name: String, meta: [UInt8])] {
        state.withLock { $0.mesh?.members ?? [] }.map { ($0.name, $0.meta) }
    }

    /// Index of our name among the members sorted by name (Alertmanager `Position()`).
    package var position: Int { state.withLock { $0.mesh?.position ?? 0 } }

    /// How long this node waits before notifying (Alertmanager's `clusterWait`:
    /// position × `--cluster.peer-timeout`).
    package var clusterWait: Duration { config.peerTimeout * position }

    /// The awareness score (`alertmanager_cluster_health_score`).
    package var healthScore: Int { state.withLock { $0.mesh?.awareness.score ?? 0 } }

    /// Figures for Alertmanager's `alertmanager_cluster_*` metrics.
    package var stats: MeshStats {
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

    /// Returns once the gossip has settled (or the settle timeout passed, or the node stopped),
    /// or the calling task is cancelled (the server's own settle timeout came first).
    package func waitReady() async {
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.mesh?.isReady == true || state.stopped || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    // MARK: - Driving the machine

    /// Runs `body` on the machine in place under the lock, moves the wakeup timer earlier if
    /// the machine now has work sooner, then performs the actions outside the lock.
    func drive(_ body: (inout MeshMembership) -> [MeshAction]) {
        let (actions, left, watchers) = state.withLock { state in
            guard state.mesh != nil, !state.stopped else { return ([MeshAction](), CheckedContinuation<Void, Never>?.none, [CheckedContinuation<Void, Never>]()) }
            var actions = body(&state.mesh!)
            actions += drainOutbox(&state.mesh!)
            scheduleWakeup(&state)
            state.drives += 1
            let watchers = Array(state.driveWaiters.values)
            state.driveWaiters = [:]
            guard state.leaveWaiter != nil, !state.mesh!.leavePending else { return (actions, nil, watchers) }
            defer { state.leaveWaiter = nil }
            return (actions, state.leaveWaiter, watchers)
        }
        perform(actions)
        left?.resume()
        for watcher in watchers { watcher.resume() }
    }

    /// Returns true once `condition` holds, false if it still does not after `timeout`. The
    /// condition is checked again after each time the machine runs (a packet, a stream, a
    /// timer), so a test waits for an event, not a poll interval.
    package func waitUntil(timeout: Duration, _ condition: @escaping @Sendable () -> Bool) async -> Bool {
        let deadline = NIODeadline.now() + UDPTCPTransport.amount(timeout)
        while true {
            let seen = state.withLock { $0.drives }
            if condition() { return true }
            if NIODeadline.now() >= deadline { return false }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let id = state.withLock { state -> Int? in
                    guard state.drives == seen, !state.stopped else { return nil }
                    state.nextWaiterID += 1
                    state.driveWaiters[state.nextWaiterID] = continuation
                    return state.nextWaiterID
                }
                guard let id else { return continuation.resume() }
                timerLoop.scheduleTask(deadline: deadline) { [self] in
                    state.withLock { $0.driveWaiters.removeValue(forKey: id) }?.resume()
                }
            }
        }
    }

    /// Sets the timer for the machine's `nextWakeup` unless one at or before it is pending.
    /// When it fires, the machine ticks, and that drive sets the following wakeup.
    private func scheduleWakeup(_ state: inout State) {
        guard let due = state.mesh?.nextWakeup, state.listening else { return }
        if let pending = state.wakeup, pending.due <= due { return }
        state.wakeup?.timer.cancel()
        let deadline = origin + .nanoseconds(Int64(due.components.seconds) * 1_000_000_000
            + due.components.attoseconds / 1_000_000_000)
        let timer = timerLoop.scheduleTask(deadline: deadline) { [self] in
            self.state.withLock { if $0.wakeup?.due == due { $0.wakeup = nil } }
            drive { $0.tick(now: now) }
        }
        state.wakeup = (due, timer)
    }

    package func packetReceived(_ bytes: [UInt8], from: Endpoint) {
        drive { $0.handlePacket(bytes, from: from, now: now) }
    }

    package func streamOpened(from: Endpoint?, peer: String) -> InboundStream? {
        guard inbound.acquireStream() else {
            inbound.reject(.tooManyStreams, from: peer, logger: logger)
            return nil
        }
        return InboundStream(node: self, from: from, peer: peer)
    }

    /// A stream message as this node writes it: behind its label, when it has one.
    func framed(_ bytes: [UInt8]) -> [UInt8] {
        guard !labelBytes.isEmpty, let label = Memberlist.addLabel(labelBytes, to: []) else { return bytes }
        return label + bytes
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
