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
            if c.text("api_key").isEmpty && c.text("api_key_file").isEmpty {
                if g.opsGenieAPIKey.isEmpty && g.opsGenieAPIKeyFile.isEmpty {
                    throw ConfigError("no global OpsGenie API Key set either inline or in a file")
                }
                c["api_key"] = .secret(g.opsGenieAPIKey)
                c["api_key_file"] = .string(g.opsGenieAPIKeyFile)
            }
        case "wechat_configs":
            if c["api_url"] == nil { c["api_url"] = try url(g.wechatAPIURL, "no global Wechat URL set") }
            if c.text("api_secret").isEmpty && c.text("api_secret_file").isEmpty {
                if g.wechatAPISecret.isEmpty && g.v034.wechatAPISecretFile.isEmpty {
                    throw ConfigError("no global Wechat Api Secret set either inline or in a file")
                }
                c["api_secret"] = .secret(g.wechatAPISecret)
                c["api_secret_file"] = .string(g.v034.wechatAPISecretFile)
            }
            if c.text("corp_id").isEmpty {
                if g.wechatAPICorpID.isEmpty { throw ConfigError("no global Wechat CorpID set") }
                c["corp_id"] = .string(g.wechatAPICorpID)
            }
            slash(&c, "api_url")
        case "victorops_configs":
            if c["api_url"] == nil { c["api_url"] = try url(g.victorOpsAPIURL, "no global VictorOps URL set") }
            slash(&c, "api_url")
            if c.text("api_key").isEmpty && c.text("api_key_file").isEmpty {
                if g.victorOpsAPIKey.isEmpty && g.victorOpsAPIKeyFile.isEmpty {
                    throw ConfigError("no global VictorOps API Key set")
                }
                c["api_key"] = .secret(g.victorOpsAPIKey)
                c["api_key_file"] = .string(g.victorOpsAPIKeyFile)
            }
        case "telegram_configs":
            if c["api_url"] == nil, let u = g.telegramAPIURL { c["api_url"] = .url(u) }
            if c.text("bot_token").isEmpty && c.text("bot_token_file").isEmpty {
                if g.v034.telegramBotToken.isEmpty && g.v034.telegramBotTokenFile.isEmpty {
                    throw ConfigError("missing bot_token or bot_token_file on telegram_config")
                }
                c["bot_token"] = .secret(g.v034.telegramBotToken)
                c["bot_token_file"] = .string(g.v034.telegramBotTokenFile)
            }
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
