import AlertCore
import Foundation
import GoCompat
import Logging
import Notify
import Templating

/// `mattermost_configs` as Alertmanager 0.34 sends them (`notify/mattermost`): one POST of an
/// incoming-webhook message. Without configured `attachments`, the text and the top-level
/// attachment fields form one attachment; with them, the text is the message text.
package struct MattermostNotifier: BuiltFromParts {
    /// Mattermost's limit on the message text, in Unicode scalars.
    static let maxTextRunes = 16383

    package typealias Field = AttachmentField

    /// The attachment fields, as templates (also the top-level ones of the config).
    package struct Attachment: Sendable {
        package var fallback = "", color = "", pretext = "", text = "", authorName = "", authorLink = "", authorIcon = ""
        package var title = "", titleLink = "", thumbURL = "", footer = "", footerIcon = "", imageURL = ""
        package var fields: [Field] = []
        package init() {}
    }

    package struct Priority: Sendable {
        package var priority: String, requestedAck: Bool, persistentNotifications: Bool
        package init(priority: String, requestedAck: Bool, persistentNotifications: Bool) {
            self.priority = priority
            self.requestedAck = requestedAck
            self.persistentNotifications = persistentNotifications
        }
    }

    package struct Config: Sendable {
        package var webhookURL: String?
        package var webhookURLFile = ""
        package var channel = "", username = "", iconURL = "", iconEmoji = "", type = ""
        /// `text` plus the top-level attachment fields.
        package var main = Attachment()
        package var attachments: [Attachment] = []
        package var propsCard = ""
        package var priority: Priority?
        package init(webhookURL: String?) { self.webhookURL = webhookURL }
    }

    package let parts: NotifierParts<Config>
    let logger = Logger(label: "tocsin.notify.mattermost")

    package init(_ parts: NotifierParts<Config>) { self.parts = parts }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let url = try SecretFile.value(settings.webhookURL, orFile: settings.webhookURLFile, context: "read webhook_url_file")
        if url.isEmpty { throw NotifyError.permanent("webhook url missing") }
        let (body, channel) = try payload(ctx, alerts: alerts, now: sender.clock.now())
        let answer = try await sender.send(url: url, contentType: "application/json", body: body, ctx: ctx)
        do { try StatusCheck.check(answer, honourRateLimit: false) } catch {
            throw error.wrapped("channel \(GoQuote.quote(channel))")
        }
    }

    /// The request body (Go's `json.Encoder` output) and the rendered channel.
    package func payload(_ ctx: NotificationContext, alerts: [Alert], now: Date) throws(NotifyError) -> ([UInt8], String) {
        let t = parts.renderer(ctx, alerts: alerts, now: now)
        let text = try t(settings.main.text)
        let channel = try t(settings.channel), username = try t(settings.username)
        let iconURL = try t(settings.iconURL), iconEmoji = try t(settings.iconEmoji), type = try t(settings.type)
        var priority: Priority?
        if let p = settings.priority, !p.priority.isEmpty {
            priority = Priority(priority: try t(p.priority), requestedAck: p.requestedAck,
                                persistentNotifications: p.persistentNotifications)
        }
        let card = settings.propsCard.isEmpty ? "" : try t(settings.propsCard)
        var messageText = ""
        var rendered: [Attachment] = []
        if settings.attachments.isEmpty {
            var a = try render(settings.main, t)
            a.text = text
            rendered = [a]
        } else {
            for a in settings.attachments { rendered.append(try render(a, t)) }
            messageText = text
        }
        let (cut, truncated) = Truncate.runes(messageText, Self.maxTextRunes)
        if truncated {
            logger.warning("Truncated text", metadata: ["key": "\(ctx.groupKey)", "max_runes": "\(Self.maxTextRunes)"])
        }
        messageText = cut
        if var p = priority {
            let lower = p.priority.lowercased()
            p.priority = ["urgent", "important", "standard"].contains(lower) ? lower : "standard"
            if p.requestedAck && p.priority == "standard" { p.requestedAck = false }
            if p.persistentNotifications && p.priority != "urgent" { p.persistentNotifications = false }
            priority = p
        }

        var w = GoJSONWriter(capacity: 1024)
        var obj = JSONObjectWriter()
        obj.string("text", messageText, to: &w)
        obj.string("channel", channel, to: &w)
        obj.string("username", username, to: &w)
        obj.string("icon_url", iconURL, to: &w)
        obj.string("icon_emoji", iconEmoji, to: &w)
        obj.array("attachments", rendered, always: true, to: &w) { w, a in Self.write(a, to: &w) }
        obj.string("type", type, to: &w)
        if !card.isEmpty || !settings.propsCard.isEmpty {
            obj.key("props", to: &w)
            var p = JSONObjectWriter()
            p.string("card", card, to: &w)
            p.close(to: &w)
        }
        if let priority {
            obj.key("priority", to: &w)
            var p = JSONObjectWriter()
            p.string("priority", priority.priority, to: &w)
            if priority.requestedAck { p.key("requested_ack", to: &w); w.raw("true") }
            if priority.persistentNotifications { p.key("persistent_notifications", to: &w); w.raw("true") }
            p.close(to: &w)
        }
        obj.close(to: &w)
        w.raw("\n")
        return (w.bytes, channel)
    }

    func render(_ a: Attachment, _ t: Renderer) throws(NotifyError) -> Attachment {
        var r = Attachment()
        r.fallback = try t(a.fallback); r.color = try t(a.color); r.pretext = try t(a.pretext); r.text = try t(a.text)
        r.authorName = try t(a.authorName); r.authorLink = try t(a.authorLink); r.authorIcon = try t(a.authorIcon)
        r.title = try t(a.title); r.titleLink = try t(a.titleLink); r.thumbURL = try t(a.thumbURL)
        r.footer = try t(a.footer); r.footerIcon = try t(a.footerIcon); r.imageURL = try t(a.imageURL)
        r.fields = try AttachmentField.rendered(a.fields, t)
        return r
    }

    static func write(_ a: Attachment, to w: inout GoJSONWriter) {
        var o = JSONObjectWriter()
        o.string("fallback", a.fallback, to: &w)
        o.string("color", a.color, to: &w)
        o.string("pretext", a.pretext, to: &w)
        o.string("text", a.text, to: &w)
        o.string("author_name", a.authorName, to: &w)
        o.string("author_link", a.authorLink, to: &w)
        o.string("author_icon", a.authorIcon, to: &w)
        o.string("title", a.title, to: &w)
        o.string("title_link", a.titleLink, to: &w)
        o.array("fields", a.fields, to: &w) { w, f in f.write(to: &w) }
        o.string("thumb_url", a.thumbURL, to: &w)
        o.string("footer", a.footer, to: &w)
        o.string("footer_icon", a.footerIcon, to: &w)
        o.string("image_url", a.imageURL, to: &w)
        o.close(to: &w)
    }
}
