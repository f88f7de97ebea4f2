import Foundation
import Mesh
import Wire

/// A last-writer-wins key/value store replicated through the mesh (a stand-in for silences).
/// `@unchecked Sendable`: all state is guarded by `lock`.
final class TestStore: ReplicatedState, @unchecked Sendable {
    let key: String
    private let lock = NSLock()
    private var entries: [String: Int] = [:]

    init(key: String = "sil") { self.key = key }

    var snapshot: [String: Int] { lock.withLock { entries } }

    /// A local write; returns the delta to broadcast.
    func set(_ id: String, version: Int) -> [UInt8] {
        lock.withLock { entries[id] = version }
        return Array("\(id)=\(version)".utf8)
    }

    func fullState() -> [UInt8] {
        lock.withLock { Array(entries.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n").utf8) }
    }

    func mergeFull(_ data: [UInt8]) throws {
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") { _ = merge(line) }
    }

    func mergeDelta(_ data: [UInt8]) -> Bool { merge(Substring(String(decoding: data, as: UTF8.self))) }

    private func merge(_ line: Substring) -> Bool {
        let parts = line.split(separator: "=")
        guard parts.count == 2, let version = Int(parts[1]) else { return false }
        let id = String(parts[0])
        return lock.withLock {
            if let local = entries[id], local >= version { return false }
            entries[id] = version
            return true
        }
    }
}

/// An in-memory network of `Mesh` nodes driven by a manual clock, with loss, delay and
/// partitions. Streams (push-pull, oversized user messages) are delivered reliably unless the
/// two ends are partitioned or one is down, in which case the initiator sees a failure.
final class SimulatedCluster {
    enum Delivery {
        case packet(from: Endpoint, to: Endpoint, bytes: [UInt8])
        case pushPullRequest(id: UInt64, from: String, to: Endpoint, bytes: [UInt8])
        case pushPullReply(id: UInt64, to: String, bytes: [UInt8]?)
        case stream(from: String, to: Endpoint, bytes: [UInt8])
        case streamPing(seq: UInt32, from: String, to: Endpoint, bytes: [UInt8])
    }

    /// Blocks UDP (but not TCP) between these pairs of nodes.
    var udpBlocked: Set<[String]> = []

    var now: Duration = .zero
    var nodes: [String: MeshMembership] = [:]
    var names: [Endpoint: String] = [:]
    var stores: [String: TestStore] = [:]
    var events: [String: [MemberEvent]] = [:]
    var settledAt: [String: Duration] = [:]
    var down: Set<String> = []
    var groups: [Set<String>]? = nil
    var loss = 0.0
    var delay: Duration = .milliseconds(1)
    var dns: [String: [Endpoint]] = [:]
    var packetsSent = 0
    private var queue: [(at: Duration, order: Int, delivery: Delivery)] = []
    private var order = 0
    private var rng = SplitMix64(seed: 42)

    static func name(_ index: Int) -> String { "node-\(index)" }
    static func endpoint(_ index: Int) -> Endpoint { Endpoint(ip: [10, 0, 0, UInt8(index)], port: 9094) }

    /// Builds `count` nodes; each lists node-0 as its peer (node-0 lists none).
    init(count: Int, configure: (inout MembershipConfig, Int) -> Void = { _, _ in }) {
        for index in 0..<count {
            let peers = index == 0 ? [] : ["10.0.0.0:9094"]
            var config = MembershipConfig(name: Self.name(index), advertise: Self.endpoint(index), peers: peers)
            config.seed = UInt64(index + 1) * 7919
            configure(&config, index)
            addNode(config)
        }
    }

    func addNode(_ config: MembershipConfig) {
        var mesh = MeshMembership(config: config, delegate: ReplicatedChannels())
        let store = TestStore()
        mesh.register(store)
        nodes[config.name] = mesh
        names[config.advertise] = config.name
        stores[config.name] = store
    }

    func startAll() {
        for name in nodes.keys.sorted() { start(name) }
    }

    func start(_ name: String) {
        guard var mesh = nodes[name] else { return }
        let actions = mesh.start(now: now)
        nodes[name] = mesh
        perform(actions, by: name)
    }

    func mesh(_ name: String) -> MeshMembership { nodes[name]! }

    func reachable(_ a: String, _ b: String) -> Bool {
        guard !down.contains(a), !down.contains(b) else { return false }
        guard let groups else { return true }
        return groups.contains { $0.contains(a) && $0.contains(b) }
    }

    func perform(_ actions: [MeshAction], by name: String) {
        guard let source = nodes[name]?.config.advertise else { return }
        for action in actions {
            switch action {
            case let .sendPacket(to, bytes):
                packetsSent += 1
                if loss > 0, Double.random(in: 0..<1, using: &rng) < loss { continue }
                enqueue(.packet(from: source, to: to, bytes: bytes))
            case let .pushPull(id, to, request):
                enqueue(.pushPullRequest(id: id, from: name, to: to, bytes: request))
            case let .streamPing(seq, to, request):
                enqueue(.streamPing(seq: seq, from: name, to: to, bytes: request))
            case let .sendStream(to, bytes):
                enqueue(.stream(from: name, to: to, bytes: bytes))
            case let .resolvePeers(peers, initial):
                let resolved = peers.flatMap { dns[String($0.split(separator: ":")[0])] ?? [Endpoint($0)].compactMap { $0 } }
                apply(name) { $0.peersResolved(resolved, initial: initial, now: self.now) }
            case let .memberEvent(event):
                events[name, default: []].append(event)
            case .settled:
                settledAt[name] = now
            case .rejected:
                break
            }
        }
    }

    func apply(_ name: String, _ body: (inout MeshMembership) -> [MeshAction]) {
        guard var mesh = nodes[name] else { return }
        let actions = body(&mesh)
        nodes[name] = mesh
        perform(actions, by: name)
    }

    private func enqueue(_ delivery: Delivery, after extra: Duration = .zero) {
        order += 1
        queue.append((now + delay + extra, order, delivery))
    }

    /// Advances the clock in 10ms steps, delivering messages and firing timers.
    func run(for duration: Duration, step: Duration = .milliseconds(10)) {
        let end = now + duration
        while now < end {
            now += step
            deliverDue()
            for name in nodes.keys.sorted() where !down.contains(name) {
                apply(name) { $0.tick(now: self.now) }
            }
            deliverDue()
        }
    }

    private func deliverDue() {
        while let index = queue.indices.filter({ queue[$0].at <= now }).min(by: { (queue[$0].at, queue[$0].order) < (queue[$1].at, queue[$1].order) }) {
            let item = queue.remove(at: index)
            deliver(item.delivery)
        }
    }

    private func deliver(_ delivery: Delivery) {
        switch delivery {
        case let .packet(from, to, bytes):
            guard let target = names[to], let sender = names[from], reachable(sender, target),
                  !udpBlocked.contains([sender, target].sorted()) else { return }
            apply(target) { $0.handlePacket(bytes, from: from, now: self.now) }
        case let .pushPullRequest(id, from, to, bytes):
            guard let target = names[to], reachable(from, target),
                  let parsed = try? Memberlist.parseStreamMessage(bytes) else {
                enqueue(.pushPullReply(id: id, to: from, bytes: nil), after: .milliseconds(100))
                return
            }
            var reply: [UInt8]?
            let source = nodes[from]!.config.advertise
            apply(target) { mesh in
                let result = mesh.handleStream(parsed.message, from: source, now: self.now)
                reply = result.reply
                return result.actions
            }
            enqueue(.pushPullReply(id: id, to: from, bytes: reply))
        case let .pushPullReply(id, to, bytes):
            guard !down.contains(to) else { return }
            if let bytes, let parsed = try? Memberlist.parseStreamMessage(bytes) {
                apply(to) { $0.pushPullCompleted(id: id, reply: parsed.message, now: self.now) }
            } else {
                apply(to) { $0.pushPullFailed(id: id, now: self.now) }
            }
        case let .streamPing(seq, from, to, bytes):
            guard let target = names[to], reachable(from, target),
                  let parsed = try? Memberlist.parseStreamMessage(bytes) else { return }
            let source = nodes[from]!.config.advertise
            var reply: [UInt8]?
            apply(target) { mesh in
                let result = mesh.handleStream(parsed.message, from: source, now: self.now)
                reply = result.reply
                return result.actions
            }
            if let reply, let answer = try? Memberlist.parseStreamMessage(reply) {
                apply(from) { $0.streamPingCompleted(seq: seq, reply: answer.message, now: self.now) }
            }
        case let .stream(from, to, bytes):
            guard let target = names[to], reachable(from, target),
                  let parsed = try? Memberlist.parseStreamMessage(bytes) else { return }
            let source = nodes[from]!.config.advertise
            apply(target) { $0.handleStream(parsed.message, from: source, now: self.now).actions }
        }
    }

    /// Member names as `name` sees them (alive and suspect).
    func view(_ name: String) -> [String] { mesh(name).members.map(\.name) }

    func state(of node: String, seenBy observer: String) -> Memberlist.NodeState? {
        mesh(observer).node(named: node)?.state
    }

    /// Local write on `name` then broadcast.
    func write(_ name: String, id: String, version: Int) {
        let delta = stores[name]!.set(id, version: version)
        apply(name) { $0.broadcast(key: "sil", data: delta, now: self.now) }
    }

    /// Kills a node without a leave.
    func crash(_ name: String) { down.insert(name) }
}

