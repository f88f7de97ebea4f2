import GoCompat
import Yams

/// Checks and global fallbacks of keys 0.26–0.34 added to the 0.25 integrations (Slack apps,
/// nested PagerDuty details), with 0.34's texts.
extension IntegrationRules {
    /// Where the content of a receiver's `app_token_file` is kept after load (never marshalled).
    static let slackAppTokenFromFile = "app_token_file content"

    /// Keys 0.26–0.34 added that load but do nothing yet in Tocsin (README lists them); a
    /// config that sets one gets a load warning naming it, never a silent no-op.
    static let notImplemented034: [String: [String]] = [:]

    static func warnNotImplemented(_ c: IntegrationConfig, ctx: DecodeContext) {
        for key in notImplemented034[c.type] ?? [] where c[key].map({ !$0.isEmptyValue }) ?? false {
            ctx.warnings.append("\(c.type): \(key) is accepted but not implemented")
        }
    }

    static func validateSlack034(_ c: IntegrationConfig) throws(ConfigError) {
        let hasURL = c["api_url"] != nil || !c.text("api_url_file").isEmpty
        let hasToken = !c.text("app_token").isEmpty || !c.text("app_token_file").isEmpty
        if c["api_url"] != nil && !c.text("api_url_file").isEmpty {
            throw ConfigError("at most one of api_url & api_url_file must be configured")
        }
        if bothSet(c, "app_token", "app_token_file") {
            throw ConfigError("at most one of app_token & app_token_file must be configured")
        }
        if hasURL && hasToken {
            throw ConfigError("at most one of api_url/api_url_file & app_token/app_token_file must be configured")
        }
        if c.flag034("update_message") && c.text("api_url") != "https://slack.com/api/chat.postMessage" {
            throw ConfigError("update_message can only be used with bot tokens. api_url must be set to https://slack.com/api/chat.postMessage")
        }
    }
}

extension GlobalFallbacks {
    /// 0.34's Slack fallbacks: app URL, app token (unless the receiver has its own
    /// authorization or webhook URL), webhook URL; an app token becomes the `Bearer`
    /// authorization of the receiver's HTTP client and the app URL its endpoint.
    static func applySlack034(_ g: GlobalConfig, to c: inout IntegrationConfig) throws(ConfigError) {
        let n = g.v034
        // Kept in the config only when set or used, so that 0.25-shaped configs marshal as before.
        let appURL = c["app_url"] ?? n.effectiveSlackAppURL.map(ConfigValue.url)
        if c.text("app_token").isEmpty && c.text("app_token_file").isEmpty && c.httpConfig?.authorization == nil
            && c["api_url"] == nil {
            c["app_token"] = .secret(n.slackAppToken.inline)
            c["app_token_file"] = .string(n.slackAppToken.file)
            if let s = n.slackAppToken.fromFile { c[IntegrationRules.slackAppTokenFromFile] = .secret(s) }
        }
        if c["api_url"] == nil && c.text("api_url_file").isEmpty {
            c["api_url"] = g.slackAPIURL.map(ConfigValue.url) ?? (g.slackAPIURLRedacted ? .redactedURL : nil)
            if !g.slackAPIURLFile.isEmpty { c["api_url_file"] = .string(g.slackAPIURLFile) }
        }
        let token = c.text("app_token"), tokenFile = c.text("app_token_file")
        if c["api_url"] == nil && c.text("api_url_file").isEmpty && token.isEmpty && tokenFile.isEmpty {
            throw ConfigError("no Slack API URL nor App token set either inline or in a file")
        }
        guard !token.isEmpty || !tokenFile.isEmpty else { return }
        if c.httpConfig?.authorization != nil {
            throw ConfigError("http authorization can't be set when using Slack App tokens")
        }
        var fromFile: Secret?
        if case .secret(let s)? = c[IntegrationRules.slackAppTokenFromFile] { fromFile = s }
        var http = c.httpConfig ?? .default
        http.authorization = Authorization(type: "Bearer",
                                           credentials: SecretOrFile(inline: Secret(token), file: tokenFile, fromFile: fromFile))
        c.httpConfig = http
        c["app_url"] = appURL
        c["api_url"] = appURL
        c["api_url_file"] = nil
    }
}

extension IntegrationConfig {
    func flag034(_ name: String) -> Bool {
        if case .bool(let b)? = self[name] { return b }
        return false
    }
}

/// PagerDuty `details` (0.29+: `map[string]any`, values may nest). A flat map of strings
/// stays `.map` as in 0.25; anything else is kept as a `.tree`.
enum PagerDutyDetails {
    static let kind = CustomFieldKind(
        read: { (r: MapReader, name: String) throws(ConfigError) -> ConfigValue? in
            guard let node = r.value(name) else { return nil }
            guard case .mapping(let m) = node else {
                r.ctx.typeError(node, "cannot unmarshal \(node.goDescription) into map[string]interface {}")
                return nil
            }
            if m.allSatisfy({ $0.value.scalar != nil }) { return r.stringMap(name).map(ConfigValue.map) }
            return .tree(YAMLTree(node))
        },
        yaml: { v in
            switch v {
            case .map(let m): return Node(m.keys.sorted().map { (YAMLOut.scalar($0), YAMLOut.scalar(m[$0] ?? "")) })
            case .tree(let t): return t.node
            default: return YAMLOut.null
            }
        })

    /// 0.25's default detail templates, for the keys the config leaves out.
    static let defaults = [
        "firing": #"{{ template "pagerduty.default.instances" .Alerts.Firing }}"#,
        "resolved": #"{{ template "pagerduty.default.instances" .Alerts.Resolved }}"#,
        "num_firing": "{{ .Alerts.Firing | len }}", "num_resolved": "{{ .Alerts.Resolved | len }}",
    ]

    static func addDefaults(_ c: inout IntegrationConfig) {
        switch c["details"] {
        case .tree(.map(var m))?:
            for (k, v) in defaults where m[k] == nil { m[k] = .string(v) }
            c["details"] = .tree(.map(m))
        default:
            var details: [String: String] = [:]
            if case .map(let m)? = c["details"] { details = m }
            for (k, v) in defaults where details[k] == nil { details[k] = v }
            c["details"] = .map(details)
        }
    }
}
