import GoCompat
import Yams

/// Load-time checks and global fallbacks of the integrations added after 0.25, with 0.34's
/// texts (`notify/<name>/config.go` `UnmarshalYAML`, then `config.Config.UnmarshalYAML`).
extension IntegrationRules {
    static func validatePost025(_ c: inout IntegrationConfig) throws(ConfigError) {
        let hasURL = c["webhook_url"] != nil, hasURLFile = !c.text("webhook_url_file").isEmpty
        switch c.type {
        case "msteams_configs", "msteamsv2_configs":
            if !hasURL && !hasURLFile { throw ConfigError("one of webhook_url or webhook_url_file must be configured") }
            if hasURL && hasURLFile { throw ConfigError("at most one of webhook_url & webhook_url_file must be configured") }
        case "mattermost_configs":
            if hasURL && hasURLFile { throw ConfigError("at most one of webhook_url & webhook_url_file must be configured") }
        case "jira_configs":
            if c.text("project").isEmpty { throw ConfigError("missing project in jira_config") }
            if c.text("issue_type").isEmpty { throw ConfigError("missing issue_type in jira_config") }
            if !["auto", "cloud", "datacenter"].contains(c.text("api_type")) {
                throw ConfigError("unknown api_type on jira_config, must be auto, cloud or datacenter")
            }
        case "rocketchat_configs":
            if c["token"] != nil && !c.text("token_file").isEmpty {
                throw ConfigError("at most one of token & token_file must be configured")
            }
            if c["token_id"] != nil && !c.text("token_id_file").isEmpty {
                throw ConfigError("at most one of token_id & token_id_file must be configured")
            }
        case "incidentio_configs":
            let hasToken = !c.text("alert_source_token").isEmpty || !c.text("alert_source_token_file").isEmpty
            if c["url"] == nil && c.text("url_file").isEmpty { throw ConfigError("one of url or url_file must be configured") }
            if c["url"] != nil && !c.text("url_file").isEmpty { throw ConfigError("at most one of url & url_file must be configured") }
            if !c.text("alert_source_token").isEmpty && !c.text("alert_source_token_file").isEmpty {
                throw ConfigError("at most one of alert_source_token & alert_source_token_file must be configured")
            }
            // As in Go, these two look at the integration's own http_config only (before the global one is copied in).
            if let h = c.httpConfig, h.authorization != nil, hasToken {
                throw ConfigError("cannot specify alert_source_token or alert_source_token_file when using http_config.authorization")
            }
            if let h = c.httpConfig, h.authorization == nil, !hasToken {
                throw ConfigError("at least one of alert_source_token, alert_source_token_file or http_config.authorization must be configured")
            }
        default:
            break
        }
    }

    static func validatePost025Object(goType: String, _ v: [String: ConfigValue], line: Int?) throws(ConfigError) {
        guard goType == "mattermost.plain" else { return }
        if (v["title"]?.string ?? "").isEmpty { throw ConfigError("missing title in Mattermost field configuration", line: line) }
        if (v["value"]?.string ?? "").isEmpty { throw ConfigError("missing value in Mattermost field configuration", line: line) }
    }
}

extension GlobalFallbacks {
    static func applyPost025(_ g: GlobalConfig, to c: inout IntegrationConfig) throws(ConfigError) {
        let p = g.post025
        switch c.type {
        case "msteamsv2_configs":
            // Go copies the global http_config, or only its proxy_url into a partial one (0.34).
            if c.httpConfig?.proxyURL == nil, c.httpConfig != nil { c.httpConfig?.proxyURL = g.httpConfig?.proxyURL }
        case "jira_configs":
            if c["api_url"] == nil {
                guard let u = p.jiraAPIURL else { throw ConfigError("no global Jira Cloud URL set") }
                c["api_url"] = .url(u)
            }
        case "rocketchat_configs":
            if c["api_url"] == nil, let u = p.rocketchatAPIURL ?? Post025Globals.defaultRocketchatAPIURL { c["api_url"] = .url(u) }
            if c["token_id"] == nil, let s = p.rocketchatTokenID { c["token_id"] = .secret(s) }
            if c.text("token_id_file").isEmpty { c["token_id_file"] = .string(p.rocketchatTokenIDFile) }
            if c["token_id"] == nil && c.text("token_id_file").isEmpty {
                throw ConfigError("no global Rocketchat TokenID set either inline or in a file")
            }
            if c["token"] == nil, let s = p.rocketchatToken { c["token"] = .secret(s) }
            if c.text("token_file").isEmpty { c["token_file"] = .string(p.rocketchatTokenFile) }
            if c["token"] == nil && c.text("token_file").isEmpty {
                throw ConfigError("no global Rocketchat Token set either inline or in a file")
            }
        case "mattermost_configs":
            if c["webhook_url"] == nil && c.text("webhook_url_file").isEmpty {
                if p.mattermostWebhookURL == nil && p.mattermostWebhookURLFile.isEmpty {
                    throw ConfigError("missing webhook_url or webhook_url_file on mattermost_config")
                }
                c["webhook_url"] = p.mattermostWebhookURL
                c["webhook_url_file"] = .string(p.mattermostWebhookURLFile)
            }
        default:
            break
        }
    }
}

/// The `global` keys added after 0.25 for these integrations (0.34 `GlobalConfig`).
package struct Post025Globals: Sendable, Hashable {
    package var jiraAPIURL: ConfigURL?
    /// nil = 0.34's default, `https://open.rocket.chat/`, applied to the integrations only, so
    /// that a config without these keys marshals as 0.25 writes it (amtool 0.25 reads it back).
    package var rocketchatAPIURL: ConfigURL?
    static let defaultRocketchatAPIURL = try? ConfigURL.parse("https://open.rocket.chat/")
    /// nil when unset (Go keeps a pointer: an empty value given explicitly still counts as set).
    package var rocketchatToken: Secret?
    package var rocketchatTokenFile = ""
    package var rocketchatTokenID: Secret?
    package var rocketchatTokenIDFile = ""
    /// `.url`, or `.redactedURL` for a re-loaded `<secret>`.
    package var mattermostWebhookURL: ConfigValue?
    package var mattermostWebhookURLFile = ""

    package init() {}

    static func read(_ r: MapReader) throws(ConfigError) -> Post025Globals {
        var p = Post025Globals()
        if let s = r.string("jira_api_url") { p.jiraAPIURL = try r.url(s, at: "jira_api_url") }
        if let s = r.string("rocketchat_api_url") { p.rocketchatAPIURL = try r.url(s, at: "rocketchat_api_url") }
        p.rocketchatToken = r.string("rocketchat_token").map { Secret($0) }
        p.rocketchatTokenFile = r.string("rocketchat_token_file") ?? ""
        p.rocketchatTokenID = r.string("rocketchat_token_id").map { Secret($0) }
        p.rocketchatTokenIDFile = r.string("rocketchat_token_id_file") ?? ""
        if let s = r.string("mattermost_webhook_url") {
            p.mattermostWebhookURL = s == Secret.marker ? .redactedURL : .url(try r.url(s, at: "mattermost_webhook_url"))
        }
        p.mattermostWebhookURLFile = r.string("mattermost_webhook_url_file") ?? ""
        return p
    }

    /// The `at most one of` checks of `Config.UnmarshalYAML` (called in Go's order, between
    /// the SMTP and WeChat ones, from `GlobalConfig.validate034`).
    func validateRocketchat() throws(ConfigError) {
        if rocketchatToken != nil && !rocketchatTokenFile.isEmpty {
            throw ConfigError("at most one of rocketchat_token & rocketchat_token_file must be configured")
        }
        if rocketchatTokenID != nil && !rocketchatTokenIDFile.isEmpty {
            throw ConfigError("at most one of rocketchat_token_id & rocketchat_token_id_file must be configured")
        }
    }

    func validateMattermost() throws(ConfigError) {
        if mattermostWebhookURL != nil && !mattermostWebhookURLFile.isEmpty {
            throw ConfigError("at most one of mattermost_webhook_url & mattermost_webhook_url_file must be configured")
        }
    }

    /// Written after `webex_api_url`, in Go's field order.
    func addTail(to o: inout YAMLOut) {
        o.str("rocketchat_api_url", rocketchatAPIURL?.description)
        if rocketchatToken != nil { o.str("rocketchat_token", Secret.marker) }
        o.str("rocketchat_token_file", rocketchatTokenFile)
        if rocketchatTokenID != nil { o.str("rocketchat_token_id", Secret.marker) }
        o.str("rocketchat_token_id_file", rocketchatTokenIDFile)
        if mattermostWebhookURL != nil { o.str("mattermost_webhook_url", Secret.marker) }
        o.str("mattermost_webhook_url_file", mattermostWebhookURLFile)
    }
}

extension IntegrationConfig {
    /// The post-0.25 list names Tocsin delivers to (the rest still only parse).
    package static let deliveredPost025Types: Set<String> = ["msteams_configs", "msteamsv2_configs",
                                                            "mattermost_configs", "rocketchat_configs", "jira_configs",
                                                            "incidentio_configs"]
}
