import AlertCore
import Foundation
import GoCompat
import Logging
import Notify
import Templating

/// `slack_configs` (0.25 `notify/slack`): one attachment, posted as JSON to the webhook URL.
package struct SlackNotifier: TemplatedNotifier {
    package typealias Field = AttachmentField

    /// Filled field by field by the config reader.
    package struct Confirm: Sendable {
        package var text = "", title = "", okText = "", dismissText = ""
        package init() {}
    }

    package struct Action: Sendable {
        package var type = "", text = "", url = "", style = "", name = "", value = ""
        package var confirm: Confirm?
        package init() {}
    }

    /// The config's fields (templates unexpanded), defaults already applied.
    package struct Settings: Sendable {
        package var apiURL: String?
        package var apiURLFile = ""
        package var channel = "", username = "", color = "", title = "", titleLink = "", pretext = "", text = ""
        package var fields: [Field] = []
        package var shortFields = false
        package var footer = "", fallback = "", callbackID = "", iconEmoji = "", iconURL = "", imageURL = "", thumbURL = ""
        package var linkNames = false
        /// `timeout` (0.29+): per-request limit in seconds; nil = bounded only by the flush deadline.
        package var timeout: Double?
        /// `message_text` (0.32+): a template for the request's top-level `text`, next to the attachment.
        package var messageText = ""
        package var mrkdwnIn: [String] = []
        /// `update_message` (0.34): edit the group's previous message with `chat.update`.
        package var updateMessage = false
        package var actions: [Action] = []
        package init() {}
    }

    static let maxTitleRunes = 1024
    package let parts: NotifierParts<Settings>
    let logger = Logger(label: "tocsin.notify.slack")

    package init(settings: Settings, templates: TemplateSet, externalURL: String, sender: HTTPSender) {
        parts = NotifierParts(settings: settings, templates: templates, externalURL: externalURL, sender: sender)
    }

    /// A message Slack posted: its `ts` and the id of its channel.
    struct PostedMessage: Equatable {
        var ts: String
        var channel: String
    }

    /// Where 0.34 keeps the posted message in the notification log's receiver data (so the
    /// group's next notification edits it, after a restart and on another cluster peer too).
    static let tsKey = "threadTs", channelKey = "channelId"

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        var previous: PostedMessage?
        if settings.updateMessage, let ts = ctx.receiverData.string(Self.tsKey), !ts.isEmpty,
           let id = ctx.receiverData.string(Self.channelKey), !id.isEmpty {
            previous = PostedMessage(ts: ts, channel: id)
        }
        let body = try payload(ctx, alerts: alerts, now: sender.clock.now(), updating: previous)
        var channel = try parts.renderer(ctx, alerts: alerts, now: sender.clock.now())(settings.channel)
        var url = try SecretFile.value(settings.apiURL, orFile: settings.apiURLFile, context: "read api_url_file")
        if let previous {
            // 0.34 sends the edit to chat.update (the config requires api_url to be
            // chat.postMessage, so this is the method next to it) with the posted channel id.
            url = Self.updateURL(url)
            channel = previous.channel
        }
        let reply = try await sender.send(url: url, contentType: "application/json", body: body,
                                          timeout: settings.timeout, ctx: ctx)
        do { try StatusCheck.check(reply) } catch { throw error.wrapped("channel \(GoQuote.quote(channel))") }
        if settings.updateMessage { try recordMessage(reply, store: ctx.receiverData, channel: channel) }
    }

    /// `chat.update` beside the configured `chat.postMessage`.
    static func updateURL(_ postURL: String) -> String {
        guard postURL.hasSuffix("/chat.postMessage") else { return "https://slack.com/api/chat.update" }
        return String(postURL.dropLast("chat.postMessage".count)) + "chat.update"
    }

    /// 0.34's `slackResponseHandler`: a JSON answer with `ok: false` is an error that is not
    /// retried; an answer with `ts` and `channel` is the message to edit next time.
    private func recordMessage(_ reply: HTTPReply, store: ReceiverDataStore, channel: String) throws(NotifyError) {
        guard reply.headers.first(name: "Content-Type")?.hasPrefix("application/json") == true else {
            guard reply.body == Array("ok".utf8) else {
                throw NotifyError.permanent("channel \(GoQuote.quote(channel)): received an error response from Slack: \(reply.text)",
                                            reason: .clientError)
            }
            return
        }
        struct Answer: Decodable {
            var ok: Bool
            var error: String?
            var channel: String?
            var ts: String?
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(reply.body)) else {
            throw NotifyError(retryable: true, message: "channel \(GoQuote.quote(channel)): could not unmarshal JSON response \(GoQuote.quote(reply.text))",
                              reason: .clientError)
        }
        guard answer.ok else {
            throw NotifyError.permanent("channel \(GoQuote.quote(channel)): error response from Slack: \(answer.error ?? "")",
                                        reason: .clientError)
        }
        if let ts = answer.ts, !ts.isEmpty, let id = answer.channel, !id.isEmpty {
            store.set(Self.tsKey, .string(ts))
            store.set(Self.channelKey, .string(id))
        }
    }

    /// The request body (Go's `request` and `attachment` structs, in field order). When
    /// `updating` a message, its channel id and `ts` replace the configured channel.
    func payload(_ ctx: NotificationContext, alerts: [Alert], now: Date,
                 updating previous: PostedMessage? = nil) throws(NotifyError) -> [UInt8] {
        let t = parts.renderer(ctx, alerts: alerts, now: now)
        let s = settings
        let title = Truncate.runes(try t(s.title), Self.maxTitleRunes, logger: logger, what: "title", key: ctx.groupKey)
        let configuredChannel = try t(s.channel)
        var w = GoJSONWriter()
        var o = JSONObjectWriter()
        o.string("channel", previous?.channel ?? configuredChannel, to: &w)
        o.string("ts", previous?.ts ?? "", to: &w)
        o.string("username", try t(s.username), to: &w)
        o.string("icon_emoji", try t(s.iconEmoji), to: &w)
        o.string("icon_url", try t(s.iconURL), to: &w)
        if s.linkNames { o.key("link_names", to: &w); w.bool(true) }
        o.string("text", try t(s.messageText), to: &w)
        o.key("attachments", to: &w)
        w.raw("[")
        var a = JSONObjectWriter()
        a.string("title", title, to: &w)
        a.string("title_link", try t(s.titleLink), to: &w)
        a.string("pretext", try t(s.pretext), to: &w)
        a.string("text", try t(s.text), always: true, to: &w)
        a.string("fallback", try t(s.fallback), always: true, to: &w)
        a.string("callback_id", try t(s.callbackID), always: true, to: &w)
        // `short` is a *bool: always present once set from the field or short_fields.
        a.array("fields", try AttachmentField.rendered(s.fields, t, shortFields: s.shortFields), to: &w) { w, f in
            f.write(to: &w)
        }
        a.array("actions", try Self.rendered(s.actions, t), to: &w) { w, action in
            var ao = JSONObjectWriter()
            ao.string("type", action.type, to: &w)
            ao.string("text", action.text, to: &w)
            ao.string("url", action.url, to: &w)
            ao.string("style", action.style, to: &w)
            ao.string("name", action.name, to: &w)
            ao.string("value", action.value, to: &w)
            if let c = action.confirm {
                ao.key("confirm", to: &w)
                var co = JSONObjectWriter()
                co.string("text", c.text, to: &w)
                co.string("title", c.title, to: &w)
                co.string("ok_text", c.okText, to: &w)
                co.string("dismiss_text", c.dismissText, to: &w)
                co.close(to: &w)
            }
            ao.close(to: &w)
        }
        a.string("image_url", try t(s.imageURL), to: &w)
        a.string("thumb_url", try t(s.thumbURL), to: &w)
        a.string("footer", try t(s.footer), always: true, to: &w)
        a.string("color", try t(s.color), to: &w)
        a.key("mrkdwn_in", to: &w)
        w.stringArray(s.mrkdwnIn.isEmpty ? ["fallback", "pretext", "text"] : s.mrkdwnIn)
        a.close(to: &w)
        w.raw("]")
        o.close(to: &w)
        w.newline()
        return w.bytes
    }

    /// The actions with every text rendered, in the order Go renders them.
    static func rendered(_ actions: [Action], _ t: Renderer) throws(NotifyError) -> [Action] {
        var out: [Action] = []
        for action in actions {
            var a = try t(action, \.type, \.text, \.url, \.style, \.name, \.value)
            if let c = a.confirm { a.confirm = try t(c, \.text, \.title, \.okText, \.dismissText) }
            out.append(a)
        }
        return out
    }
}
