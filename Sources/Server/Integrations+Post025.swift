import Config
import Foundation
import Notifiers
import Notify
import Templating

/// Builds the integrations Alertmanager added after 0.25 (numbered per type, in 0.34's build
/// order: msteams, msteamsv2, jira, incidentio, rocketchat, mattermost).
extension IntegrationBuilder {
    static let post025BuildOrder = ["msteams_configs", "msteamsv2_configs", "jira_configs", "incidentio_configs",
                                    "rocketchat_configs", "mattermost_configs"]

    func post025Integrations(_ configs: [IntegrationConfig], templates: TemplateSet) throws -> [Integration] {
        var out: [Integration] = []
        for type in Self.post025BuildOrder where IntegrationConfig.deliveredPost025Types.contains(type) {
            for (i, c) in configs.filter({ $0.type == type }).enumerated() {
                let name = String(type.dropLast("_configs".count))
                out.append(Integration(name: name, index: i, sendResolved: c.sendResolved,
                                       notifier: try notifier(c, templates: templates)))
            }
        }
        return out
    }

    func notifier(_ c: IntegrationConfig, templates: TemplateSet) throws -> any Notifier {
        let http = Self.httpOptions(c.httpConfig)
        switch c.type {
        case "msteams_configs", "msteamsv2_configs":
            let config = TeamsNotifier.Config(
                flavor: c.type == "msteams_configs" ? .connectorCard : .workflows, webhookURL: Self.url(c["webhook_url"]),
                webhookURLFile: c.text("webhook_url_file"), title: c.text("title"), summary: c.text("summary"),
                text: c.text("text"))
            return try TeamsNotifier(config: config, templates: templates, externalURL: externalURL, http: http,
                                     clients: clients, clock: clock)
        case "mattermost_configs":
            return try MattermostNotifier(config: Self.mattermost(c), templates: templates, externalURL: externalURL,
                                          http: http, clients: clients, clock: clock)
        case "rocketchat_configs":
            return try RocketchatNotifier(config: try Self.rocketchat(c), templates: templates, externalURL: externalURL,
                                          http: http, clients: clients, clock: clock)
        case "jira_configs":
            return try JiraNotifier(config: Self.jira(c), templates: templates, externalURL: externalURL, http: http,
                                    clients: clients, clock: clock)
        case "incidentio_configs":
            var config = IncidentioNotifier.Config(url: Self.url(c["url"]))
            config.urlFile = c.text("url_file")
            if case .int(let n)? = c["max_alerts"] { config.maxAlerts = Int(n) }
            if case .duration(let d)? = c["timeout"] { config.timeout = d }
            var token = c.text("alert_source_token")
            let file = c.text("alert_source_token_file")
            if !file.isEmpty { token = try Self.secretFile(file, context: "failed to read alert_source_token_file") }
            return try IncidentioNotifier(config: config, token: token, externalURL: externalURL, http: http,
                                          clients: clients, clock: clock)
        default:
            throw HTTPOptionsError("\(c.type) cannot deliver yet")
        }
    }

    /// A URL field's text; nil when unset or only known as `<secret>`.
    static func url(_ v: ConfigValue?) -> String? {
        if case .url(let u)? = v { return u.description }
        return nil
    }

    static func objects(_ v: ConfigValue?) -> [[String: ConfigValue]] {
        if case .objects(let o)? = v { return o }
        return []
    }

    static func str(_ o: [String: ConfigValue], _ k: String) -> String { o[k]?.string ?? "" }

    /// `s` with each text setting set to the member of `o` named beside it ("" when unset),
    /// and each flag likewise (false when unset).
    static func filling<S>(_ s: S, from o: [String: ConfigValue], _ texts: KeyValuePairs<WritableKeyPath<S, String>, String>,
                           flags: KeyValuePairs<WritableKeyPath<S, Bool>, String> = [:]) -> S {
        var s = s
        for (path, name) in texts { s[keyPath: path] = str(o, name) }
        for (path, name) in flags { s[keyPath: path] = optionalBool(o, name) ?? false }
        return s
    }

    /// A secret read from its file when the integration is built (trimmed, as Go's `New` does).
    static func secretFile(_ path: String, context: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HTTPOptionsError("\(context): open \(path): no such file or directory")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Slack's, Mattermost's and Rocket.Chat's `fields`.
    static func attachmentFields(_ v: ConfigValue?) -> [AttachmentField] {
        objects(v).map { AttachmentField(title: str($0, "title"), value: str($0, "value"), short: optionalBool($0, "short")) }
    }

    static func optionalBool(_ o: [String: ConfigValue], _ k: String) -> Bool? {
        if case .bool(let b)? = o[k] { return b }
        return nil
    }

    static func mattermost(_ c: IntegrationConfig) -> MattermostNotifier.Config {
        func attachment(_ o: [String: ConfigValue]) -> MattermostNotifier.Attachment {
            var a = filling(MattermostNotifier.Attachment(), from: o, [
                \.fallback: "fallback", \.color: "color", \.pretext: "pretext", \.text: "text",
                \.authorName: "author_name", \.authorLink: "author_link", \.authorIcon: "author_icon",
                \.title: "title", \.titleLink: "title_link", \.thumbURL: "thumb_url", \.footer: "footer",
                \.footerIcon: "footer_icon", \.imageURL: "image_url",
            ])
            a.fields = attachmentFields(o["fields"])
            return a
        }
        var m = filling(MattermostNotifier.Config(webhookURL: url(c["webhook_url"])), from: c.fields, [
            \.webhookURLFile: "webhook_url_file", \.channel: "channel", \.username: "username", \.iconURL: "icon_url",
            \.iconEmoji: "icon_emoji", \.type: "type",
        ])
        m.main = attachment(c.fields)
        m.attachments = objects(c["attachments"]).map(attachment)
        if case .object(let p)? = c["props"] { m.propsCard = str(p, "card") }
        if case .object(let p)? = c["priority"] {
            m.priority = .init(priority: str(p, "priority"), requestedAck: optionalBool(p, "requested_ack") ?? false,
                               persistentNotifications: optionalBool(p, "persistent_notifications") ?? false)
        }
        return m
    }

    /// Tokens from `token`/`token_id` or their files (read now, trimmed, as Go's `New` does).
    static func rocketchat(_ c: IntegrationConfig) throws -> RocketchatNotifier.Config {
        func secret(_ key: String) throws -> String {
            let file = c.text(key + "_file")
            return file.isEmpty ? c.text(key) : try secretFile(file, context: "could not read \(file)")
        }
        let config = RocketchatNotifier.Config(apiURL: url(c["api_url"]) ?? "", token: try secret("token"),
                                               tokenID: try secret("token_id"))
        var r = filling(config, from: c.fields, [
            \.channel: "channel", \.color: "color", \.title: "title", \.titleLink: "title_link", \.text: "text",
            \.emoji: "emoji", \.iconURL: "icon_url", \.imageURL: "image_url", \.thumbURL: "thumb_url",
        ], flags: [\.shortFields: "short_fields"])
        r.fields = attachmentFields(c["fields"])
        r.actions = objects(c["actions"]).map {
            filling(RocketchatNotifier.Action(), from: $0, [\.text: "text", \.url: "url", \.msg: "msg"])
        }
        return r
    }

    static func jira(_ c: IntegrationConfig) -> JiraNotifier.Config {
        var j = JiraNotifier.Config(apiURL: url(c["api_url"]) ?? "")
        j.apiType = c.text("api_type"); j.project = c.text("project"); j.issueType = c.text("issue_type")
        j.priority = c.text("priority")
        if case .object(let o)? = c["summary"] { j.summary = str(o, "template"); j.updateSummary = optionalBool(o, "enable_update") ?? true }
        if case .object(let o)? = c["description"] {
            j.description = str(o, "template"); j.updateDescription = optionalBool(o, "enable_update") ?? true
        }
        if case .list(let l)? = c["labels"] { j.labels = l }
        j.reopenTransition = c.text("reopen_transition"); j.resolveTransition = c.text("resolve_transition")
        j.wontFixResolution = c.text("wont_fix_resolution")
        if case .duration(let d)? = c["reopen_duration"] { j.reopenMinutes = Int64(d / 60) }
        if case .tree(.map(let m))? = c["fields"] { j.fields = m.mapValues(json) }
        j.reparse = { YAMLTree.reparse($0).map(json) }
        return j
    }

    static func json(_ t: YAMLTree) -> JSONTree {
        switch t {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .list(let l): return .list(l.map(json))
        case .map(let m): return .map(m.mapValues(json))
        }
    }
}
