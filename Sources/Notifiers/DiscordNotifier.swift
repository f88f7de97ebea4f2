import AlertCore
import Foundation
import GoCompat
import Notify
import Templating

/// `discord_configs` (`notify/discord`): one embed, red when firing, green when resolved;
/// 0.26–0.34 added `webhook_url_file`, a templated `content`, `username` and `avatar_url`.
package struct DiscordNotifier: BuiltFromParts {
    package struct Settings: Sendable {
        package var webhookURL = "", title = "", message = ""
        package var webhookURLFile = "", content = "", username = "", avatarURL = ""
        package init() {}
    }

    static let red = 0x992D22, green = 0x2ECC71
    package let parts: NotifierParts<Settings>

    package init(_ parts: NotifierParts<Settings>) { self.parts = parts }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let body = try payload(ctx, alerts: alerts, now: sender.clock.now())
        let url = try SecretFile.value(settings.webhookURL, orFile: settings.webhookURLFile, context: "read webhook_url_file")
        try await parts.postJSON(url, body: body, ctx: ctx)
    }

    func payload(_ ctx: NotificationContext, alerts: [Alert], now: Date) throws(NotifyError) -> [UInt8] {
        let t = parts.renderer(ctx, alerts: alerts, now: now)
        let title = try t(settings.title), description = try t(settings.message)
        let content = Truncate.runes(try t(settings.content), 2000).0
        let s = settings
        return GoJSONWriter.encoded { w in
            w.raw("{")
            w.field("content", content, first: true)
            w.raw(",\"embeds\":[{")
            w.field("title", title, first: true)
            w.field("description", description)
            w.key0("color")
            w.int(t.resolved ? Self.green : Self.red)
            w.raw("}]")
            if !s.username.isEmpty { w.field("username", s.username) }
            // Go drops an avatar_url that net/url cannot parse.
            if !s.avatarURL.isEmpty, URL(string: s.avatarURL) != nil { w.field("avatar_url", s.avatarURL) }
            w.raw("}")
        }
    }
}
