import AlertCore
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Notify

/// Alertmanager's webhook notifier (`notify/webhook`): POSTs the version-4 JSON message.
///
/// Retry classification as `notify.Retrier.Check`: 2xx succeeds; 5xx and transport errors
/// are retried; anything else fails at once with `unexpected status code N: <url>: <body>`.
public struct WebhookNotifier: Notifier {
    /// `User-Agent` sent with every request. Alertmanager sends `Alertmanager/<version>`;
    /// Tocsin claims to be the 0.25.0 it mirrors so receivers that inspect it keep working.
    public static let userAgent = "Alertmanager/0.25.0"
    /// How much of an error response body goes into the error message.
    static let maxErrorBody = 64 * 1024

    public let url: String
    public let maxAlerts: Int
    public let externalURL: String
    /// Per-request timeout (0.28+ `timeout`); nil = bounded only by the flush deadline.
    public let timeout: Double?
    let authorization: HTTPAuthorization?
    let tls: TLSConfiguration?
    /// Set when `tls_config.server_name` differs from the URL's host.
    let sni: SNIRoute?
    let client: HTTPClient
    let clock: any TimeSource

    /// - Throws: ``HTTPOptionsError`` when the TLS files cannot be read or the proxy is invalid.
    public init(url: String, maxAlerts: Int = 0, externalURL: String, http: HTTPOptions = HTTPOptions(),
                timeout: Double? = nil, clients: NotifierHTTPClients,
                clock: any TimeSource = WallClock()) throws(HTTPOptionsError) {
        self.url = url
        self.maxAlerts = maxAlerts
        self.externalURL = externalURL
        self.timeout = timeout
        authorization = http.authorization
        let needsTLS = http.tls != HTTPTLSOptions()
        tls = needsTLS ? try http.tls.makeTLSConfiguration() : nil
        sni = SNIRoute(url: url, serverName: http.tls.serverName)
        client = try clients.client(for: http, sni: sni)
        self.clock = clock
    }

    public func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let message = WebhookMessage(receiverName: ctx.receiverName, groupKey: ctx.groupKey, groupLabels: ctx.groupLabels,
                                     alerts: alerts, maxAlerts: maxAlerts, externalURL: externalURL, now: clock.now())
        var request = HTTPClientRequest(url: sni?.requestURL ?? url)
        request.method = .POST
        if let sni { request.headers.add(name: "Host", value: sni.hostHeader) }
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        request.headers.add(name: "Content-Type", value: "application/json")
        if let authorization { request.headers.add(name: "Authorization", value: authorization.headerValue) }
        request.body = .bytes(ByteBuffer(bytes: message.encoded()))
        request.tlsConfiguration = tls
        var seconds = ctx.deadline.timeIntervalSince(clock.now())
        if let timeout, timeout > 0 { seconds = min(seconds, timeout) }
        guard seconds > 0 else { throw NotifyError.retryable("context deadline exceeded", reason: .contextDeadlineExceeded) }

        let status: Int
        var body: [UInt8] = []
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(Int64(seconds * 1e9)))
            status = Int(response.status.code)
            for try await chunk in response.body where body.count < Self.maxErrorBody {
                body.append(contentsOf: chunk.readableBytesView.prefix(Self.maxErrorBody - body.count))
            }
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw NotifyError.retryable("Post \"<redacted>\": context deadline exceeded", reason: .contextDeadlineExceeded)
        } catch {
            // Go redacts the URL of transport errors (`notify.RedactURL`).
            throw NotifyError.retryable("Post \"<redacted>\": \(error)", reason: .other)
        }
        try Self.check(status: status, body: body, url: url)
    }

    /// `Retrier.Check` with the webhook's error details (`<url>: <body>`).
    static func check(status: Int, body: [UInt8], url: String) throws(NotifyError) {
        if status / 100 == 2 { return }
        let text = "unexpected status code \(status): \(url): \(String(decoding: body, as: UTF8.self))"
        throw NotifyError(retryable: status / 100 == 5, message: text, reason: NotifyError.reason(forStatus: status))
    }
}
