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

/// Largest stream message accepted (memberlist limits push state to 20 MiB after decryption).
let maxStreamBytes = 32 << 20

/// One inbound TCP connection: read one stream message, answer it, close
/// (memberlist `handleConn`). Bad input gets an `errMsg` back, like memberlist's `readStream`.
final class StreamServerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let node: MeshNode
    let timeout: Duration
    private var buffer: [UInt8] = []
    private var done = false

    init(node: MeshNode, timeout: Duration) {
        self.node = node
        self.timeout = timeout
    }

    func channelActive(context: ChannelHandlerContext) {
        let channel = context.channel
        context.eventLoop.scheduleTask(in: .nanoseconds(Int64(timeout.seconds * 1e9))) { channel.close(promise: nil) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !done else { return }
        buffer += Array(buffer: unwrapInboundIn(data))
        let from = Endpoint(context.remoteAddress) ?? Endpoint(ip: [0, 0, 0, 0], port: 0)
        do {
            var bytes = buffer
            if bytes.first == Memberlist.MessageType.hasLabel.rawValue {
                guard let (label, rest) = try? Memberlist.stripLabel(bytes[...]) else { return }
                guard label == node.labelBytes else { throw MeshError("unacceptable label") }
                bytes = Array(rest)
            } else if !node.labelBytes.isEmpty, !bytes.isEmpty {
                throw MeshError("missing label")
            }
            guard let (message, _) = try Memberlist.parseStreamMessage(bytes) else {
                if buffer.count > maxStreamBytes { throw MeshError("stream too large") }
                return
            }
            done = true
            let reply = node.streamReceived(message, from: from)
            respond(context: context, bytes: reply)
        } catch {
            done = true
            let response = Memberlist.encodeStreamMessage(.error(Memberlist.ErrorResponse(error: "\(error)")))
            respond(context: context, bytes: response)
        }
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
    private var buffer: [UInt8] = []
    private var completed = false

    init(promise: EventLoopPromise<Memberlist.StreamMessage>) { self.promise = promise }

    private func finish(_ result: Result<Memberlist.StreamMessage, Error>) {
        guard !completed else { return }
        completed = true
        promise.completeWith(result)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        buffer += Array(buffer: unwrapInboundIn(data))
        do {
            var bytes = buffer[...]
            if bytes.first == Memberlist.MessageType.hasLabel.rawValue {
                guard let (_, rest) = try? Memberlist.stripLabel(bytes) else { return }
                bytes = rest
            }
            if let (message, _) = try Memberlist.parseStreamMessage(Array(bytes)) {
                finish(.success(message))
                context.close(promise: nil)
            } else if buffer.count > maxStreamBytes {
                throw MeshError("stream too large")
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
