import AlertCore
import Foundation
import GoCompat
import Logging
import Notify

/// `incidentio_configs` as Alertmanager 0.34 sends them (`notify/incidentio`): the webhook
/// message of 0.34 (`template.Data` with `notification_reason` and `routeLabels`, then
/// `version` "1", `groupKey`, `truncatedAlerts`) POSTed with the alert source token as a
/// bearer token. 429 is retried like 5xx; error details come from incident.io's JSON answer.
package struct IncidentioNotifier: Notifier {
    /// incident.io's payload limit: above it, only the first alert is sent.
    static let maxPayloadBytes = 512 * 1024

    package struct Config: Sendable {
        /// `url`, or nil to read `url_file` at each send.
        package var url: String?
        package var urlFile = ""
        package var maxAlerts = 0
        /// `timeout` in seconds; 0 = only the flush deadline.
        package var timeout: Double = 0
        package init(url: String?) { self.url = url }
    }

    let config: Config
    let externalURL: String
    let http: HTTPSender
    let logger: Logger

    /// - Parameter http: its authorization is replaced by `Bearer <token>` when a token is given.
    package init(config: Config, token: String, externalURL: String, http: HTTPOptions, clients: NotifierHTTPClients,
                clock: any TimeSource = WallClock(),
                logger: Logger = Logger(label: "tocsin.notify.incidentio")) throws(HTTPOptionsError) {
        var http = http
        if !token.isEmpty { http.authorization = .credentials(type: "Bearer", credentials: token) }
        self.config = config
        self.externalURL = externalURL
        self.http = try HTTPSender(http: http, clients: clients, clock: clock)
        self.logger = logger
    }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let body = payload(ctx, alerts: alerts, now: http.clock.now())
        let url: String
        if let u = config.url { url = u } else { url = try SecretFile.read(config.urlFile, context: "read url_file") }
        let answer: HTTPReply
        do {
            answer = try await http.send(url: url, contentType: "application/json", body: body,
                                         timeout: config.timeout > 0 ? config.timeout : nil, ctx: ctx)
        } catch {
            // Go adds the timeout's cause when the configured timeout, not the flush deadline, ran out.
            let own = config.timeout > 0 && error.reason == .contextDeadlineExceeded
                && http.clock.now() < ctx.deadline
            guard own else { throw error }
            throw NotifyError(retryable: true, message: error.message
                              + ": configured incident.io timeout reached (\(GoDuration.format(config.timeout)))",
                              reason: error.reason)
        }
        try StatusCheck.check(answer, details: { Self.errorDetails($0.body) }, now: http.clock.now())
    }

    /// The request body (Go's `json.Encoder` output), with at most `max_alerts` alerts, and only
    /// the first one if the whole is over 512 KiB (status and common labels stay those of all).
    package func payload(_ ctx: NotificationContext, alerts: [Alert], now: Date) -> [UInt8] {
        var m = WebhookMessage(receiverName: ctx.receiverName, groupKey: ctx.groupKey, groupLabels: ctx.groupLabels,
                               alerts: alerts, maxAlerts: config.maxAlerts, externalURL: externalURL, now: now)
        m.routeLabels = ctx.routeLabels
        let body = m.encoded(incidentio: ctx.notificationReason)
        guard body.count > Self.maxPayloadBytes, !m.alerts.isEmpty else { return body }
        let smaller = m.encoded(incidentio: ctx.notificationReason, alerts: Array(m.alerts.prefix(1)))
        let level: Logger.Level = smaller.count <= Self.maxPayloadBytes ? .warning : .error
        logger.log(level: level, "Truncated alert content due to incident.io payload size limit", metadata: [
            "original_size": "\(body.count)", "final_size": "\(smaller.count)", "max_size": "\(Self.maxPayloadBytes)",
        ])
        return smaller
    }

    /// incident.io's `message`, `error` and `errors` joined by ": " ("" when the body is not that JSON).
    static func errorDetails(_ body: [UInt8]) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return "" }
        var parts: [String] = []
        if let m = object["message"] as? String, !m.isEmpty { parts.append(m) }
        if let e = object["error"] as? String, !e.isEmpty { parts.append(e) }
        if let list = object["errors"] as? [String], !list.isEmpty { parts.append(list.joined(separator: ", ")) }
        return parts.joined(separator: ": ")
    }
}
