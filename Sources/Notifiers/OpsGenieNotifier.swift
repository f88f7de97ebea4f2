import AlertCore
import Foundation
import GoCompat
import Logging
import NIOHTTP1
import Notify
import Templating

/// `opsgenie_configs` (0.25 `notify/opsgenie`): create an alert (aliased by the group key's
/// hash), optionally update its message and description, or close it when all resolve.
package struct OpsGenieNotifier: BuiltFromParts {
    package struct Responder: Sendable {
        package var id = "", name = "", username = "", type = ""
        package init() {}
    }

    package struct Settings: Sendable {
        /// The API URL with its trailing `/` (added at load).
        package var apiURL = ""
        package var apiKey = "", apiKeyFile = ""
        package var message = "", description = "", source = ""
        package var details: [String: String] = [:]
        package var entity = ""
        package var responders: [Responder] = []
        package var actions = "", tags = "", note = "", priority = ""
        package var updateAlerts = false
        package init() {}
    }

    /// One HTTP request of a notification.
    struct Request: Equatable {
        var method: HTTPMethod
        var url: String
        var body: [UInt8]
    }

    static let maxMessageRunes = 130
    package let parts: NotifierParts<Settings>
    let logger = Logger(label: "tocsin.notify.opsgenie")

    package init(_ parts: NotifierParts<Settings>) { self.parts = parts }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let (requests, key) = try self.requests(ctx, alerts: alerts, now: sender.clock.now())
        for r in requests {
            let reply = try await sender.send(r.method, url: r.url, contentType: "application/json",
                                              headers: [("Authorization", "GenieKey \(key)")], body: r.body, ctx: ctx)
            try StatusCheck.check(reply)
        }
    }

    /// Go's `safeSplit`: split on `sep` after trimming, dropping empty parts.
    static func split(_ s: String) -> [String] {
        s.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: ",").filter { !$0.isEmpty }
    }

    /// `url` with `path` added to its path, and `identifierType=alias` in the query if asked.
    func endpoint(_ path: String, alias: Bool) -> String {
        var base = settings.apiURL, query = ""
        if let q = base.firstIndex(of: "?") {
            query = String(base[base.index(after: q)...])
            base = String(base[..<q])
        }
        if alias { query = query.isEmpty ? "identifierType=alias" : query + "&identifierType=alias" }
        return base + path + (query.isEmpty ? "" : "?" + query)
    }

    /// The requests of a notification and the API key to send them with.
    func requests(_ ctx: NotificationContext, alerts: [Alert], now: Date) throws(NotifyError) -> ([Request], String) {
        let t = parts.renderer(ctx, alerts: alerts, now: now)
        let s = settings
        var details = t.data.commonLabels
        for (k, v) in s.details { details[k] = try t(v) }
        let alias = GroupKeyHash.hex(ctx.groupKey)
        var out: [Request] = []
        if t.resolved {
            let source = try t(s.source)
            out.append(Request(method: .POST, url: endpoint("v2/alerts/\(alias)/close", alias: true),
                               body: GoJSONWriter.encoded { $0.raw("{"); $0.field("source", source, first: true); $0.raw("}") }))
        } else {
            let message = Truncate.runes(try t(s.message), Self.maxMessageRunes, logger: logger, what: "message",
                                         key: ctx.groupKey, keyName: "alert")
            var responders: [Responder] = []
            for r in s.responders {
                let resp = try t(r, \.id, \.name, \.username, \.type)
                if resp.id.isEmpty && resp.name.isEmpty && resp.username.isEmpty && resp.type.isEmpty { continue }
                if resp.type == "teams" {
                    for name in Self.split(resp.name) {
                        var team = Responder()
                        team.name = try t(name)
                        team.type = "team"
                        responders.append(team)
                    }
                    continue
                }
                responders.append(resp)
            }
            let description = try t(s.description), source = try t(s.source)
            let tags = Self.split(try t(s.tags)), note = try t(s.note), priority = try t(s.priority)
            let entity = try t(s.entity), actions = Self.split(try t(s.actions))
            let body = GoJSONWriter.encoded { w in
                w.raw("{")
                w.field("alias", alias, first: true)
                w.field("message", message)
                w.field("description", description, omitEmpty: true)
                w.key0("details")
                w.stringMap(details)
                w.field("source", source)
                if !responders.isEmpty {
                    w.key0("responders")
                    w.array(responders) { w, r in
                        var o = JSONObjectWriter()
                        o.string("id", r.id, to: &w)
                        o.string("name", r.name, to: &w)
                        o.string("username", r.username, to: &w)
                        o.string("type", r.type, always: true, to: &w)
                        o.close(to: &w)
                    }
                }
                if !tags.isEmpty {
                    w.key0("tags")
                    w.stringArray(tags)
                }
                w.field("note", note, omitEmpty: true)
                w.field("priority", priority, omitEmpty: true)
                w.field("entity", entity, omitEmpty: true)
                if !actions.isEmpty {
                    w.key0("actions")
                    w.stringArray(actions)
                }
                w.raw("}")
            }
            out.append(Request(method: .POST, url: endpoint("v2/alerts", alias: false), body: body))
            if s.updateAlerts {
                out.append(Request(method: .PUT, url: endpoint("v2/alerts/\(alias)/message", alias: true),
                                   body: GoJSONWriter.encoded { w in
                                       w.raw("{"); w.field("message", message, first: true, omitEmpty: true); w.raw("}")
                                   }))
                // An empty description leaves `{}` (omitempty), as Go sends it.
                out.append(Request(method: .PUT, url: endpoint("v2/alerts/\(alias)/description", alias: true),
                                   body: GoJSONWriter.encoded { w in
                                       w.raw("{"); w.field("description", description, first: true, omitEmpty: true); w.raw("}")
                                   }))
            }
        }
        let key = try t(try SecretFile.value(s.apiKey, orFile: s.apiKeyFile, trim: false, context: "read key_file error"))
        return (out, key)
    }
}
