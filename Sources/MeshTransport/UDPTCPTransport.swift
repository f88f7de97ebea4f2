import Mesh
import NIOCore
import NIOPosix
import Synchronization
import Wire

/// Alertmanager's default gossip wire (memberlist's `NetTransport`): UDP and TCP on one port;
/// TCP carries push-pull exchanges, stream pings and oversized user messages.
package final class UDPTCPTransport: GossipTransport {
    let group: any EventLoopGroup
    private let channels = Mutex<(udp: (any Channel)?, tcp: (any Channel)?)>((nil, nil))

    package init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.group = group
    }

    /// Binds TCP, then UDP on the same port. With port 0 the kernel picks a free TCP port
    /// whose UDP twin may be taken, so (as memberlist does) that case tries up to 10 ports.
    package func listen(host: String, port: Int, streamTimeout: Duration, receiver: any GossipReceiver) async throws -> Int {
        var attempt = 0
        while true {
            attempt += 1
            let tcp = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(StreamServerHandler(receiver: receiver, timeout: streamTimeout))
                    }
                }
                .bind(host: host, port: port).get()
            let bound = tcp.localAddress?.port ?? port
            do {
                let udp = try await bindUDP(host: host, port: bound, receiver: receiver)
                channels.withLock { $0 = (udp, tcp) }
                reopenWhenClosed(udp, host: host, port: bound, receiver: receiver)
                return bound
            } catch {
                try? await tcp.close()
                if port != 0 || attempt >= 10 { throw error }
            }
        }
    }

    private func bindUDP(host: String, port: Int, receiver: any GossipReceiver) async throws -> any Channel {
        try await DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.socketOption(.so_rcvbuf), value: 2 << 20)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(PacketHandler(receiver: receiver))
                }
            }
            .bind(host: host, port: port).get()
    }

    /// NIO closes a datagram channel on a send error it does not count as recoverable, such
    /// as the EPERM of a packet a local firewall drops or an ENETUNREACH: one unreachable peer
    /// would end this node's UDP gossip with every peer (seen in a partition test: the nodes of
    /// the majority stopped getting each other's nflog entries and claims). So a UDP channel
    /// that closes while it is still the transport's is bound again on the same port.
    private func reopenWhenClosed(_ udp: any Channel, host: String, port: Int, receiver: any GossipReceiver) {
        udp.closeFuture.whenComplete { [weak self] _ in
            guard let self, self.channels.withLock({ $0.udp === udp }) else { return }
            Task {
                for attempt in 0..<50 {
                    if attempt > 0 { try? await Task.sleep(for: .milliseconds(100)) }
                    guard self.channels.withLock({ $0.udp === udp }) else { return }
                    guard let fresh = try? await self.bindUDP(host: host, port: port, receiver: receiver) else { continue }
                    let kept = self.channels.withLock { c -> Bool in
                        guard c.udp === udp else { return false }
                        c.udp = fresh
                        return true
                    }
                    if kept { self.reopenWhenClosed(fresh, host: host, port: port, receiver: receiver) } else {
                        try? await fresh.close()
                    }
                    return
                }
            }
        }
    }

    package func sendPacket(_ bytes: [UInt8], to: Endpoint) { send(bytes, to: to, retries: 3) }

    /// A packet that failed only because another packet's error had just closed the channel
    /// (a `ChannelError`, not the failing send's own `IOError`) goes again once the channel
    /// is bound again, so a firewalled peer does not cost its neighbours their gossip.
    private func send(_ bytes: [UInt8], to: Endpoint, retries: Int) {
        guard let udp = channels.withLock({ $0.udp }), let address = to.socketAddress else { return }
        let buffer = udp.allocator.buffer(bytes: bytes)
        let promise = udp.eventLoop.makePromise(of: Void.self)
        udp.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: buffer), promise: promise)
        guard retries > 0 else { return }
        promise.futureResult.whenFailure { [weak self] error in
            guard error is ChannelError, let self else { return }
            Task {
                try? await Task.sleep(for: .milliseconds(20))
                self.send(bytes, to: to, retries: retries - 1)
            }
        }
    }

    package func exchange(_ bytes: [UInt8], with to: Endpoint, timeout: Duration,
                         limits: Memberlist.StreamLimits) async throws -> Memberlist.StreamMessage {
        try await StreamClientHandler.exchange(
            on: group.next(), timeout: timeout, limits: limits,
            open: { install in try await connect(to, timeout: timeout, handler: install) },
            write: { channel in channel.writeAndFlush(channel.allocator.buffer(bytes: bytes), promise: nil) })
    }

    package func send(_ bytes: [UInt8], to: Endpoint, timeout: Duration) async throws {
        let channel = try await connect(to, timeout: timeout) { _ in }
        defer { channel.close(promise: nil) }
        try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
    }

    package func close() async {
        let (udp, tcp) = channels.withLock { c in
            defer { c = (nil, nil) }
            return c
        }
        try? await udp?.close()
        try? await tcp?.close()
    }

    private func connect(_ to: Endpoint, timeout: Duration,
                         handler: @escaping @Sendable (any Channel) throws -> Void) async throws -> any Channel {
        guard let address = to.socketAddress else { throw MeshError("bad address \(to)") }
        return try await ClientBootstrap(group: group)
            .connectTimeout(Self.amount(timeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try handler(channel) }
            }
            .connect(to: address).get()
    }

    static func amount(_ d: Duration) -> TimeAmount {
        .nanoseconds(Int64(d.components.seconds) * 1_000_000_000 + d.components.attoseconds / 1_000_000_000)
    }
}
