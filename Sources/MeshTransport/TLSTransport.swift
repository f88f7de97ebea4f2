import Mesh
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import Wire

/// A check of a peer's certificate chain replacing swift-nio-ssl's own.
package typealias CertificateCheck = @Sendable ([NIOSSLCertificate], EventLoopPromise<NIOSSLVerificationResult>) -> Void

/// What `--cluster.tls-config` asks of the gossip: the listener's and the dialer's TLS, built
/// by the server from the file.
package struct GossipTLS: Sendable {
    package var server: TLSConfiguration
    package var client: TLSConfiguration
    /// Replaces swift-nio-ssl's check of peers' certificates (client-auth types that verify
    /// none, `client_allowed_sans`); nil: its own check.
    package var clientVerification: CertificateCheck?
    /// `tls_client_config.server_name`; nil: the peer's certificate must name its IP address.
    package var serverName: String?

    package init(server: TLSConfiguration, client: TLSConfiguration, clientVerification: CertificateCheck?,
                serverName: String?) {
        self.server = server
        self.client = client
        self.clientVerification = clientVerification
        self.serverName = serverName
    }
}

/// Alertmanager's TLS transport for memberlist (0.25, `cluster/tls_transport.go`): TCP and
/// TLS only, one port. Datagrams travel as PACKET frames over one kept-open connection per
/// peer; a stream is a new connection whose first frame is STREAM (`TLSFrame`). Each frame is
/// written on its own, so each is its own TLS record: upstream's reader buffers per frame and
/// would drop bytes of a second frame sharing a record.
package final class TLSTransport: GossipTransport {
    let group: any EventLoopGroup
    let serverContext: NIOSSLContext
    let clientContext: NIOSSLContext
    let tls: GossipTLS
    /// Dial timeout of the packet connections (upstream: `DefaultTCPTimeout`, 10 s).
    let dialTimeout: Duration
    /// The largest frame accepted from a peer.
    let maxFrameBytes: Int

    private struct State {
        var listener: (any Channel)?
        /// Our listen address as upstream writes it in PACKET frames.
        var fromAddress = ""
        var packetConnections: [Endpoint: EventLoopFuture<any Channel>] = [:]
        var closed = false
    }
    private let state = Mutex(State())

    /// Throws when swift-nio-ssl refuses the settings (a key that does not match its certificate).
    package init(tls: GossipTLS, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                dialTimeout: Duration = .seconds(10), maxFrameBytes: Int = Memberlist.StreamLimits().maxBytes) throws {
        self.tls = tls
        self.group = group
        self.dialTimeout = dialTimeout
        self.maxFrameBytes = maxFrameBytes
        serverContext = try NIOSSLContext(configuration: tls.server)
        clientContext = try NIOSSLContext(configuration: tls.client)
    }

    package func listen(host: String, port: Int, streamTimeout: Duration, receiver: any GossipReceiver) async throws -> Int {
        let (context, verification, maxFrame) = (serverContext, tls.clientVerification, maxFrameBytes)
        let listener = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let ssl = verification.map { NIOSSLServerHandler(context: context, customVerificationCallback: $0) }
                        ?? NIOSSLServerHandler(context: context)
                    try channel.pipeline.syncOperations.addHandler(ssl)
                    try channel.pipeline.syncOperations.addHandler(
                        TLSFrameServerHandler(receiver: receiver, timeout: streamTimeout, maxFrameBytes: maxFrame))
                }
            }
            .bind(host: host, port: port).get()
        let bound = listener.localAddress?.port ?? port
        let from = host.contains(":") ? "[\(host)]:\(bound)" : "\(host):\(bound)"
        state.withLock {
            $0.listener = listener
            $0.fromAddress = from
        }
        return bound
    }

    /// Writes a PACKET frame on the kept-open connection to `to`, dialling it first when there
    /// is none (or it died; the packet that found it dead is lost, as UDP would lose it).
    package func sendPacket(_ bytes: [UInt8], to: Endpoint) {
        let found: (EventLoopFuture<any Channel>, String)? = state.withLock { s in
            guard !s.closed else { return nil }
            if let existing = s.packetConnections[to] { return (existing, s.fromAddress) }
            let dialled = dial(to, timeout: dialTimeout) { _ in }
            s.packetConnections[to] = dialled
            dialled.whenComplete { [weak self] result in
                guard let self else { return }
                switch result {
                case let .success(channel): channel.closeFuture.whenComplete { _ in self.forget(to, dialled) }
                case .failure: self.forget(to, dialled)
                }
            }
            return (dialled, s.fromAddress)
        }
        guard let (connection, from) = found else { return }
        let frame = TLSFrame.encode(.packet(from: from, bytes: bytes))
        connection.whenSuccess { channel in
            channel.writeAndFlush(channel.allocator.buffer(bytes: frame), promise: nil)
        }
    }

    private func forget(_ to: Endpoint, _ connection: EventLoopFuture<any Channel>) {
        state.withLock { s in
            if s.packetConnections[to] === connection { s.packetConnections[to] = nil }
        }
    }

    package func exchange(_ bytes: [UInt8], with to: Endpoint, timeout: Duration,
                         limits: Memberlist.StreamLimits) async throws -> Memberlist.StreamMessage {
        try await StreamClientHandler.exchange(
            on: group.next(), timeout: timeout, limits: limits,
            open: { install in try await dial(to, timeout: timeout, handler: install).get() },
            write: { channel in _ = writeStream(bytes, on: channel) })
    }

    package func send(_ bytes: [UInt8], to: Endpoint, timeout: Duration) async throws {
        let channel = try await dial(to, timeout: timeout) { _ in }.get()
        defer { channel.close(promise: nil) }
        try await writeStream(bytes, on: channel).get()
    }

    /// The STREAM frame, then the stream's bytes as a separate write (their own record).
    @discardableResult
    private func writeStream(_ bytes: [UInt8], on channel: any Channel) -> EventLoopFuture<Void> {
        channel.write(channel.allocator.buffer(bytes: TLSFrame.encode(.stream)), promise: nil)
        return channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
    }

    package func close() async {
        let (listener, connections) = state.withLock { s in
            s.closed = true
            defer {
                s.listener = nil
                s.packetConnections = [:]
            }
            return (s.listener, Array(s.packetConnections.values))
        }
        try? await listener?.close()
        for connection in connections {
            connection.whenSuccess { $0.close(promise: nil) }
        }
    }

    private func dial(_ to: Endpoint, timeout: Duration,
                      handler: @escaping @Sendable (any Channel) throws -> Void) -> EventLoopFuture<any Channel> {
        let loop = group.next()
        guard let address = to.socketAddress else { return loop.makeFailedFuture(MeshError("bad address \(to)")) }
        let (context, serverName) = (clientContext, tls.serverName)
        return ClientBootstrap(group: loop)
            .connectTimeout(UDPTCPTransport.amount(timeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverName))
                    try handler(channel)
                }
            }
            .connect(to: address)
    }
}

/// One inbound TLS connection: PACKET frames until a STREAM frame, whose remaining bytes are
/// one memberlist stream read by an `InboundStream` (and closed at the TCP timeout, counted
/// against the inbound stream limit). A bad frame closes the connection, as upstream's
/// `handle` stops reading on an error. A connection with no complete frame (a handshake
/// never finished, nothing sent) is closed at the TCP timeout; upstream would keep it open.
final class TLSFrameServerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let receiver: any GossipReceiver
    let timeout: Duration
    let maxFrameBytes: Int
    private var buffer: [UInt8] = []
    private var stream: InboundStream?
    private var peer: Endpoint?
    private var sawFrame = false

    init(receiver: any GossipReceiver, timeout: Duration, maxFrameBytes: Int) {
        self.receiver = receiver
        self.timeout = timeout
        self.maxFrameBytes = maxFrameBytes
    }

    func channelActive(context: ChannelHandlerContext) {
        peer = Endpoint(context.remoteAddress)
        let (handler, channel) = (NIOLoopBound(self, eventLoop: context.eventLoop), context.channel)
        context.eventLoop.scheduleTask(in: UDPTCPTransport.amount(timeout)) {
            if !handler.value.sawFrame { channel.close(promise: nil) }
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        InboundStream.connectionClosed(&stream, context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let piece = unwrapInboundIn(data).readableBytesView
        if let stream { return stream.feed(piece, answeringOn: context) }
        buffer.append(contentsOf: piece)
        while true {
            let frame: (TLSFrame.Kind, consumed: Int)?
            do { frame = try TLSFrame.decode(buffer, maxBytes: maxFrameBytes) } catch {
                return context.close(promise: nil)
            }
            guard let (kind, consumed) = frame else { return }
            sawFrame = true
            switch kind {
            case let .packet(from, bytes):
                // Upstream resolves the sender's address and drops the connection if it can't.
                guard let sender = Endpoint(from) else { return context.close(promise: nil) }
                buffer.removeFirst(consumed)
                receiver.packetReceived(bytes, from: sender)
            case .stream:
                let name = peer.map { "\($0)" } ?? "unknown"
                guard let opened = receiver.streamOpened(from: peer, peer: name) else { return context.close(promise: nil) }
                stream = opened
                let channel = context.channel
                context.eventLoop.scheduleTask(in: UDPTCPTransport.amount(timeout)) { channel.close(promise: nil) }
                let rest = buffer.dropFirst(consumed)
                buffer = []
                if !rest.isEmpty { opened.feed(rest, answeringOn: context) }
                return
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
