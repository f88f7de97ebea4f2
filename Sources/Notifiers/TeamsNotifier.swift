import AlertCore
import Foundation
import GoCompat
import Notify
import Templating

/// `msteams_configs` (an Office 365 connector card) and `msteamsv2_configs` (an Adaptive Card
/// for a Power Automate Workflows webhook), as Alertmanager 0.34 sends them
/// (`notify/msteams`, `notify/msteamsv2`): one POST of JSON to the webhook URL.
package struct TeamsNotifier: BuiltFromParts {
    package enum Flavor: Sendable { case connectorCard, workflows }

    package struct Config: Sendable {
        package var flavor: Flavor
        /// `webhook_url`, or nil to read `webhook_url_file` at each send.
        package var webhookURL: String?
        package var webhookURLFile: String
        package var title: String
        /// Connector cards only.
        package var summary: String
        package var text: String

        package init(flavor: Flavor, webhookURL: String?, webhookURLFile: String = "", title: String,
                    summary: String = "", text: String) {
            self.flavor = flavor
            self.webhookURL = webhookURL
            self.webhookURLFile = webhookURLFile
            self.title = title
            self.summary = summary
            self.text = text
        }
    }

    package let parts: NotifierParts<Config>

    package init(_ parts: NotifierParts<Config>) { self.parts = parts }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let body = try payload(ctx, alerts: alerts, now: sender.clock.now())
        let url = try SecretFile.value(settings.webhookURL, orFile: settings.webhookURLFile, context: "read webhook_url_file")
        let answer = try await sender.send(url: url, contentType: "application/json", body: body, ctx: ctx)
        // 0.34's Teams retrier lists no extra codes: a 429 is not retried.
        try StatusCheck.check(answer, honourRateLimit: false)
    }

    /// The request body, as Go's `json.Encoder` writes the message struct (trailing newline).
    package func payload(_ ctx: NotificationContext, alerts: [Alert], now: Date) throws(NotifyError) -> [UInt8] {
        let render = parts.renderer(ctx, alerts: alerts, now: now)
        let firing = !render.resolved
        let title = try render(settings.title)
        let text = try render(settings.text)
        var w = GoJSONWriter(capacity: 1024)
        switch settings.flavor {
        case .connectorCard:
            let summary = try render(settings.summary)
            w.raw(#"{"@context":"http://schema.org/extensions","type":"MessageCard","title":"#)
            w.string(title)
            w.raw(#","summary":"#)
            w.string(summary)
            w.raw(#","text":"#)
            w.string(text)
            w.raw(#","themeColor":"#)
            w.string(firing ? "8C1A1A" : "2DC72D")
            w.raw("}\n")
        case .workflows:
            w.raw(#"{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","#)
            w.raw(#""contentUrl":null,"content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","#)
            w.raw(#""type":"AdaptiveCard","version":"1.2","body":[{"type":"TextBlock","text":"#)
            w.string(title)
            w.raw(#","weight":"Bolder","size":"Medium","wrap":true,"style":"heading","color":"#)
            w.string(firing ? "Attention" : "Good")
            w.raw(#"},{"type":"TextBlock","text":"#)
            w.string(text)
            w.raw(#","wrap":true}],"msteams":{"width":"full"}}}]}"#)
            w.raw("\n")
        }
        return w.bytes
    }
}
