import AlertCore
import Foundation
import GoCompat
import Logging
import Notify
import SMTP
import SMTPProtocol
import Templating

/// Alertmanager's email notifier (`notify/email`): renders the headers and bodies from the
/// templates, builds a multipart/alternative message and delivers it over SMTP.
///
/// Failures: template and address errors are not retryable (Alertmanager returns
/// `retry=false` for them); they are logged here and returned, so the retry stage counts them
/// in `alertmanager_notifications_failed_total` and the pipeline logs them too. SMTP errors
/// follow ``SMTPError/retryable`` (4xx, connection and TLS errors retry; 5xx does not).
/// Unlike 0.25, everything is rendered before connecting, so a template error opens no
/// connection.
package struct EmailNotifier: Notifier {
    package let config: EmailNotifierConfig
    let templates: TemplateSet
    let externalURL: String
    let client: SMTPClient
    let clock: any TimeSource
    let hostname: String
    let logger: Logger

    /// - Parameters:
    ///   - templates: the configuration's template set (defaults plus `templates:` globs).
    ///   - externalURL: `--web.external-url`, `.ExternalURL` in templates.
    ///   - hostname: the `Message-Id` domain (Go's `os.Hostname()`).
    package init(config: EmailNotifierConfig, templates: TemplateSet, externalURL: String,
                client: SMTPClient = SMTPClient(), clock: any TimeSource = WallClock(),
                hostname: String = ProcessInfo.processInfo.hostName,
                logger: Logger = Logger(label: "tocsin.notify.email")) {
        self.config = config
        self.templates = templates
        self.externalURL = externalURL
        self.client = client
        self.clock = clock
        self.hostname = hostname
        self.logger = logger
    }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let now = clock.now()
        let rendered: RenderedEmail
        do {
            rendered = try render(ctx, alerts: alerts, now: now)
        } catch {
            logger.error("Failed to render email", metadata: [
                "receiver": "\(ctx.receiverName)", "aggrGroup": "\(ctx.groupKey)", "err": "\(error.message)",
            ])
            throw error
        }
        let seconds = ctx.deadline.timeIntervalSince(now)
        guard seconds > 0 else { throw NotifyError.retryable("context deadline exceeded", reason: .contextDeadlineExceeded) }
        do {
            try await client.send(rendered.envelope, settings: config.smtpSettings, tls: config.tls, within: seconds)
        } catch {
            throw NotifyError(retryable: error.retryable, message: error.message)
        }
    }

    /// The envelope and message for `alerts`, as they would be sent at `now`.
    /// - Throws: ``NotifyError`` (not retryable) for a template or address error.
    package func render(_ ctx: NotificationContext, alerts: [Alert], now: Date) throws(NotifyError) -> RenderedEmail {
        let data = TemplateData.make(receiver: ctx.receiverName, groupLabels: ctx.groupLabels.dictionary,
                                     alerts: alerts.map { Self.templateAlert($0, now: now) }, externalURL: externalURL,
                                     routeLabels: ctx.routeLabels, notificationReason: ctx.notificationReason)
        func run(_ text: String, _ what: String, html: Bool = false) throws(NotifyError) -> String {
            do {
                return html ? try templates.executeHTML(text, data: data) : try templates.executeText(text, data: data)
            } catch {
                throw NotifyError.permanent("\(what): \(error)")
            }
        }
        let from = try run(config.from, "execute 'from' template")
        let to = try run(config.to, "execute 'to' template")
        let fromAddresses: [String], toAddresses: [String]
        do { fromAddresses = try EmailAddress.parseList(from) } catch {
            throw NotifyError.permanent("parse 'from' addresses: \(error.message)")
        }
        guard fromAddresses.count == 1 else {
            throw NotifyError.permanent("must be exactly one 'from' address (got: \(fromAddresses.count))")
        }
        do { toAddresses = try EmailAddress.parseList(to) } catch {
            throw NotifyError.permanent("parse 'to' addresses: \(error.message)")
        }
        var headers: [String: String] = [:]
        for (name, template) in config.withDefaultHeaders {
            headers[name] = try run(template, "execute \"\(name)\" header template")
        }
        let text = try run(config.text, "execute text template")
        let html = try run(config.html, "execute html template", html: true)
        var rng = SystemRandomNumberGenerator()
        var message = EmailMessage(
            headers: headers, text: text, html: html,
            messageID: ctx.idempotencyKey.isEmpty ? EmailMessage.makeMessageID(now: now, random: rng.next(), hostname: hostname)
                : EmailMessage.idempotentMessageID(key: ctx.idempotencyKey),
            date: EmailMessage.formatDate(now, offsetSeconds: TimeZone.current.secondsFromGMT(for: now)),
            boundary: EmailMessage.makeBoundary(using: &rng))
        if let threadBy = config.threadBy {
            message.threadRootID = Self.threadRootID(groupKey: ctx.groupKey, threadBy: threadBy, now: now)
        }
        return RenderedEmail(message: message,
                             envelope: SMTPEnvelope(from: fromAddresses[0], recipients: toAddresses,
                                                    message: message.encoded()))
    }

    /// 0.34's thread root: `<alert-<first 16 hex of the group key hash>-<local date or empty>@alertmanager>`.
    static func threadRootID(groupKey: String, threadBy: String, now: Date) -> String {
        var day = ""
        if threadBy != "none" {
            let c = Calendar.current.dateComponents(in: TimeZone.current, from: now)
            day = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        }
        return "<alert-\(GroupKeyHash.hex(groupKey).prefix(16))-\(day)@alertmanager>"
    }

    /// An alert as templates see it; status computed at `now` like `types.Alert.Status`.
    package static func templateAlert(_ alert: Alert, now: Date) -> TemplateAlert {
        TemplateAlert(status: alert.status(at: now), labels: alert.labels.dictionary,
                      annotations: alert.annotations.dictionary, startsAt: GoTime(alert.startsAt),
                      endsAt: alert.endsAt.isGoZero ? .zero : GoTime(alert.endsAt),
                      generatorURL: alert.generatorURL, fingerprint: alert.fingerprint.description)
    }
}

/// What ``EmailNotifier/render(_:alerts:now:)`` produces.
package struct RenderedEmail: Sendable, Equatable {
    package var message: EmailMessage
    package var envelope: SMTPEnvelope
}
