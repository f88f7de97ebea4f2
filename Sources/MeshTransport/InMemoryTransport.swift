import Mesh
import NIOCore
import NIOPosix
import Synchronization
import Wire

/// Gossip nodes in one process, connected without sockets (memberlist's `MockNetwork`).
/// Datagrams and streams are delivered on an event loop, so delivery is asynchronous as on a
/// network, and they go through the same node code as the wire's (labels, limits, errMsg
/// answers). A test can cut the links between groups of nodes and mend them; what a cut
/// link drops is counted.
package final class InMemoryNetwork: Sendable {
    struct State {
        var receivers: [Endpoint: any GossipReceiver] = [:]
        var nextPort: UInt16 = 30000
        /// Unordered pairs of endpoints that cannot reach each other.
        var cut: Set<[Endpoint]> = []
        var dropped = 0
    }

    let loop: any EventLoop
    private let state = Mutex(State())

    package init(loop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next()) {
        self.loop = loop
    }

    /// A transport on this network for a node whose listen host is an IPv4 address.
    package func transport() -> InMemoryTransport { InMemoryTransport(network: self) }

    /// Cuts every link between nodes of different groups (in both directions).
    package func partition(_ groups: [[InMemoryTransport]]) {
        let sides = groups.map { $0.compactMap(\.endpoint) }
        state.withLock { state in
            for (i, a) in sides.enumerated() {
                for b in sides[(i + 1)...] {
                    for x in a { for y in b { state.cut.insert(Self.link(x, y)) } }
                }
            }
        }
    }

    /// Mends every cut link.
    package func heal() { state.withLock { $0.cut = [] } }

    /// Datagrams and streams dropped on cut links so far.
    package var dropped: Int { state.withLock { $0.dropped } }

    static func link(_ a: Endpoint, _ b: Endpoint) -> [Endpoint] {
        a.description < b.description ? [a, b] : [b, a]
    }

    func register(_ receiver: any GossipReceiver, ip: [UInt8], port: Int) throws -> Endpoint {
        try state.withLock { state in
            var port = UInt16(clamping: port)
            if port == 0 {
                port = state.nextPort
                state.nextPort += 1
            }
            let endpoint = Endpoint(ip: ip, port: port)
            if state.receivers[endpoint] != nil { throw MeshError("listen \(endpoint): address already in use") }
            state.receivers[endpoint] = receiver
            return endpoint
        }
    }

    func unregister(_ endpoint: Endpoint) { state.withLock { _ = $0.receivers.removeValue(forKey: endpoint) } }

    /// The receiver at `to`, if `from` can reach it; a blocked attempt is counted.
    func route(from: Endpoint?, to: Endpoint) -> (any GossipReceiver)? {
        state.withLock { state in
            guard let receiver = state.receivers[to] else { return nil }
            if let from, state.cut.contains(Self.link(from, to)) {
                state.dropped += 1
                return nil
            }
            return receiver
        }
    }
}

/// One node's attachment to an `InMemoryNetwork`.
package final class InMemoryTransport: GossipTransport {
    let network: InMemoryNetwork
    private let bound = Mutex<Endpoint?>(nil)

    init(network: InMemoryNetwork) { self.network = network }

    /// The address this transport listens on, once it does.
    package var endpoint: Endpoint? { bound.withLock { $0 } }

    package func listen(host: String, port: Int, streamTimeout: Duration, receiver: any GossipReceiver) async throws -> Int {
        let parts = host.split(separator: ".").compactMap { UInt8($0) }
        guard parts.count == 4 else { throw MeshError("in-memory transport: listen host \(host) is not an IPv4 address") }
        let endpoint = try network.register(receiver, ip: parts, port: port)
        bound.withLock { $0 = endpoint }
        return Int(endpoint.port)
    }

    package func sendPacket(_ bytes: [UInt8], to: Endpoint) {
        guard let from = endpoint, let receiver = network.route(from: from, to: to) else { return }
        network.loop.execute { receiver.packetReceived(bytes, from: from) }
    }

    package func exchange(_ bytes: [UInt8], with to: Endpoint, timeout: Duration,
                         limits: Memberlist.StreamLimits) async throws -> Memberlist.StreamMessage {
        let reply = try await open(bytes, to: to)
        guard let reply else { throw MeshError("connection closed before a reply") }
        var reader = StreamReader()
        // The reply's label, if any, is not checked (memberlist checks only inbound streams).
        guard let message = try reader.read(reply, label: nil, limits: limits) else {
            throw MeshError("connection closed before a reply")
        }
        return message
    }

    package func send(_ bytes: [UInt8], to: Endpoint, timeout: Duration) async throws {
        _ = try await open(bytes, to: to)
    }

    package func close() async {
        guard let endpoint = bound.withLock({ b in defer { b = nil }; return b }) else { return }
        network.unregister(endpoint)
    }

    /// Opens a stream, writes all of `bytes`, closes the writing side; returns the answer.
    private func open(_ bytes: [UInt8], to: Endpoint) async throws -> [UInt8]? {
        let from = endpoint
        guard let receiver = network.route(from: from, to: to) else {
            throw MeshError("dial tcp \(to): connect: connection refused")
        }
        return try await network.loop.submit { () throws -> [UInt8]? in
            guard let stream = receiver.streamOpened(from: from, peer: from.map { "\($0)" } ?? "unknown") else {
                throw MeshError("connection reset by peer")
            }
            defer { stream.finish() }
            switch stream.feed(bytes) {
            case let .reply(answer): return answer
            case .needMore, .close: return nil
            }
        }.get()
    }
}
