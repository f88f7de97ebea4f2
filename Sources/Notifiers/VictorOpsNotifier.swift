import AlertCore
import Foundation
import GoCompat
import Logging
import Notify
import Templating

/// `victorops_configs` (0.25 `notify/victorops`): POST `<api_url><api_key>/<routing_key>`
/// with a flat JSON object (a Go map, so keys sorted).
package struct VictorOpsNotifier: BuiltFromParts {
    package struct Settings: Sendable {
        /// With its trailing `/` (added at load).
        package var apiURL = ""
        package var apiKey = "", apiKeyFile = "", routingKey = ""
        package var messageType = "", stateMessage = "", entityDisplayName = "", monitoringTool = ""
        package var customFields: [String: String] = [:]
        package init() {}
    }

    static let maxMessageRunes = 20480
    package let parts: NotifierParts<Settings>
    let logger = Logger(label: "tocsin.notify.victorops")

    package init(_ parts: NotifierParts<Settings>) { self.parts = parts }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let (url, body) = try request(ctx, alerts: alerts, now: sender.clock.now())
        try await parts.postJSON(url, body: body, ctx: ctx)
    }

    func request(_ ctx: NotificationContext, alerts: [Alert], now: Date) throws(NotifyError) -> (String, [UInt8]) {
        let t = parts.renderer(ctx, alerts: alerts, now: now)
        let s = settings
        let apiKey = try SecretFile.value(s.apiKey, orFile: s.apiKeyFile, context: "failed to read API key from file")
        let routingKey: String
        do { routingKey = try t(s.routingKey) } catch { throw error.wrapped("templating error") }
        var messageType = try t(s.messageType)
        if t.resolved {
            messageType = "RECOVERY"
        } else if !["INFO", "WARNING", "CRITICAL"].contains(messageType) {
            messageType = "CRITICAL"
        }
        let state = Truncate.runes(try t(s.stateMessage), Self.maxMessageRunes, logger: logger, what: "state_message",
                                   key: ctx.groupKey, keyName: "incident")
        var msg = [
            "message_type": messageType, "entity_id": GroupKeyHash.hex(ctx.groupKey),
            "entity_display_name": try t(s.entityDisplayName), "state_message": state,
            "monitoring_tool": try t(s.monitoringTool),
        ]
        for (k, v) in s.customFields { msg[k] = try t(v) }
        return (s.apiURL + Self.escapePath(apiKey + "/" + routingKey), GoJSONWriter.encoded { $0.stringMap(msg) })
    }

    /// The path part as Go's `URL.String` escapes it (`EscapedPath` of an unescaped path).
    static func escapePath(_ s: String) -> String {
        let allowed = CharacterSet(charactersIn:
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~$&+,/:;=@")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}
