import AlertCore
import Foundation
import GoCompat
import Notify
import Templating

/// `discord_configs` (0.25 `notify/discord`): one embed, red when firing, green when resolved.
public struct DiscordNotifier: Notifier {
    public struct Settings: Sendable {
        public var webhookURL = "", title = "", message = ""
        public init() {}
    }

    static let red = 0x992D22, green = 0x2ECC71
    let settings: Settings
    let templates: TemplateSet
    let externalURL: String
    let sender: HTTPSender

    public init(settings: Settings, templates: TemplateSet, externalURL: String, sender: HTTPSender) {
        self.settings = settings
        self.templates = templates
        self.externalURL = externalURL
        self.sender = sender
    }

    public func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let body = try payload(ctx, alerts: alerts, now: sender.clock.now())
        let reply = try await sender.send(url: settings.webhookURL, contentType: "application/json", body: body, ctx: ctx)
        try StatusCheck.check(reply)
    }

    func payload(_ ctx: NotificationContext, alerts: [Alert], now: Date) throws(NotifyError) -> [UInt8] {
        let t = Renderer(templates: templates, externalURL: externalURL, ctx: ctx, alerts: alerts, now: now)
        let title = try t(settings.title), description = try t(settings.message)
        var w = GoJSONWriter()
        w.raw("{\"content\":\"\",\"embeds\":[{")
        w.field("title", title, first: true)
        w.field("description", description)
        w.key0("color")
        w.int(t.resolved ? Self.green : Self.red)
        w.raw("}]}")
        w.newline()
        return w.bytes
    }
}
