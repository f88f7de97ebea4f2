import Logging
import NIOCore
import NIOSSL
import NIOTLS
import SMTPProtocol

/// The NIO shell around ``SMTPConversation``: turns lines into replies, performs the
/// machine's actions (write, STARTTLS by inserting an `NIOSSLClientHandler` at the front of
/// the pipeline, close) and reports the outcome through `promise`. Every wait for the server
/// is bounded by `readTimeout` and by the overall `deadline`.
final class SMTPChannelHandler: ChannelInboundHandler {
    typealias InboundIn = String
    typealias OutboundOut = ByteBuffer

    private var machine: SMTPConversation
    private var parser = SMTPReplyParser()
    private let promise: EventLoopPromise<Void>
    private let tls: TLSConfiguration?
    private let serverName: String?
    private let readTimeout: TimeAmount
    private let deadline: NIODeadline
    private let logger: Logger
    private var timer: Scheduled<Void>?
    private var startedTLS = false
    private var completed = false

    init(machine: SMTPConversation, promise: EventLoopPromise<Void>, tls: TLSConfiguration?, serverName: String?,
         readTimeout: TimeAmount, deadline: NIODeadline, logger: Logger) {
        self.machine = machine
        self.promise = promise
        self.tls = tls
        self.serverName = serverName
        self.readTimeout = readTimeout
        self.deadline = deadline
        self.logger = logger
    }

    func channelActive(context: ChannelHandlerContext) {
        armTimer(context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        logger.trace("smtp reply line", metadata: ["line": "\(line)"])
        do {
            guard let reply = try parser.feed(line) else { return }
            timer?.cancel()
            perform(machine.onReply(reply), context: context)
        } catch {
            perform(machine.onFailure(error), context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if startedTLS, case .handshakeCompleted = event as? TLSUserEvent {
            startedTLS = false
            timer?.cancel()
            perform(machine.onTLSEstablished(), context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let failure = (error as? SMTPError) ?? SMTPError(message: "\(error)", retryable: true)
        perform(machine.onFailure(failure), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        if !machine.isFinished {
            perform(machine.onFailure(SMTPError(message: "EOF", retryable: true)), context: context)
        }
        complete(SMTPError(message: "connection closed", retryable: true))
        context.fireChannelInactive()
    }

    private func perform(_ action: SMTPAction, context: ChannelHandlerContext) {
        switch action {
        case .send(let line):
            logger.trace("smtp command", metadata: ["command": "\(line.hasPrefix("AUTH") ? "AUTH ..." : line)"])
            write(Array((line + "\r\n").utf8), context: context)
        case .sendData(let bytes):
            write(bytes, context: context)
        case .startTLS:
            guard let tls else {
                perform(machine.onFailure(SMTPError(message: "no TLS configuration", retryable: false)), context: context)
                return
            }
            do {
                let sslContext = try NIOSSLContext(configuration: tls)
                let handler = try NIOSSLClientHandler(context: sslContext, serverHostname: serverName)
                startedTLS = true
                try context.pipeline.syncOperations.addHandler(handler, position: .first)
                armTimer(context: context)
            } catch {
                perform(machine.onFailure(SMTPError(message: "\(error)", retryable: true)), context: context)
            }
        case .close(let error):
            timer?.cancel()
            complete(error)
            context.close(promise: nil)
        }
    }

    private func write(_ bytes: [UInt8], context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
        armTimer(context: context)
    }

    /// Bounds the wait for the next reply (or handshake) by the read timeout and deadline.
    private func armTimer(context: ChannelHandlerContext) {
        timer?.cancel()
        let byTimeout = NIODeadline.now() + readTimeout
        let at = min(byTimeout, deadline)
        let message = at == deadline ? "context deadline exceeded" : "i/o timeout"
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(deadline: at) {
            let (handler, context) = loopBound.value
            handler.perform(handler.machine.onFailure(SMTPError(message: message, retryable: true)), context: context)
        }
    }

    private func complete(_ error: SMTPError?) {
        guard !completed else { return }
        completed = true
        if let error { promise.fail(error) } else { promise.succeed(()) }
    }
}
