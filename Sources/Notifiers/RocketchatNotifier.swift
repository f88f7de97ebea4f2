import AlertCore
import Foundation
import GoCompat
import Logging
import Notify
import Templating

/// `rocketchat_configs` as Alertmanager 0.34 sends them (`notify/rocketchat`): one POST to
/// `<api_url>/api/v1/chat.postMessage` with `X-Auth-Token` and `X-User-Id`; Rocket.Chat can
/// refuse with a 200 and `{"success":false}`, which fails the notification.
package struct RocketchatNotifier: BuiltFromParts {
    static let maxTitleRunes = 1024

    package typealias Field = AttachmentField

    package struct Action: Sendable {
        package var text = "", url = "", msg = ""
        package init() {}
    }

    package struct Config: Sendable {
        package var apiURL: String
        package var token: String, tokenID: String
        package var channel = "", color = "", title = "", titleLink = "", text = ""
        package var emoji = "", iconURL = "", imageURL = "", thumbURL = ""
        package var fields: [Field] = []
        package var shortFields = false
        package var actions: [Action] = []
        package init(apiURL: String, token: String, tokenID: String) {
            self.apiURL = apiURL
            self.token = token
            self.tokenID = tokenID
        }
    }

    package let parts: NotifierParts<Config>
    let logger = Logger(label: "tocsin.notify.rocketchat")

    package init(_ parts: NotifierParts<Config>) { self.parts = parts }

    package var postURL: String { goJoinPath(settings.apiURL, "api/v1/chat.postMessage") }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let (body, channel) = try payload(ctx, alerts: alerts, now: sender.clock.now())
        let answer = try await sender.send(url: postURL, contentType: "application/json",
                                         headers: [("X-Auth-Token", settings.token), ("X-User-Id", settings.tokenID)],
                                         body: body, ctx: ctx)
        let prefix = "channel \(GoQuote.quote(channel)): "
        do { try StatusCheck.check(answer, honourRateLimit: false) } catch {
            throw error.wrapped("channel \(GoQuote.quote(channel))")
        }
        // A 200 can still carry a refusal.
        guard let object = try? JSONSerialization.jsonObject(with: Data(answer.body), options: [.fragmentsAllowed]),
              let reply = object as? [String: Any] else {
            let text = String(decoding: answer.body, as: UTF8.self)
            throw NotifyError(retryable: true, message: prefix + "could not unmarshal JSON response \(GoQuote.quote(text))",
                              reason: .clientError)
        }
        if (reply["success"] as? Bool) != true {
            throw NotifyError(retryable: false,
                              message: prefix + "error response from Rocketchat: \(reply["error"] as? String ?? "")",
                              reason: .clientError)
        }
    }

    /// The request body (Go's `json.Encoder` output) and the rendered channel.
    package func payload(_ ctx: NotificationContext, alerts: [Alert], now: Date) throws(NotifyError) -> ([UInt8], String) {
        let t = parts.renderer(ctx, alerts: alerts, now: now)
        let (title, truncated) = Truncate.runes(try t(settings.title), Self.maxTitleRunes)
        if truncated {
            logger.warning("Truncated title", metadata: ["group_key": "\(ctx.groupKey)", "max_runes": "\(Self.maxTitleRunes)"])
        }
        let titleLink = try t(settings.titleLink), text = try t(settings.text), imageURL = try t(settings.imageURL)
        let thumbURL = try t(settings.thumbURL), color = try t(settings.color)
        let fields = try AttachmentField.rendered(settings.fields, t, shortFields: settings.shortFields)
        var actions: [Action] = []
        for a in settings.actions { actions.append(try t(a, \.text, \.url, \.msg)) }
        let channel = try t(settings.channel), emoji = try t(settings.emoji), avatar = try t(settings.iconURL)

        var w = GoJSONWriter(capacity: 1024)
        var o = JSONObjectWriter()
        o.string("channel", channel, to: &w)
        o.string("emoji", emoji, to: &w)
        o.string("avatar", avatar, to: &w)
        o.key("attachments", to: &w)
        w.raw("[")
        var a = JSONObjectWriter()
        a.string("title", title, to: &w)
        a.string("title_link", titleLink, to: &w)
        a.string("text", text, to: &w)
        a.string("image_url", imageURL, to: &w)
        a.string("thumb_url", thumbURL, to: &w)
        a.string("color", color, to: &w)
        a.array("fields", fields, to: &w) { w, f in
            w.raw(f.short == true ? #"{"short":true"# : #"{"short":false"#)
            if !f.title.isEmpty { w.raw(#","title":"#); w.string(f.title) }
            if !f.value.isEmpty { w.raw(#","value":"#); w.string(f.value) }
            w.raw("}")
        }
        a.array("actions", actions, to: &w) { w, act in
            w.raw(#"{"type":"button""#)
            if !act.text.isEmpty { w.raw(#","text":"#); w.string(act.text) }
            if !act.url.isEmpty { w.raw(#","url":"#); w.string(act.url) }
            w.raw(#","is_webview":false"#)
            if !act.msg.isEmpty { w.raw(#","msg":"#); w.string(act.msg) }
            w.raw(#","msg_in_chat_window":false}"#)
        }
        a.close(to: &w)
        w.raw("]")
        o.close(to: &w)
        w.raw("\n")
        return (w.bytes, channel)
    }
}
