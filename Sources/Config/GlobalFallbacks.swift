/// The per-receiver part of `Config.UnmarshalYAML`: global `http_config`, SMTP and API
/// settings copied into integrations that leave them unset, with Alertmanager's errors.
enum GlobalFallbacks {
    static func apply(_ g: GlobalConfig, to rcv: inout ReceiverConfig) throws(ConfigError) {
        for i in rcv.webhookConfigs.indices where rcv.webhookConfigs[i].httpConfig == nil {
            rcv.webhookConfigs[i].httpConfig = g.httpConfig
        }
        for i in rcv.emailConfigs.indices {
            var ec = rcv.emailConfigs[i]
            do { try ec.smtp.fillUnset(from: g.smtp) } catch { throw ConfigError(error.message, line: ec.line) }
            if !ec.tlsConfigSet, let t = g.v034.smtpTLSConfig { ec.tlsConfig = t }
            if ec.forceImplicitTLS == nil { ec.forceImplicitTLS = g.v034.smtpForceImplicitTLS }
            if ec.requireTLS == nil { ec.requireTLS = g.smtpRequireTLS }
            rcv.emailConfigs[i] = ec
        }
        // Go walks the types in this order: slack, pushover, pagerduty, (0.29+) incidentio,
        // opsgenie, wechat, victorops, sns, telegram, discord, webex, then the ones added after
        // 0.25 (IntegrationRules+Post025.swift).
        let order = ["slack_configs", "pushover_configs", "pagerduty_configs", "incidentio_configs", "opsgenie_configs",
                     "wechat_configs", "victorops_configs", "sns_configs", "telegram_configs", "discord_configs",
                     "webex_configs", "msteams_configs", "msteamsv2_configs", "jira_configs", "rocketchat_configs",
                     "mattermost_configs"]
        for type in order {
            for i in rcv.otherConfigs.indices where rcv.otherConfigs[i].type == type {
                var c = rcv.otherConfigs[i]
                do { try apply(g, to: &c) } catch { throw ConfigError(error.message, line: c.line) }
                rcv.otherConfigs[i] = c
            }
        }
    }

    static func url(_ g: ConfigURL?, _ message: String) throws(ConfigError) -> ConfigValue {
        guard let g else { throw ConfigError(message) }
        return .url(g)
    }

    static func slash(_ c: inout IntegrationConfig, _ key: String) {
        if case .url(let u)? = c[key] { c[key] = .url(u.withTrailingSlash()) }
    }

    /// Gives an entry that sets neither `key` nor `key_file` the global secret and file,
    /// which must not both be empty.
    static func secret(_ c: inout IntegrationConfig, _ key: String, _ g: Secret, file: String,
                       _ message: String) throws(ConfigError) {
        guard c.text(key).isEmpty && c.text(key + "_file").isEmpty else { return }
        if g.isEmpty && file.isEmpty { throw ConfigError(message) }
        c[key] = .secret(g)
        c[key + "_file"] = .string(file)
    }

    static func apply(_ g: GlobalConfig, to c: inout IntegrationConfig) throws(ConfigError) {
        if c.type == "msteamsv2_configs" { try applyPost025(g, to: &c) }
        if c.httpConfig == nil { c.httpConfig = g.httpConfig }
        switch c.type {
        case "slack_configs":
            try applySlack034(g, to: &c)
        case "pagerduty_configs":
            if c["url"] == nil { c["url"] = try url(g.pagerdutyURL, "no global PagerDuty URL set") }
        case "opsgenie_configs":
            if c["api_url"] == nil { c["api_url"] = try url(g.opsGenieAPIURL, "no global OpsGenie URL set") }
            slash(&c, "api_url")
            try secret(&c, "api_key", g.opsGenieAPIKey, file: g.opsGenieAPIKeyFile,
                       "no global OpsGenie API Key set either inline or in a file")
        case "wechat_configs":
            if c["api_url"] == nil { c["api_url"] = try url(g.wechatAPIURL, "no global Wechat URL set") }
            try secret(&c, "api_secret", g.wechatAPISecret, file: g.v034.wechatAPISecretFile,
                       "no global Wechat Api Secret set either inline or in a file")
            if c.text("corp_id").isEmpty {
                if g.wechatAPICorpID.isEmpty { throw ConfigError("no global Wechat CorpID set") }
                c["corp_id"] = .string(g.wechatAPICorpID)
            }
            slash(&c, "api_url")
        case "victorops_configs":
            if c["api_url"] == nil { c["api_url"] = try url(g.victorOpsAPIURL, "no global VictorOps URL set") }
            slash(&c, "api_url")
            try secret(&c, "api_key", g.victorOpsAPIKey, file: g.victorOpsAPIKeyFile, "no global VictorOps API Key set")
        case "telegram_configs":
            if c["api_url"] == nil, let u = g.telegramAPIURL { c["api_url"] = .url(u) }
            try secret(&c, "bot_token", g.v034.telegramBotToken, file: g.v034.telegramBotTokenFile,
                       "missing bot_token or bot_token_file on telegram_config")
        case "discord_configs":
            if c["webhook_url"] == nil && c.text("webhook_url_file").isEmpty {
                throw ConfigError("no discord webhook URL or URLFile provided")
            }
        case "webex_configs":
            if c["api_url"] == nil { c["api_url"] = try url(g.webexAPIURL, "no global Webex URL set") }
        case "msteamsv2_configs":
            break
        default:
            try applyPost025(g, to: &c)
        }
    }
}
