import GoCompat
import Yams

/// The receiver integrations Alertmanager added after 0.25 (Microsoft Teams 0.26, Teams
/// Workflows 0.28, Jira 0.28, Rocket.Chat 0.28, incident.io 0.29, Mattermost 0.30): field
/// lists in Go's struct order and defaults as in 0.34 (`notify/<name>/config.go`).
extension IntegrationSpecs {
    static let mattermostFieldSpec: FieldKind =
        .objects(type: "mattermost.plain", fields: [s("title"), s("value"), f("short", .bool)])

    static let post025Fields: [String: [FieldSpec]] = [
        "msteams_configs": [
            f("webhook_url", .secretURL), s("webhook_url_file"), s("title", t("msteams.default.title")),
            s("summary", t("msteams.default.summary")), s("text", t("msteams.default.text")),
        ],
        "msteamsv2_configs": [
            f("webhook_url", .secretURL), s("webhook_url_file"), s("title", t("msteamsv2.default.title")),
            s("text", t("msteamsv2.default.text")),
        ],
        "jira_configs": [
            f("api_url", .url), s("api_type", "auto"), s("project"),
            FieldSpec(name: "summary", kind: .custom(JiraFieldTemplate.kind),
                      defaultValue: JiraFieldTemplate.value(t("jira.default.summary"))),
            FieldSpec(name: "description", kind: .custom(JiraFieldTemplate.kind),
                      defaultValue: JiraFieldTemplate.value(t("jira.default.description"))),
            f("labels", .stringList), s("priority", t("jira.default.priority")), s("issue_type"),
            s("reopen_transition"), s("resolve_transition"), s("wont_fix_resolution"),
            f("reopen_duration", .custom(PromDurationField.kind)), f("fields", .custom(YAMLTree.fieldKind)),
        ],
        "rocketchat_configs": [
            f("api_url", .url), f("token_id", .secret), s("token_id_file"), f("token", .secret), s("token_file"),
            s("channel"), s("color", "{{ if eq .Status \"firing\" }}red{{ else }}green{{ end }}"),
            s("title", t("rocketchat.default.title")), s("title_link", t("rocketchat.default.titlelink")),
            s("text", t("rocketchat.default.text")),
            // No yaml tags on these Go structs: yaml.v2 lowercases the field names.
            f("fields", .objects(type: "rocketchat.RocketchatAttachmentField",
                                 fields: [f("short", .bool), s("title"), s("value")])),
            f("short_fields", .bool, omit: false), s("emoji", t("rocketchat.default.emoji")),
            s("icon_url", t("rocketchat.default.iconurl")), s("image_url"), s("thumb_url"),
            f("link_names", .bool, omit: false),
            f("actions", .objects(type: "rocketchat.RocketchatAttachmentAction", fields: [
                s("type"), s("text"), s("url"), s("imageurl"), f("iswebview", .bool, omit: false),
                s("webviewheightratio"), s("msg"), f("msginchatwindow", .bool, omit: false), s("msgprocessingtype"),
            ])),
        ],
        "mattermost_configs": [
            f("webhook_url", .secretURL), s("webhook_url_file"), s("channel"), s("username", t("mattermost.default.username")),
            s("text", t("mattermost.default.text")), s("fallback", t("mattermost.default.fallback")),
            s("color", t("mattermost.default.color")), s("pretext"), s("author_name"), s("author_link"), s("author_icon"),
            s("title", t("mattermost.default.title")), s("title_link", t("mattermost.default.titlelink")),
            f("fields", mattermostFieldSpec), s("thumb_url"), s("footer"), s("footer_icon"), s("image_url"),
            s("icon_url"), s("icon_emoji"),
            f("attachments", .objects(type: "mattermost.MattermostAttachment", fields: [
                s("fallback"), s("color"), s("pretext"), s("text"), s("author_name"), s("author_link"), s("author_icon"),
                s("title"), s("title_link"), f("fields", mattermostFieldSpec), s("thumb_url"), s("footer"),
                s("footer_icon"), s("image_url"),
            ])),
            s("type"),
            f("props", .object(type: "mattermost.MattermostProps", fields: [s("card")])),
            f("priority", .object(type: "mattermost.MattermostPriority", fields: [
                s("priority"), f("requested_ack", .bool), f("persistent_notifications", .bool),
            ])),
        ],
        "incidentio_configs": [
            f("url", .url, omit: false), s("url_file", omit: false), f("alert_source_token", .secret),
            s("alert_source_token_file"), f("max_alerts", .int64, omit: false), f("timeout", .goDuration, omit: false),
        ],
    ]
}

/// A Jira `summary`/`description`: a template string, or `{template, enable_update}` (0.32+).
/// Kept as `.object(["template": …, "enable_update": …])`.
enum JiraFieldTemplate {
    static func value(_ template: String) -> ConfigValue { .object(["template": .string(template)]) }

    static let kind = CustomFieldKind(
        read: { (r: MapReader, name: String) throws(ConfigError) -> ConfigValue? in
            guard let node = r.value(name) else { return nil }
            if case .scalar(let s) = node { return value(s.string) }
            guard let sub = MapReader(node, type: "jira.plain", ctx: r.ctx) else { return nil }
            var out: [String: ConfigValue] = ["template": .string(sub.string("template") ?? "")]
            if let b = sub.bool("enable_update") { out["enable_update"] = .bool(b) }
            sub.finish()
            return .object(out)
        },
        yaml: { v in
            guard case .object(let o) = v else { return YAMLOut.null }
            var m = YAMLOut()
            m.str("template", o["template"]?.string)
            if case .bool(let b)? = o["enable_update"] { m.bool("enable_update", b) }
            return m.node
        })
}

/// A Prometheus `model.Duration` field (`reopen_duration`), kept as `.duration(seconds)`.
enum PromDurationField {
    static let kind = CustomFieldKind(
        read: { (r: MapReader, name: String) throws(ConfigError) -> ConfigValue? in
            guard let s = r.string(name) else { return nil }
            let d = try r.duration(s, at: name)
            return .duration(Double(d.milliseconds) / 1000)
        },
        yaml: { v in
            guard case .duration(let d) = v else { return YAMLOut.null }
            return YAMLOut.scalar(PromDuration(milliseconds: Int64((d * 1000).rounded())).description)
        })
}

/// Any YAML value, as yaml.v2 decodes into Go's `any` (Jira's free-form `fields`).
package indirect enum YAMLTree: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    /// The float as written (JSON output reformats it).
    case float(Double)
    case string(String)
    case list([YAMLTree])
    /// Keys that are not strings are dropped, as Alertmanager drops them when templating.
    case map([String: YAMLTree])

    static let fieldKind = CustomFieldKind(
        read: { (r: MapReader, name: String) throws(ConfigError) -> ConfigValue? in
            guard let node = r.value(name) else { return nil }
            guard case .mapping = node else {
                r.ctx.typeError(node, "cannot unmarshal \(node.goDescription) into map[string]interface {}")
                return nil
            }
            return .tree(YAMLTree(node))
        },
        yaml: { v in
            guard case .tree(let t) = v else { return YAMLOut.null }
            return t.node
        })

    init(_ node: Node) {
        switch node {
        case .mapping(let m):
            var out: [String: YAMLTree] = [:]
            for (k, v) in m { if let key = k.scalar?.string, k.goTag == "!!str" { out[key] = YAMLTree(v) } }
            self = .map(out)
        case .sequence(let s): self = .list(s.map(YAMLTree.init))
        case .alias: self = .null
        case .scalar(let s):
            switch node.goTag {
            case "!!null": self = .null
            case "!!bool": self = .bool(YAMLBool.parse(s.string) ?? false)
            case "!!int": self = Int64(s.string).map(YAMLTree.int) ?? .string(s.string)
            case "!!float": self = Double(s.string).map(YAMLTree.float) ?? .string(s.string)
            default: self = .string(s.string)
            }
        }
    }

    /// What a rendered template string becomes (Alertmanager's `DeepCopyWithTemplate`): the
    /// text is read as YAML, and kept as text unless it reads as something other than a string.
    package static func reparse(_ text: String) -> YAMLTree? {
        let parsed: Node?
        do { parsed = try Yams.compose(yaml: text) } catch { return nil }
        guard let node = parsed else { return .null }
        let t = YAMLTree(node)
        if case .string = t { return nil }
        return t
    }

    var node: Node {
        switch self {
        case .null: return YAMLOut.null
        case .bool(let b): return Node(b ? "true" : "false")
        case .int(let i): return Node(String(i))
        case .float(let d): return Node(String(d))
        case .string(let s): return YAMLOut.scalar(s)
        case .list(let l): return Node(l.map(\.node))
        case .map(let m): return Node(m.keys.sorted().map { (YAMLOut.scalar($0), m[$0]!.node) })
        }
    }
}

/// A field read and written by its own functions (see `FieldKind.custom`).
struct CustomFieldKind: Sendable {
    let read: @Sendable (MapReader, String) throws(ConfigError) -> ConfigValue?
    let yaml: @Sendable (ConfigValue) -> Node
}
