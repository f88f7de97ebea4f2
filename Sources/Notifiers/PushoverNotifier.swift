import AlertCore
import Foundation
import GoCompat
import Logging
import Notify
import Templating

/// `pushover_configs` (0.25 `notify/pushover`): a POST with an empty `text/plain` body and
/// every parameter in the query (`url.Values.Encode`, sorted). 0.25 has no setting for the
/// endpoint.
package struct PushoverNotifier: BuiltFromParts {
    package struct Settings: Sendable {
        package var userKey = "", token = "", title = "", message = "", url = "", urlTitle = "", sound = "", priority = ""
        /// Seconds (Go durations, whole seconds sent).
        package var retry: Double = 60, expire: Double = 3600
        package var html = false
        package init() {}
    }

    package static let apiURL = "https://api.pushover.net/1/messages.json"
    static let maxTitleRunes = 250, maxMessageRunes = 1024, maxURLRunes = 512
    package let parts: NotifierParts<Settings>
    let logger = Logger(label: "tocsin.notify.pushover")

    package init(_ parts: NotifierParts<Settings>) { self.parts = parts }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let url = try requestURL(ctx, alerts: alerts, now: sender.clock.now())
        let reply = try await sender.send(url: url, contentType: "text/plain", body: [], ctx: ctx)
        try StatusCheck.check(reply)
    }

    func requestURL(_ ctx: NotificationContext, alerts: [Alert], now: Date) throws(NotifyError) -> String {
        let t = parts.renderer(ctx, alerts: alerts, now: now)
        var html = t
        html.html = true
        let s = settings
        func cut(_ v: String, _ n: Int, _ what: String) -> String {
            Truncate.runes(v, n, logger: logger, what: what, key: ctx.groupKey, keyName: "incident")
        }
        var params: [(String, String)] = [("token", try t(s.token)), ("user", try t(s.userKey)),
                                          ("title", cut(try t(s.title), Self.maxTitleRunes, "title"))]
        var message: String
        if s.html {
            params.append(("html", "1"))
            message = try html(s.message)
        } else {
            message = try t(s.message)
        }
        message = cut(message, Self.maxMessageRunes, "message").trimmingCharacters(in: .whitespacesAndNewlines)
        if message.isEmpty { message = "(no details)" }
        params += [("message", message), ("url", cut(try t(s.url), Self.maxURLRunes, "URL")),
                   ("url_title", try t(s.urlTitle)), ("priority", try t(s.priority)),
                   ("retry", String(Int64(s.retry))), ("expire", String(Int64(s.expire))), ("sound", try t(s.sound))]
        // url.Values.Encode: sorted by key (stable for equal keys).
        let query = params.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
            .map { GoURL.queryEscape($0.element.0) + "=" + GoURL.queryEscape($0.element.1) }.joined(separator: "&")
        return Self.apiURL + "?" + query
    }
}
