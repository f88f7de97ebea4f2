import GoCompat

/// The `global` keys Alertmanager added between 0.26 and 0.34 for SMTP, Slack apps, WeChat
/// and Telegram (0.34 `GlobalConfig`), but `smtp_auth_secret_file`, which `GlobalConfig.smtp`
/// holds and reads and writes just before these. Written back only when set, so that a
/// config without them still marshals as 0.25 writes it (amtool 0.25 reads it back).
package struct Globals034: Sendable, Hashable {
    /// nil when unset (0.34's default is an empty TLS config, which is the same thing).
    package var smtpTLSConfig: TLSConfig?
    /// nil = decide by port (465 implicit TLS), as 0.34 does.
    package var smtpForceImplicitTLS: Bool?
    /// `slack_app_token` / `slack_app_token_file`.
    package var slackAppToken = SecretOrFile()
    /// nil = 0.34's default, `https://slack.com/api/chat.postMessage`.
    package var slackAppURL: ConfigURL?
    static let defaultSlackAppURL = try? ConfigURL.parse("https://slack.com/api/chat.postMessage")
    package var wechatAPISecretFile = ""
    package var telegramBotToken = Secret("")
    package var telegramBotTokenFile = ""

    package init() {}

    package var effectiveSlackAppURL: ConfigURL? { slackAppURL ?? Self.defaultSlackAppURL }

    static func read(_ r: MapReader) throws(ConfigError) -> Globals034 {
        var g = Globals034()
        if let t = r.map("smtp_tls_config", type: "config.TLSConfig") { g.smtpTLSConfig = try TLSConfig.read(t) }
        g.smtpForceImplicitTLS = r.bool("smtp_force_implicit_tls")
        g.slackAppToken = r.secretOrFile("slack_app_token")
        if let s = r.string("slack_app_url") { g.slackAppURL = try r.url(s, at: "slack_app_url") }
        g.wechatAPISecretFile = r.string("wechat_api_secret_file") ?? ""
        g.telegramBotToken = Secret(r.string("telegram_bot_token") ?? "")
        g.telegramBotTokenFile = r.string("telegram_bot_token_file") ?? ""
        return g
    }

    func add(to o: inout YAMLOut) {
        o.add("smtp_tls_config", smtpTLSConfig.map { $0.yaml.node })
        if let smtpForceImplicitTLS { o.bool("smtp_force_implicit_tls", smtpForceImplicitTLS) }
        o.secretOrFile("slack_app_token", slackAppToken)
        o.str("slack_app_url", slackAppURL?.description)
        o.str("wechat_api_secret_file", wechatAPISecretFile)
        o.secret("telegram_bot_token", telegramBotToken)
        o.str("telegram_bot_token_file", telegramBotTokenFile)
    }
}

extension GlobalConfig {
    /// The `at most one of` checks of 0.34's `Config.UnmarshalYAML`, in its order.
    func validate034() throws(ConfigError) {
        let n = v034
        func fail(_ m: String) -> ConfigError { ConfigError(m) }
        if n.slackAppToken.hasBoth {
            throw fail("at most one of slack_app_token & slack_app_token_file must be configured")
        }
        if hasSlackAPIURL && !slackAPIURLFile.isEmpty {
            throw fail("at most one of slack_api_url & slack_api_url_file must be configured")
        }
        let hasAppToken = !n.slackAppToken.isUnset
        if hasAppToken && (hasSlackAPIURL || !slackAPIURLFile.isEmpty) {
            // 0.34 keeps the old workaround (slack_api_url set to the app URL) working.
            if slackAPIURL?.description != n.effectiveSlackAppURL?.description {
                throw fail("at most one of slack_app_token/slack_app_token_file & slack_api_url/slack_api_url_file must be configured")
            }
        }
        if !opsGenieAPIKey.isEmpty && !opsGenieAPIKeyFile.isEmpty {
            throw fail("at most one of opsgenie_api_key & opsgenie_api_key_file must be configured")
        }
        if !victorOpsAPIKey.isEmpty && !victorOpsAPIKeyFile.isEmpty {
            throw fail("at most one of victorops_api_key & victorops_api_key_file must be configured")
        }
        if !n.telegramBotToken.isEmpty && !n.telegramBotTokenFile.isEmpty {
            throw fail("at most one of telegram_bot_token & telegram_bot_token_file must be configured")
        }
        if smtp.authPassword.hasBoth {
            throw fail("at most one of smtp_auth_password & smtp_auth_password_file must be configured")
        }
        try post025.validateRocketchat()
        if smtp.authSecret.hasBoth {
            throw fail("at most one of smtp_auth_secret & smtp_auth_secret_file must be configured")
        }
        if !wechatAPISecret.isEmpty && !n.wechatAPISecretFile.isEmpty {
            throw fail("at most one of wechat_api_secret & wechat_api_secret_file must be configured")
        }
        try post025.validateMattermost()
    }
}
