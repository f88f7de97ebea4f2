import Logging
import Mesh
import NIOCore
import Wire

extension Endpoint {
    init?(_ address: SocketAddress?) {
        guard let address, let port = address.port, let port = UInt16(exactly: port) else { return nil }
        switch address {
        case let .v4(v4):
            let host = UInt32(bigEndian: v4.address.sin_addr.s_addr)
            self.init(ip: [UInt8(host >> 24), UInt8((host >> 16) & 0xff), UInt8((host >> 8) & 0xff), UInt8(host & 0xff)],
                      port: port)
        case let .v6(v6):
            self.init(ip: withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }, port: port)
        default:
            return nil
        }
    }

    var socketAddress: SocketAddress? {
        let host = ip.count == 16 ? String(description.dropFirst().prefix { $0 != "]" }) : self.host
        return try? SocketAddress(ipAddress: host, port: Int(port))
    }
}

/// Receives UDP datagrams and hands them to the node.
final class PacketHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    let receiver: any GossipReceiver

    init(receiver: any GossipReceiver) { self.receiver = receiver }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard let from = Endpoint(envelope.remoteAddress) else { return }
        receiver.packetReceived(Array(buffer: envelope.data), from: from)
    }
}

extension InboundStream {
    /// Feeds `piece` and carries out the outcome on `context`'s channel, as the TCP and the
    /// TLS stream handlers both do: wait for more, close, or write the reply and then close.
    func feed(_ piece: some Collection<UInt8>, answeringOn context: ChannelHandlerContext) {
        switch feed(piece) {
        case .needMore: return
        case .close: context.close(promise: nil)
        case let .reply(bytes):
            let channel = context.channel
            context.writeAndFlush(NIOAny(channel.allocator.buffer(bytes: bytes))).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }

    /// What the TCP and TLS stream handlers do when their connection closes: end the
    /// stream (releasing its slot in the node's inbound limit) and pass the event on.
    static func connectionClosed(_ stream: inout InboundStream?, context: ChannelHandlerContext) {
        stream?.finish()
        stream = nil
        context.fireChannelInactive()
    }
}

/// One inbound TCP connection, read and answered by an `InboundStream`; closed at the TCP
/// timeout whatever happens.
final class StreamServerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let receiver: any GossipReceiver
    let timeout: Duration
    private var stream: InboundStream?

    init(receiver: any GossipReceiver, timeout: Duration) {
        self.receiver = receiver
        self.timeout = timeout
    }

    func channelActive(context: ChannelHandlerContext) {
        let channel = context.channel
        let peer = Endpoint(context.remoteAddress)
        guard let stream = receiver.streamOpened(from: peer, peer: peer.map { "\($0)" } ?? "unknown") else {
            context.close(promise: nil)
            return
        }
        self.stream = stream
        context.eventLoop.scheduleTask(in: .nanoseconds(Int64(timeout.seconds * 1e9))) { channel.close(promise: nil) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        InboundStream.connectionClosed(&stream, context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        stream?.feed(unwrapInboundIn(data).readableBytesView, answeringOn: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}

extension StreamClientHandler {
    /// One request and its reply on a new stream, as both transports make it: `open` connects,
    /// running the installer it is given on the new channel; `write` sends the request. The
    /// reply is awaited until `timeout`, which fails it and closes the connection.
    static func exchange(
        on loop: any EventLoop, timeout: Duration, limits: Memberlist.StreamLimits,
        open: (@escaping @Sendable (any Channel) throws -> Void) async throws -> any Channel,
        write: (any Channel) -> Void
    ) async throws -> Memberlist.StreamMessage {
        let promise = loop.makePromise(of: Memberlist.StreamMessage.self)
        do {
            let channel = try await open { channel in
                try channel.pipeline.syncOperations.addHandler(StreamClientHandler(promise: promise, limits: limits))
            }
            let task = channel.eventLoop.scheduleTask(in: UDPTCPTransport.amount(timeout)) {
                promise.fail(MeshError("push-pull timed out"))
                channel.close(promise: nil)
            }
            promise.futureResult.whenComplete { _ in task.cancel() }
            write(channel)
        } catch {
            promise.fail(error)
        }
        return try await promise.futureResult.get()
    }
}

/// The initiator side of a push-pull or stream ping: collects the reply until it parses.
final class StreamClientHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private let promise: EventLoopPromise<Memberlist.StreamMessage>
    private let limits: Memberlist.StreamLimits
    private var reader = StreamReader()
    private var completed = false

    init(promise: EventLoopPromise<Memberlist.StreamMessage>, limits: Memberlist.StreamLimits) {
        self.promise = promise
        self.limits = limits
    }

    private func finish(_ result: Result<Memberlist.StreamMessage, Error>) {
        guard !completed else { return }
        completed = true
        promise.completeWith(result)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !completed else { return }
        do {
            // The reply's label, if any, is not checked (memberlist checks only inbound streams).
            if let message = try reader.read(unwrapInboundIn(data).readableBytesView, label: nil, limits: limits) {
                finish(.success(message))
                context.close(promise: nil)
            }
        } catch {
            finish(.failure(error))
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.failure(MeshError("connection closed before a reply")))
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        finish(.failure(error))
        context.close(promise: nil)
    }
}
