import AlertCore
import Foundation
import GoCompat
import Logging
import Notify
import Templating

/// `slack_configs` (0.25 `notify/slack`): one attachment, posted as JSON to the webhook URL.
package struct SlackNotifier: Notifier {
    package struct Field: Sendable {
        package var title, value: String
        package var short: Bool?
        package init(title: String, value: String, short: Bool?) {
            self.title = title
            self.value = value
            self.short = short
        }
    }

    package struct Confirm: Sendable {
        package var text, title, okText, dismissText: String
        package init(text: String, title: String, okText: String, dismissText: String) {
            self.text = text
            self.title = title
            self.okText = okText
            self.dismissText = dismissText
        }
    }

    package struct Action: Sendable {
        package var type, text, url, style, name, value: String
        package var confirm: Confirm?
        package init(type: String, text: String, url: String, style: String, name: String, value: String, confirm: Confirm?) {
            self.type = type
            self.text = text
            self.url = url
            self.style = style
            self.name = name
            self.value = value
            self.confirm = confirm
        }
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
    let settings: Settings
    let templates: TemplateSet
    let externalURL: String
    let sender: HTTPSender
    let logger = Logger(label: "tocsin.notify.slack")

    package init(settings: Settings, templates: TemplateSet, externalURL: String, sender: HTTPSender) {
        self.settings = settings
        self.templates = templates
        self.externalURL = externalURL
        self.sender = sender
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
        var channel = try Renderer(templates: templates, externalURL: externalURL, ctx: ctx, alerts: alerts,
                                   now: sender.clock.now())(settings.channel)
        var url = settings.apiURL ?? ""
        if settings.apiURL == nil { url = try SecretFile.read(settings.apiURLFile, context: "read api_url_file") }
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
        let t = Renderer(templates: templates, externalURL: externalURL, ctx: ctx, alerts: alerts, now: now)
        let s = settings
        let title = Truncate.runes(try t(s.title), Self.maxTitleRunes, logger: logger, what: "title", key: ctx.groupKey)
        var w = GoJSONWriter()
        w.raw("{")
        var first = true
        let configuredChannel = try t(s.channel)
        for (key, value) in [("channel", previous?.channel ?? configuredChannel), ("ts", previous?.ts ?? ""),
                             ("username", try t(s.username)),
                             ("icon_emoji", try t(s.iconEmoji)), ("icon_url", try t(s.iconURL))] where !value.isEmpty {
            w.field(key, value, first: first)
            first = false
        }
        if s.linkNames {
            w.key0("link_names", first: first)
            w.bool(true)
            first = false
        }
        let messageText = try t(s.messageText)
        if !messageText.isEmpty {
            w.field("text", messageText, first: first)
            first = false
        }
        w.key0("attachments", first: first)
        w.raw("[{")
        var afirst = true
        func opt(_ key: String, _ value: String) {
            if value.isEmpty { return }
            w.field(key, value, first: afirst)
            afirst = false
        }
        func req(_ key: String, _ value: String) {
            w.field(key, value, first: afirst)
            afirst = false
        }
        opt("title", title)
        opt("title_link", try t(s.titleLink))
        opt("pretext", try t(s.pretext))
        req("text", try t(s.text))
        req("fallback", try t(s.fallback))
        req("callback_id", try t(s.callbackID))
        if !s.fields.isEmpty {
            w.key0("fields")
            w.raw("[")
            for (i, f) in s.fields.enumerated() {
                if i > 0 { w.raw(",") }
                w.raw("{")
                var ff = true
                for (k, v) in [("title", try t(f.title)), ("value", try t(f.value))] where !v.isEmpty {
                    w.field(k, v, first: ff)
                    ff = false
                }
                // `short` is a *bool: always present once set from the field or short_fields.
                w.key0("short", first: ff)
                w.bool(f.short ?? s.shortFields)
                w.raw("}")
            }
            w.raw("]")
        }
        if !s.actions.isEmpty {
            w.key0("actions")
            w.raw("[")
            for (i, a) in s.actions.enumerated() {
                if i > 0 { w.raw(",") }
                w.raw("{")
                var af = true
                for (k, v) in [("type", try t(a.type)), ("text", try t(a.text)), ("url", try t(a.url)),
                               ("style", try t(a.style)), ("name", try t(a.name)), ("value", try t(a.value))]
                    where !v.isEmpty {
                    w.field(k, v, first: af)
                    af = false
                }
                if let c = a.confirm {
                    w.key0("confirm", first: af)
                    w.raw("{")
                    var cf = true
                    for (k, v) in [("text", try t(c.text)), ("title", try t(c.title)), ("ok_text", try t(c.okText)),
                                   ("dismiss_text", try t(c.dismissText))] where !v.isEmpty {
                        w.field(k, v, first: cf)
                        cf = false
                    }
                    w.raw("}")
                }
                w.raw("}")
            }
            w.raw("]")
        }
        opt("image_url", try t(s.imageURL))
        opt("thumb_url", try t(s.thumbURL))
        req("footer", try t(s.footer))
        opt("color", try t(s.color))
        w.key0("mrkdwn_in")
        w.stringArray(s.mrkdwnIn.isEmpty ? ["fallback", "pretext", "text"] : s.mrkdwnIn)
        w.raw("}]}")
        w.newline()
        return w.bytes
    }
}
