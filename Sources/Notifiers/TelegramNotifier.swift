import AlertCore
import Foundation
import GoCompat
import Logging
import Notify
import Templating

/// `telegram_configs` (0.25 `notify/telegram`, through telebot v3): POST
/// `<api_url>/bot<token>/sendMessage` with the parameters as a JSON object of strings.
/// Telebot judges the answer by its `ok` field, not the status; every failure is retried.
package struct TelegramNotifier: BuiltFromParts {
    package struct Settings: Sendable {
        package var apiURL = "", botToken = ""
        package var chatID: Int64 = 0
        package var message = ""
        package var disableNotifications = false
        package var parseMode = ""
        /// 0.26–0.34: the token and chat id read from files at each send (trimmed), and the
        /// forum topic to post in (0 = none).
        package var botTokenFile = "", chatIDFile = ""
        package var messageThreadID: Int64 = 0
        package init() {}
    }

    static let maxMessageRunes = 4096
    package let parts: NotifierParts<Settings>
    let logger = Logger(label: "tocsin.notify.telegram")

    package init(_ parts: NotifierParts<Settings>) { self.parts = parts }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        var body = try payload(ctx, alerts: alerts, now: sender.clock.now())
        // Here the file wins over the inline value.
        let token = settings.botTokenFile.isEmpty ? settings.botToken : try Self.readTrimmed(settings.botTokenFile)
        if !settings.chatIDFile.isEmpty {
            let text = try Self.readTrimmed(settings.chatIDFile)
            guard let id = Int64(text) else {
                throw NotifyError.retryable("could not parse chat_id from \(settings.chatIDFile): strconv.ParseInt: parsing "
                                            + GoQuote.quote(text) + ": invalid syntax")
            }
            body = try payload(ctx, alerts: alerts, now: sender.clock.now(), chatID: id)
        }
        // Telebot sets no User-Agent, so Go's default goes out.
        let reply = try await sender.send(url: settings.apiURL + "/bot" + token + "/sendMessage",
                                          contentType: "application/json", body: body, userAgent: nil, ctx: ctx)
        // An answer that is not JSON fails when telebot reads the sent message from it.
        guard let obj = try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any] else {
            throw NotifyError.retryable("telegram: unexpected answer (status \(reply.status)): \(reply.text)",
                                        reason: NotifyError.reason(forStatus: reply.status))
        }
        if obj["ok"] as? Bool == true { return }
        let description = obj["description"] as? String ?? ""
        let code = obj["error_code"] as? Int ?? reply.status
        throw NotifyError(retryable: true, message: "telegram: \(description) (\(code))",
                          reason: NotifyError.reason(forStatus: code))
    }

    /// A `*_file` read at send time, whitespace trimmed; a read failure is retried, as in Go.
    static func readTrimmed(_ path: String) throws(NotifyError) -> String {
        try SecretFile.read(path, context: "could not read \(path)", retryable: true)
    }

    func payload(_ ctx: NotificationContext, alerts: [Alert], now: Date, chatID: Int64? = nil) throws(NotifyError) -> [UInt8] {
        var t = parts.renderer(ctx, alerts: alerts, now: now)
        t.html = settings.parseMode == "HTML"
        let text = Truncate.runes(try t(settings.message), Self.maxMessageRunes, logger: logger, what: "message",
                                  key: ctx.groupKey, keyName: "alert")
        var params = ["chat_id": String(chatID ?? settings.chatID), "text": text, "disable_web_page_preview": "true"]
        if settings.messageThreadID != 0 { params["message_thread_id"] = String(settings.messageThreadID) }
        if !settings.parseMode.isEmpty { params["parse_mode"] = settings.parseMode }
        if settings.disableNotifications { params["disable_notification"] = "true" }
        return GoJSONWriter.encoded { $0.stringMap(params) }
    }
}
