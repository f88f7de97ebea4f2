import GoCompat
import Yams

/// The `global` section with Alertmanager 0.25's defaults (`DefaultGlobalConfig`).
package struct GlobalConfig: Sendable, Hashable {
    package var resolveTimeout = PromDuration(milliseconds: 300_000)
    package var httpConfig: HTTPClientConfig? = .default
    /// `smtp_from`, `smtp_hello`, `smtp_smarthost` and the `smtp_auth_*` keys.
    package var smtp = SMTPConfig(hello: "localhost")
    package var smtpRequireTLS = true
    package var slackAPIURL: ConfigURL?
    /// True when `slack_api_url` was the `<secret>` marker (a re-loaded marshalled config).
    package var slackAPIURLRedacted = false
    package var slackAPIURLFile = ""
    package var pagerdutyURL: ConfigURL? = Self.url("https://events.pagerduty.com/v2/enqueue")
    package var opsGenieAPIURL: ConfigURL? = Self.url("https://api.opsgenie.com/")
    package var opsGenieAPIKey = Secret("")
    package var opsGenieAPIKeyFile = ""
    package var wechatAPIURL: ConfigURL? = Self.url("https://qyapi.weixin.qq.com/cgi-bin/")
    package var wechatAPISecret = Secret("")
    package var wechatAPICorpID = ""
    package var victorOpsAPIURL: ConfigURL? = Self.url("https://alert.victorops.com/integrations/generic/20131114/alert/")
    package var victorOpsAPIKey = Secret("")
    package var victorOpsAPIKeyFile = ""
    package var telegramAPIURL: ConfigURL? = Self.url("https://api.telegram.org")
    package var webexAPIURL: ConfigURL? = Self.url("https://webexapis.com/v1/messages")
    /// Jira, Rocket.Chat and Mattermost keys (added after 0.25).
    package var post025 = Post025Globals()
    /// SMTP, Slack app, WeChat and Telegram keys added after 0.25.
    package var v034 = Globals034()

    package init() {}

    static func url(_ s: String) -> ConfigURL? { try? ConfigURL.parse(s) }

    static func read(_ r: MapReader) throws(ConfigError) -> GlobalConfig {
        var g = GlobalConfig()
        if let v = r.string("resolve_timeout") { g.resolveTimeout = try r.duration(v, at: "resolve_timeout") }
        if let n = r.value("http_config") { g.httpConfig = try HTTPClientConfig.read(n, ctx: r.ctx) }
        else if r.has("http_config") { g.httpConfig = nil }
        try g.smtp.read(r, prefix: "smtp_", withSecretFile: false)
        g.smtpRequireTLS = r.bool("smtp_require_tls") ?? true
        if let s = r.string("slack_api_url") {
            if s == Secret.marker { g.slackAPIURLRedacted = true } else { g.slackAPIURL = try r.url(s, at: "slack_api_url") }
        }
        g.slackAPIURLFile = r.string("slack_api_url_file") ?? ""
        if let s = r.string("pagerduty_url") { g.pagerdutyURL = try r.url(s, at: "pagerduty_url") }
        if let s = r.string("opsgenie_api_url") { g.opsGenieAPIURL = try r.url(s, at: "opsgenie_api_url") }
        g.opsGenieAPIKey = Secret(r.string("opsgenie_api_key") ?? "")
        g.opsGenieAPIKeyFile = r.string("opsgenie_api_key_file") ?? ""
        if let s = r.string("wechat_api_url") { g.wechatAPIURL = try r.url(s, at: "wechat_api_url") }
        g.wechatAPISecret = Secret(r.string("wechat_api_secret") ?? "")
        g.wechatAPICorpID = r.string("wechat_api_corp_id") ?? ""
        if let s = r.string("victorops_api_url") { g.victorOpsAPIURL = try r.url(s, at: "victorops_api_url") }
        g.victorOpsAPIKey = Secret(r.string("victorops_api_key") ?? "")
        g.victorOpsAPIKeyFile = r.string("victorops_api_key_file") ?? ""
        if let s = r.string("telegram_api_url") { g.telegramAPIURL = try r.url(s, at: "telegram_api_url") }
        if let s = r.string("webex_api_url") { g.webexAPIURL = try r.url(s, at: "webex_api_url") }
        g.post025 = try Post025Globals.read(r)
        // 0.29+: read and written with the keys added after 0.25, which follow.
        (g.smtp.authSecret.file, g.smtp.authSecret.fromFile) = r.secretFile("smtp_auth_secret_file")
        g.v034 = try Globals034.read(r)
        r.finish()
        return g
    }

    var hasSlackAPIURL: Bool { slackAPIURL != nil || slackAPIURLRedacted }

    var yaml: YAMLOut {
        var o = YAMLOut()
        o.str("resolve_timeout", resolveTimeout.description, omitEmpty: false)
        o.add("http_config", httpConfig?.yaml.node)
        o.str("jira_api_url", post025.jiraAPIURL?.description)
        smtp.write(to: &o, prefix: "smtp_", withSecretFile: false)
        o.bool("smtp_require_tls", smtpRequireTLS)
        o.str("smtp_auth_secret_file", smtp.authSecret.file)
        v034.add(to: &o)
        if hasSlackAPIURL { o.str("slack_api_url", Secret.marker) }
        o.str("slack_api_url_file", slackAPIURLFile)
        o.str("pagerduty_url", pagerdutyURL?.description)
        o.str("opsgenie_api_url", opsGenieAPIURL?.description)
        o.secret("opsgenie_api_key", opsGenieAPIKey)
        o.str("opsgenie_api_key_file", opsGenieAPIKeyFile)
        o.str("wechat_api_url", wechatAPIURL?.description)
        o.secret("wechat_api_secret", wechatAPISecret)
        o.str("wechat_api_corp_id", wechatAPICorpID)
        o.str("victorops_api_url", victorOpsAPIURL?.description)
        o.secret("victorops_api_key", victorOpsAPIKey)
        o.str("victorops_api_key_file", victorOpsAPIKeyFile)
        o.str("telegram_api_url", telegramAPIURL?.description)
        o.str("webex_api_url", webexAPIURL?.description)
        post025.addTail(to: &o)
        return o
    }
}

extension MapReader {
    func duration(_ s: String, at key: String) throws(ConfigError) -> PromDuration {
        do { return try PromDuration.parse(s) } catch { throw ConfigError(error.message, line: lineOf(key)) }
    }

    func url(_ s: String, at key: String) throws(ConfigError) -> ConfigURL {
        do { return try ConfigURL.parse(s) } catch { throw ConfigError(error.message, line: lineOf(key)) }
    }

    func hostPort(_ s: String, at key: String) throws(ConfigError) -> HostPort {
        do { return try HostPort.parse(s) } catch { throw ConfigError(error.message, line: lineOf(key)) }
    }
}
