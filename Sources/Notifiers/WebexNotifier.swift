import AlertCore
import Foundation
import GoCompat
import Logging
import Notify
import Templating

/// `webex_configs` (0.25 `notify/webex`): a markdown message to a room; the bot token comes
/// from `http_config.authorization`.
package struct WebexNotifier: BuiltFromParts {
    package struct Settings: Sendable {
        package var apiURL = "", message = "", roomID = ""
        package init() {}
    }

    static let maxMessageBytes = 7439
    package let parts: NotifierParts<Settings>
    let logger = Logger(label: "tocsin.notify.webex")

    package init(_ parts: NotifierParts<Settings>) { self.parts = parts }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        try await parts.postJSON(settings.apiURL, body: try payload(ctx, alerts: alerts, now: sender.clock.now()), ctx: ctx)
    }

    func payload(_ ctx: NotificationContext, alerts: [Alert], now: Date) throws(NotifyError) -> [UInt8] {
        let t = parts.renderer(ctx, alerts: alerts, now: now)
        let (message, cut) = Truncate.bytes(try t(settings.message), Self.maxMessageBytes)
        if cut {
            logger.warning("message truncated due to exceeding maximum allowed length by webex",
                           metadata: ["key": "\(ctx.groupKey)", "max_bytes": "\(Self.maxMessageBytes)"])
        }
        let roomID = settings.roomID
        return GoJSONWriter.encoded { w in
            w.raw("{")
            w.field("markdown", message, first: true)
            w.field("roomId", roomID, omitEmpty: true)
            w.raw("}")
        }
    }
}
