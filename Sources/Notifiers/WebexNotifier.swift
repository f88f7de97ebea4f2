import AlertCore
import Foundation
import GoCompat
import Logging
import Notify
import Templating

/// `webex_configs` (0.25 `notify/webex`): a markdown message to a room; the bot token comes
/// from `http_config.authorization`.
package struct WebexNotifier: Notifier {
    package struct Settings: Sendable {
        package var apiURL = "", message = "", roomID = ""
        package init() {}
    }

    static let maxMessageBytes = 7439
    let settings: Settings
    let templates: TemplateSet
    let externalURL: String
    let sender: HTTPSender
    let logger = Logger(label: "tocsin.notify.webex")

    package init(settings: Settings, templates: TemplateSet, externalURL: String, sender: HTTPSender) {
        self.settings = settings
        self.templates = templates
        self.externalURL = externalURL
        self.sender = sender
    }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let body = try payload(ctx, alerts: alerts, now: sender.clock.now())
        let reply = try await sender.send(url: settings.apiURL, contentType: "application/json", body: body, ctx: ctx)
        try StatusCheck.check(reply)
    }

    func payload(_ ctx: NotificationContext, alerts: [Alert], now: Date) throws(NotifyError) -> [UInt8] {
        let t = Renderer(templates: templates, externalURL: externalURL, ctx: ctx, alerts: alerts, now: now)
        let (message, cut) = Truncate.bytes(try t(settings.message), Self.maxMessageBytes)
        if cut {
            logger.warning("message truncated due to exceeding maximum allowed length by webex",
                           metadata: ["key": "\(ctx.groupKey)", "max_bytes": "\(Self.maxMessageBytes)"])
        }
        var w = GoJSONWriter()
        w.raw("{")
        w.field("markdown", message, first: true)
        w.field("roomId", settings.roomID, omitEmpty: true)
        w.raw("}")
        w.newline()
        return w.bytes
    }
}
