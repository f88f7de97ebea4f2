import AlertCore
import Foundation
import GoCompat
import Notify
import Synchronization
import Templating

/// `wechat_configs` (0.25 `notify/wechat`): fetch an access token (`GET gettoken`, kept for
/// two hours, dropped when the service answers code 42001), then `POST message/send`.
package struct WeChatNotifier: BuiltFromParts {
    package struct Settings: Sendable {
        /// With its trailing `/` (added at load).
        package var apiURL = ""
        package var apiSecret = "", corpID = "", message = "", toUser = "", toParty = "", toTag = "", agentID = ""
        /// `api_secret_file` (0.29+): read (trimmed) when a token is fetched, then templated.
        package var apiSecretFile = ""
        package var messageType = "text"
        package init() {}
    }

    /// The token and when it was fetched, shared by the copies of this notifier.
    final class TokenCache: Sendable {
        let state = Mutex<(token: String, at: Date)>(("", .distantPast))
    }

    package let parts: NotifierParts<Settings>
    let cache = TokenCache()

    package init(_ parts: NotifierParts<Settings>) { self.parts = parts }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let now = sender.clock.now()
        let t = parts.renderer(ctx, alerts: alerts, now: now)
        let s = settings
        var token = cache.state.withLock { $0.token.isEmpty || now.timeIntervalSince($0.at) > 7200 ? "" : $0.token }
        if token.isEmpty {
            let secret: String, corp: String
            // Here the file wins over the inline value.
            let rawSecret = s.apiSecretFile.isEmpty ? s.apiSecret : try SecretFile.read(s.apiSecretFile, context: "")
            do {
                secret = try t(rawSecret)
                corp = try t(s.corpID)
            } catch { throw error.wrapped("templating error") }
            // url.Values.Encode: keys sorted.
            let url = s.apiURL + "gettoken?corpid=" + GoURL.queryEscape(corp) + "&corpsecret=" + GoURL.queryEscape(secret)
            let reply = try await sender.send(.GET, url: url, contentType: nil, body: nil, ctx: ctx)
            guard let obj = try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any] else {
                throw NotifyError.permanent("invalid character in token response")
            }
            token = obj["access_token"] as? String ?? ""
            if token.isEmpty { throw NotifyError.permanent("invalid APISecret for CorpID: \(s.corpID)") }
            cache.state.withLock { $0 = (token, sender.clock.now()) }
        }
        let body: [UInt8]
        do { body = try payload(t) } catch { throw error.wrapped("templating error") }
        let url = s.apiURL + "message/send?access_token=" + GoURL.queryEscape(token)
        let reply = try await sender.send(url: url, contentType: "application/json", body: body, ctx: ctx)
        if reply.status != 200 { throw NotifyError.retryable("unexpected status code \(reply.status)") }
        guard let obj = try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any] else {
            throw NotifyError.retryable("invalid response body: \(reply.text)")
        }
        // 0.25 reads `code` and `error` (WeChat itself names them errcode/errmsg).
        let code = obj["code"] as? Int ?? 0
        let message = obj["error"] as? String ?? ""
        if code == 0 { return }
        if code == 42001 {
            cache.state.withLock { $0.token = "" }
            throw NotifyError.retryable(message)
        }
        throw NotifyError.permanent(message)
    }

    /// Go's `weChatMessage`: `text` and `markdown` are structs, so `omitempty` keeps both.
    func payload(_ t: Renderer) throws(NotifyError) -> [UInt8] {
        let s = settings
        let content = try t(s.message)
        var w = GoJSONWriter()
        w.raw("{\"text\":{")
        w.field("content", s.messageType == "markdown" ? "" : content, first: true)
        w.raw("}")
        w.field("touser", try t(s.toUser), omitEmpty: true)
        w.field("toparty", try t(s.toParty), omitEmpty: true)
        w.field("totag", try t(s.toTag), omitEmpty: true)
        w.field("agentid", try t(s.agentID), omitEmpty: true)
        w.field("safe", "0")
        w.field("msgtype", s.messageType, omitEmpty: true)
        w.raw(",\"markdown\":{")
        w.field("content", s.messageType == "markdown" ? content : "", first: true)
        w.raw("}}")
        w.newline()
        return w.bytes
    }
}
