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
    let node: MeshNode

    init(node: MeshNode) { self.node = node }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard let from = Endpoint(envelope.remoteAddress) else { return }
        node.packetReceived(Array(buffer: envelope.data), from: from)
    }
}

/// One inbound TCP connection: read one stream message, answer it, close
/// (memberlist `handleConn`). Bad input gets an `errMsg` back, like memberlist's `readStream`.
/// Input over a limit (`InboundLimits`) is refused and counted; once the message's headers
/// say how long it is, nothing is parsed again until that many bytes are in.
final class StreamServerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let node: MeshNode
    let timeout: Duration
    private var reader = StreamReader()
    private var done = false
    private var holdsSlot = false

    init(node: MeshNode, timeout: Duration) {
        self.node = node
        self.timeout = timeout
    }

    func channelActive(context: ChannelHandlerContext) {
        let channel = context.channel
        guard node.inbound.acquireStream() else {
            done = true
            node.inbound.reject(.tooManyStreams, from: Self.peer(context), logger: node.logger)
            context.close(promise: nil)
            return
        }
        holdsSlot = true
        context.eventLoop.scheduleTask(in: .nanoseconds(Int64(timeout.seconds * 1e9))) { channel.close(promise: nil) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if holdsSlot { node.inbound.releaseStream() }
        holdsSlot = false
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !done else { return }
        do {
            guard let message = try reader.read(unwrapInboundIn(data), label: node.labelBytes, limits: node.inbound.stream) else {
                return
            }
            done = true
            let from = Endpoint(context.remoteAddress) ?? Endpoint(ip: [0, 0, 0, 0], port: 0)
            let reply = node.streamReceived(message, from: from)
            respond(context: context, bytes: reply)
        } catch {
            done = true
            if let e = error as? Memberlist.StreamError, let reason = Memberlist.InboundRejection(e) {
                node.inbound.reject(reason, from: Self.peer(context), detail: "\(e)", logger: node.logger)
            }
            let response = Memberlist.encodeStreamMessage(.error(Memberlist.ErrorResponse(error: "\(error)")))
            respond(context: context, bytes: response)
        }
    }

    static func peer(_ context: ChannelHandlerContext) -> String {
        Endpoint(context.remoteAddress).map { "\($0)" } ?? "unknown"
    }

    private func respond(context: ChannelHandlerContext, bytes: [UInt8]?) {
        guard let bytes else {
            context.close(promise: nil)
            return
        }
        var out = context.channel.allocator.buffer(capacity: bytes.count + 8)
        if !node.labelBytes.isEmpty, let labelled = Memberlist.addLabel(node.labelBytes, to: []) {
            out.writeBytes(labelled)
        }
        out.writeBytes(bytes)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(out)).whenComplete { _ in channel.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}

/// The initiator side of a push-pull: collects the reply until it parses.
final class StreamClientHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private let promise: EventLoopPromise<Memberlist.StreamMessage>
    private let inbound: InboundLimits
    private let logger: Logger
    private var reader = StreamReader()
    private var completed = false

    init(promise: EventLoopPromise<Memberlist.StreamMessage>, inbound: InboundLimits, logger: Logger) {
        self.promise = promise
        self.inbound = inbound
        self.logger = logger
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
            if let message = try reader.read(unwrapInboundIn(data), label: nil, limits: inbound.stream) {
                finish(.success(message))
                context.close(promise: nil)
            }
        } catch {
            if let e = error as? Memberlist.StreamError, let reason = Memberlist.InboundRejection(e) {
                inbound.reject(reason, from: StreamServerHandler.peer(context), detail: "\(e)", logger: logger)
            }
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
