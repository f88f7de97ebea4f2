import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Where one HTTP listener listens, and the service that feeds it when it is not a port.
struct HTTPBind {
    let label: String
    let address: BindAddress
    let relay: (any Service)?
}

/// `--web.systemd-socket`: serve on the listening sockets systemd passes (`LISTEN_PID`,
/// `LISTEN_FDS`, descriptors from 3), as exporter-toolkit does with go-systemd's
/// `activation.Listeners`. Hummingbird cannot adopt a descriptor, so each inherited socket
/// accepts here and relays the bytes, unchanged (TLS included), to a Hummingbird listener
/// on a Unix socket in a private (0700) directory; the web config applies there as on a port.
enum SystemdActivation {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// The inherited descriptors: none unless `LISTEN_PID` names this process. The variables
    /// are removed (children must not take the sockets for theirs) and the descriptors get
    /// close-on-exec, as go-systemd does.
    static func listenDescriptors() -> [CInt] {
        let env = ProcessInfo.processInfo.environment
        defer { for name in ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] { unsetenv(name) } }
        guard let pid = env["LISTEN_PID"].flatMap(Int32.init), pid == getpid(),
              let count = env["LISTEN_FDS"].flatMap(Int.init), count > 0 else { return [] }
        return (0..<count).map { i in
            let fd = CInt(3 + i)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            return fd
        }
    }

    /// One bind per inherited socket; throws exporter-toolkit's error when there is none.
    static func binds(logger: Logger) throws -> [HTTPBind] {
        let fds = listenDescriptors()
        guard !fds.isEmpty else { throw Failure(description: "no socket activation file descriptors found") }
        var template = Array((NSTemporaryDirectory() + "/tocsin-http-XXXXXX").utf8CString)
        guard mkdtemp(&template) != nil else { throw Failure(description: "cannot create a private directory for the relay sockets") }
        let dir = String(cString: template)
        return try fds.map { fd in
            var listening: CInt = 0
            var size = socklen_t(MemoryLayout<CInt>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) == 0, listening != 0 else {
                throw Failure(description: "file descriptor \(fd) passed by systemd is not a listening socket")
            }
            let path = "\(dir)/\(fd).sock"
            return HTTPBind(label: "systemd fd \(fd)", address: .unixDomainSocket(path: path),
                            relay: SocketRelayService(fd: fd, target: path, logger: logger))
        }
    }
}

/// Accepts on an inherited listening socket and relays each connection to `target`.
struct SocketRelayService: Service, CustomStringConvertible {
    let fd: CInt
    let target: String
    let logger: Logger
    var description: String { "systemd socket \(fd)" }

    func run() async throws {
        let target = self.target
        let server: any Channel
        do {
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                // Nothing is read before the relay is in place, so no byte is dropped.
                .childChannelOption(.autoRead, value: false)
                .childChannelInitializer { inbound in
                    ClientBootstrap(group: inbound.eventLoop).connect(unixDomainSocketPath: target).flatMapThrowing { outbound in
                        let (a, b) = RelayHandler.pair()
                        try inbound.pipeline.syncOperations.addHandler(a)
                        try outbound.pipeline.syncOperations.addHandler(b)
                        inbound.setOption(.autoRead, value: true).whenFailure { _ in inbound.close(promise: nil) }
                    }
                }
                .withBoundSocket(fd).get()
        } catch {
            logger.error("Listen error", metadata: ["address": "systemd fd \(fd)", "err": "\(error)"])
            throw StartupFailure(what: "systemd socket \(fd)", error: error)
        }
        logger.info("Listening on systemd activated listeners instead of port listeners.", metadata: ["fd": "\(fd)"])
        try? await gracefulShutdown()
        try? await server.close()
        try? FileManager.default.removeItem(atPath: target)
        // The last relay to stop removes the private directory (rmdir fails while others remain).
        rmdir((target as NSString).deletingLastPathComponent)
    }
}

/// One end of a relayed connection: what it reads, its partner writes. Both ends live on the
/// same event loop. When one end closes, the other closes once what it was given is written.
final class RelayHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    private var partner: RelayHandler?
    private var context: ChannelHandlerContext?

    static func pair() -> (RelayHandler, RelayHandler) {
        let (a, b) = (RelayHandler(), RelayHandler())
        a.partner = b
        b.partner = a
        return (a, b)
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        partner = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        partner?.send(unwrapInboundIn(data))
    }

    private func send(_ buffer: ByteBuffer) {
        guard let context else { return }
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    private func closeAfterWrites() {
        guard let context else { return }
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(channel.allocator.buffer(capacity: 0))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.closeAfterWrites()
        partner = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
