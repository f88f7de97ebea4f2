import AlertCore
import GoCompat
import Yams

/// The per-integration checks of Alertmanager 0.25's `UnmarshalYAML` methods, with its texts.
enum IntegrationRules {
    static func read(_ node: Node, type: String, ctx: DecodeContext) throws(ConfigError) -> IntegrationConfig? {
        guard let specs = IntegrationSpecs.fields[type],
              let r = MapReader(node, type: goPlainType(type), ctx: ctx) else { return nil }
        let sendResolved = r.bool("send_resolved") ?? IntegrationSpecs.sendResolvedDefault(type)
        var http: HTTPClientConfig?
        if let n = r.value("http_config") { http = try HTTPClientConfig.read(n, ctx: ctx) }
        let fields = try GenericFields.read(r, specs)
        r.finish()
        guard r.clean else { return nil }
        var c = IntegrationConfig(type: type, sendResolved: sendResolved, httpConfig: http, fields: fields, line: r.line)
        do { try validate(&c) } catch { throw ConfigError(error.message, line: error.line ?? r.line) }
        warnNotImplemented(c, ctx: ctx)
        if c.type == "slack_configs", let token = ctx.readFile(c.text("app_token_file"), field: "app_token_file") {
            c[slackAppTokenFromFile] = .secret(Secret(token))
        }
        return c
    }

    /// The Go type yaml.v2 names in unknown-field errors: 0.34 keeps these five in package
    /// `config`, the others moved to `notify/<name>` (`opsgenie.plain`, ...).
    static func goPlainType(_ type: String) -> String {
        let name = String(type.dropLast("_configs".count))
        return ["slack", "wechat", "victorops", "webex", "email"].contains(name) ? "config.plain" : name + ".plain"
    }

    static func bothSet(_ c: IntegrationConfig, _ a: String, _ b: String) -> Bool { !c.text(a).isEmpty && !c.text(b).isEmpty }

    static func validate(_ c: inout IntegrationConfig) throws(ConfigError) {
        switch c.type {
        case "webex_configs":
            if c.text("room_id").isEmpty { throw ConfigError("missing room_id on webex_config") }
            if c.httpConfig?.authorization == nil { throw ConfigError("missing webex_configs.http_config.authorization") }
        case "pagerduty_configs":
            if ["routing_key", "service_key", "routing_key_file", "service_key_file"].allSatisfy({ c.text($0).isEmpty }) {
                throw ConfigError("missing service or routing key in PagerDuty config")
            }
            if bothSet(c, "routing_key", "routing_key_file") {
                throw ConfigError("at most one of routing_key & routing_key_file must be configured")
            }
            if bothSet(c, "service_key", "service_key_file") {
                throw ConfigError("at most one of service_key & service_key_file must be configured")
            }
            if c.text("source").isEmpty { c["source"] = .string(c.text("client")) }
            PagerDutyDetails.addDefaults(&c)
        case "slack_configs":
            try validateSlack034(c)
        case "wechat_configs":
            if c.text("message_type").isEmpty { c["message_type"] = .string("text") }
            let mt = c.text("message_type")
            if mt != "text" && mt != "markdown" {
                throw ConfigError("weChat message type \(GoQuote.quote(mt)) does not match valid options ^(text|markdown)$")
            }
            if bothSet(c, "api_secret", "api_secret_file") {
                throw ConfigError("at most one of api_secret & api_secret_file must be configured")
            }
        case "opsgenie_configs":
            if bothSet(c, "api_key", "api_key_file") { throw ConfigError("at most one of api_key & api_key_file must be configured") }
            if case .objects(let rs)? = c["responders"] { try validateResponders(rs) }
        case "victorops_configs":
            if c.text("routing_key").isEmpty { throw ConfigError("missing Routing key in VictorOps config") }
            if bothSet(c, "api_key", "api_key_file") { throw ConfigError("at most one of api_key & api_key_file must be configured") }
            if case .map(let m)? = c["custom_fields"] {
                for f in ["routing_key", "message_type", "state_message", "entity_display_name", "monitoring_tool",
                          "entity_id", "entity_state"] where m[f] != nil {
                    throw ConfigError("victorOps config contains custom field \(f) which cannot be used as it conflicts with the fixed/static fields")
                }
            }
        case "pushover_configs":
            if c.text("user_key").isEmpty { throw ConfigError("missing user key in Pushover config") }
            if c.text("token").isEmpty { throw ConfigError("missing token in Pushover config") }
        case "sns_configs":
            let a = c.text("target_arn").isEmpty, b = c.text("topic_arn").isEmpty, p = c.text("phone_number").isEmpty
            // Go evaluates `(a != b) != p`; kept as is, quirks included.
            if (a != b) != p { throw ConfigError("must provide either a Target ARN, Topic ARN, or Phone Number for SNS config") }
        case "telegram_configs":
            // 0.34: the bot token may come from the global block (checked with the fallbacks).
            if bothSet(c, "bot_token", "bot_token_file") {
                throw ConfigError("at most one of bot_token & bot_token_file must be configured")
            }
            var hasChatID = false
            if case .int(let id)? = c["chat_id"], id != 0 { hasChatID = true }
            let hasChatIDFile = !c.text("chat_id_file").isEmpty
            if !hasChatID && !hasChatIDFile { throw ConfigError("missing chat_id or chat_id_file on telegram_config") }
            if hasChatID && hasChatIDFile { throw ConfigError("at most one of chat_id & chat_id_file must be configured") }
            let pm = c.text("parse_mode")
            if !["", "Markdown", "MarkdownV2", "HTML"].contains(pm) {
                throw ConfigError("unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string")
            }
        case "discord_configs":
            let hasURL = c["webhook_url"] != nil, hasFile = !c.text("webhook_url_file").isEmpty
            if !hasURL && !hasFile { throw ConfigError("one of webhook_url or webhook_url_file must be configured") }
            if hasURL && hasFile { throw ConfigError("at most one of webhook_url & webhook_url_file must be configured") }
        default:
            try validatePost025(&c)
        }
    }

    static func validateResponders(_ rs: [[String: ConfigValue]]) throws(ConfigError) {
        for r in rs {
            func v(_ k: String) -> String { r[k]?.string ?? "" }
            var type = v("type")
            if v("id").isEmpty && v("username").isEmpty && v("name").isEmpty {
                throw ConfigError("opsGenieConfig responder {\(v("id")) \(v("name")) \(v("username")) \(type)} has to have at least one of id, username or name specified")
            }
            if type.contains("{{") { continue }
            type = type.lowercased()
            if !["team", "teams", "user", "escalation", "schedule"].contains(type) {
                throw ConfigError("opsGenieConfig responder {\(v("id")) \(v("name")) \(v("username")) \(type)} type does not match valid options ^(team|teams|user|escalation|schedule)$")
            }
        }
    }

    /// Checks of nested objects (Slack fields, actions and confirmations). A Slack action with
    /// a `url` loses `name`, `value` and `confirm`; one with a `name` loses `url` (as 0.25 does).
    static func validateObject(type: String, goType: String, _ v: inout [String: ConfigValue], line: Int?) throws(ConfigError) {
        func s(_ k: String) -> String { v[k]?.string ?? "" }
        if !goType.hasPrefix("config.") { return try validatePost025Object(goType: goType, v, line: line) }
        switch type {
        case "fields":
            if s("title").isEmpty { throw ConfigError("missing title in Slack field configuration", line: line) }
            if s("value").isEmpty { throw ConfigError("missing value in Slack field configuration", line: line) }
        case "actions":
            if s("type").isEmpty { throw ConfigError("missing type in Slack action configuration", line: line) }
            if s("text").isEmpty { throw ConfigError("missing text in Slack action configuration", line: line) }
            if !s("url").isEmpty {
                for k in ["name", "value", "confirm"] { v[k] = nil }
            } else if !s("name").isEmpty {
                v["url"] = nil
            } else {
                throw ConfigError("missing name or url in Slack action configuration", line: line)
            }
        case "confirm":
            if s("text").isEmpty { throw ConfigError("missing text in Slack confirmation configuration", line: line) }
        default:
            break
        }
    }
}
