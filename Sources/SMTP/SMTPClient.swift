import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import SMTPProtocol

/// Delivers one mail over a fresh connection, as Alertmanager's email notifier does per
/// notification: plain TCP, or TLS from the first byte when the settings say implicit TLS
/// (port 465), STARTTLS when `require_tls` is set.
package struct SMTPClient: Sendable {
    package let group: any EventLoopGroup
    /// Bound on establishing the TCP connection.
    package var connectTimeout: TimeAmount
    /// Bound on each wait for a reply or a TLS handshake.
    package var readTimeout: TimeAmount
    package var logger: Logger

    package init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, connectTimeout: TimeAmount = .seconds(10),
                readTimeout: TimeAmount = .seconds(30), logger: Logger = Logger(label: "tocsin.smtp")) {
        self.group = group
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.logger = logger
    }

    /// Sends `envelope`. Task cancellation closes the connection.
    /// - Parameter deadline: when to give up altogether (Alertmanager's context deadline).
    /// - Throws: ``SMTPError`` saying whether a retry can help.
    package func send(_ envelope: SMTPEnvelope, settings: SMTPSettings, tls options: SMTPTLSOptions = SMTPTLSOptions(),
                     deadline: NIODeadline = .distantFuture) async throws(SMTPError) {
        let tlsConfiguration: TLSConfiguration? = settings.implicitTLS || settings.requireTLS
            ? try options.makeConfiguration() : nil
        let serverName = options.verifiedName(host: settings.host)
        let eventLoop = group.next()
        let promise = eventLoop.makePromise(of: Void.self)
        let machine = SMTPConversation(settings: settings, envelope: envelope)
        let readTimeout = readTimeout
        let logger = logger
        let implicitTLS = settings.implicitTLS
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(max(.milliseconds(1), min(connectTimeout, deadline - .now())))
            .channelInitializer { channel in
                do {
                    let ops = channel.pipeline.syncOperations
                    if implicitTLS, let tlsConfiguration {
                        let ssl = try NIOSSLClientHandler(context: try NIOSSLContext(configuration: tlsConfiguration),
                                                          serverHostname: serverName)
                        try ops.addHandler(ssl)
                    }
                    try ops.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                    try ops.addHandler(SMTPChannelHandler(machine: machine, promise: promise, tls: tlsConfiguration,
                                                          serverName: serverName, readTimeout: readTimeout,
                                                          deadline: deadline, logger: logger))
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
        let box = NIOLockedValueBox<Channel?>(nil)
        let result: Result<Void, any Error> = await withTaskCancellationHandler {
            let channel: Channel
            do {
                channel = try await bootstrap.connect(host: settings.host, port: settings.port).get()
            } catch {
                promise.fail(SMTPError(message: "establish connection to server: \(error)", retryable: true))
                return await promise.futureResult.result()
            }
            box.withLockedValue { $0 = channel }
            if Task.isCancelled { channel.close(promise: nil) }
            return await promise.futureResult.result()
        } onCancel: {
            box.withLockedValue { $0 }?.close(promise: nil)
        }
        if case .failure(let error) = result {
            throw (error as? SMTPError) ?? SMTPError(message: "\(error)", retryable: true)
        }
    }
}

extension SMTPClient {
    /// Sends `envelope`, giving up after `seconds` altogether.
    package func send(_ envelope: SMTPEnvelope, settings: SMTPSettings, tls options: SMTPTLSOptions = SMTPTLSOptions(),
                     within seconds: Double) async throws(SMTPError) {
        let nanos = Int64(min(max(seconds, 0), 365 * 86_400) * 1e9)
        try await send(envelope, settings: settings, tls: options, deadline: .now() + .nanoseconds(nanos))
    }
}

extension EventLoopFuture where Value == Void {
    /// The outcome without throwing.
    fileprivate func result() async -> Result<Void, any Error> {
        do { return .success(try await get()) } catch { return .failure(error) }
    }
}
