import AlertCore
import Foundation
import GoCompat
import Notify
import Templating

/// Alertmanager's webhook notifier (`notify/webhook`): POSTs the version-4 JSON message.
///
/// Retry classification as `notify.Retrier.Check`: 2xx succeeds; 5xx and transport errors
/// are retried; anything else fails at once with `unexpected status code N: <url>: <body>`.
package struct WebhookNotifier: Notifier {
    /// `User-Agent` sent with every request. Alertmanager sends `Alertmanager/<version>`;
    /// Tocsin claims to be the 0.25.0 it mirrors so receivers that inspect it keep working.
    package static let userAgent = "Alertmanager/0.25.0"

    package let url: String
    /// `url_file` (0.26+), read at each send when `url` is empty.
    package let urlFile: String
    package let maxAlerts: Int
    package let externalURL: String
    /// Per-request timeout (0.28+ `timeout`); nil = bounded only by the flush deadline.
    package let timeout: Double?
    /// `payload` (0.32+): sent instead of the standard message, every string templated and
    /// re-read as 0.34's `DeepCopyWithTemplate` does (`reparse`); nil = the standard message.
    package let payload: JSONTree?
    let reparse: @Sendable (String) -> JSONTree?
    /// For a templated `url` (0.32+) or `payload`; nil when neither is used.
    let templates: TemplateSet?
    let sender: HTTPSender

    /// - Throws: ``HTTPOptionsError`` when the TLS files cannot be read or the proxy is invalid.
    package init(url: String, urlFile: String = "", maxAlerts: Int = 0, externalURL: String, http: HTTPOptions = HTTPOptions(),
                timeout: Double? = nil, templates: TemplateSet? = nil, payload: JSONTree? = nil,
                reparse: @escaping @Sendable (String) -> JSONTree? = { _ in nil }, clients: NotifierHTTPClients,
                clock: any TimeSource = WallClock()) throws(HTTPOptionsError) {
        self.url = url
        self.urlFile = urlFile
        self.maxAlerts = maxAlerts
        self.externalURL = externalURL
        self.timeout = timeout
        self.templates = templates
        self.payload = payload
        self.reparse = reparse
        sender = try HTTPSender(http: http, clients: clients, clock: clock)
    }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        var message = WebhookMessage(receiverName: ctx.receiverName, groupKey: ctx.groupKey, groupLabels: ctx.groupLabels,
                                     alerts: alerts, maxAlerts: maxAlerts, externalURL: externalURL,
                                     now: sender.clock.now())
        message.routeLabels = ctx.routeLabels
        var body = message.encoded()
        var target = try url.isEmpty ? SecretFile.read(urlFile, context: "read url_file") : url
        if let templates, payload != nil || target.contains("{{") {
            let shown = maxAlerts > 0 ? Array(alerts.prefix(maxAlerts)) : alerts
            let f = Renderer(templates: templates, externalURL: externalURL, ctx: ctx, alerts: shown, now: sender.clock.now())
            if let payload {
                let rendered: JSONTree
                do throws(NotifyError) { rendered = try payload.rendered(f, reparse: reparse) } catch {
                    throw error.wrapped("failed to render custom payload")
                }
                body = GoJSONWriter.encoded { rendered.write(to: &$0) }
            }
            if target.contains("{{") {
                do throws(NotifyError) { target = try f(target) } catch { throw error.wrapped("failed to template webhook URL") }
                if target.isEmpty { throw NotifyError.permanent("webhook URL is empty after templating") }
            }
        }
        // tocsin's HA extension: the same key on every node for the same notification, so a
        // receiver can drop a duplicate; the body stays byte for byte Alertmanager's.
        let headers = ctx.idempotencyKey.isEmpty ? [] : [("Idempotency-Key", ctx.idempotencyKey)]
        let reply = try await sender.send(url: target, contentType: "application/json", headers: headers, body: body,
                                          timeout: timeout, ctx: ctx)
        try Self.check(status: reply.status, body: reply.body, url: target)
    }

    /// `Retrier.Check` with the webhook's error details (`<url>: <body>`); the webhook retries
    /// 5xx only (no 429), as in 0.25.
    static func check(status: Int, body: [UInt8], url: String) throws(NotifyError) {
        if status / 100 == 2 { return }
        let text = "unexpected status code \(status): \(url): \(String(decoding: body, as: UTF8.self))"
        throw NotifyError(retryable: status / 100 == 5, message: text, reason: NotifyError.reason(forStatus: status))
    }
}
