import AlertCore
import GoCompat
import Yams

/// A value of a generically modelled integration field.
package enum ConfigValue: Sendable, Hashable {
    case string(String)
    case secret(Secret)
    case url(ConfigURL)
    /// A secret URL given as the `<secret>` marker (a re-loaded marshalled config).
    case redactedURL
    case bool(Bool)
    case int(Int64)
    /// A Go `time.Duration` in seconds (Pushover `retry`/`expire`).
    case duration(Double)
    case map([String: String])
    case list([String])
    case object([String: ConfigValue])
    case objects([[String: ConfigValue]])
    /// A free-form YAML value (Jira `fields`).
    case tree(YAMLTree)

    package var string: String? {
        switch self {
        case .string(let s): return s
        case .secret(let s): return s.value
        case .url(let u): return u.description
        default: return nil
        }
    }
}

/// How one field of an integration is read and written.
indirect enum FieldKind: Sendable {
    case string, secret, url, secretURL, bool, int64, stringMap, stringList, goDuration
    case object(type: String, fields: [FieldSpec])
    case objects(type: String, fields: [FieldSpec])
    /// Read and written by functions of its own (post-0.25 integrations).
    case custom(CustomFieldKind)
}

struct FieldSpec: Sendable {
    let name: String
    let kind: FieldKind
    /// yaml.v2 `omitempty`: skipped on output when empty.
    var omitEmpty = true
    var defaultValue: ConfigValue?
}

/// A receiver integration other than webhook and email (Slack, PagerDuty, OpsGenie, WeChat,
/// VictorOps, Pushover, SNS, Telegram, Discord, Webex; and, added after 0.25, Teams, Teams
/// Workflows, Jira, Rocket.Chat, Mattermost, incident.io). These are parsed, defaulted and
/// validated as Alertmanager does, with its errors; fields stay in a generic map keyed by
/// YAML name, which `Server` maps onto each integration's notifier settings.
package struct IntegrationConfig: Sendable {
    /// The YAML list name, e.g. `slack_configs`.
    package let type: String
    package var sendResolved: Bool
    package var httpConfig: HTTPClientConfig?
    /// Every other field by YAML name, defaults filled in; absent means unset.
    package var fields: [String: ConfigValue]
    package var line: Int?

    package subscript(_ name: String) -> ConfigValue? {
        get { fields[name] }
        set { fields[name] = newValue }
    }

    /// The text of a string-like field ("" when unset).
    package func text(_ name: String) -> String { fields[name]?.string ?? "" }
}

extension ConfigValue {
    var isEmptyValue: Bool {
        switch self {
        case .string(let s): return s.isEmpty
        case .secret(let s): return s.isEmpty
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .duration(let d): return d == 0
        case .map(let m): return m.isEmpty
        case .list(let l): return l.isEmpty
        case .object(let o): return o.isEmpty
        case .objects(let o): return o.isEmpty
        case .url, .redactedURL: return false
        case .tree(let t): return t == .map([:])
        }
    }
}

enum GenericFields {
    /// Reads the fields of `specs` from `r`, starting from their defaults.
    static func read(_ r: MapReader, _ specs: [FieldSpec]) throws(ConfigError) -> [String: ConfigValue] {
        var out: [String: ConfigValue] = [:]
        for spec in specs {
            if let d = spec.defaultValue { out[spec.name] = d }
            if let v = try readOne(r, spec) { out[spec.name] = v }
        }
        return out
    }

    static func readOne(_ r: MapReader, _ spec: FieldSpec) throws(ConfigError) -> ConfigValue? {
        switch spec.kind {
        case .string: return r.string(spec.name).map(ConfigValue.string)
        case .secret: return r.string(spec.name).map { .secret(Secret($0)) }
        case .url:
            guard let s = r.string(spec.name) else { return nil }
            return .url(try r.url(s, at: spec.name))
        case .secretURL:
            guard let s = r.string(spec.name) else { return nil }
            if s == Secret.marker { return .redactedURL }
            return .url(try r.url(s, at: spec.name))
        case .bool: return r.bool(spec.name).map(ConfigValue.bool)
        case .int64: return r.int64(spec.name).map(ConfigValue.int)
        case .stringMap: return r.stringMap(spec.name).map(ConfigValue.map)
        case .stringList: return r.strings(spec.name).map(ConfigValue.list)
        case .goDuration:
            guard let s = r.string(spec.name) else { return nil }
            do { return .duration(try GoDuration.parse(s)) } catch { throw ConfigError(error.description, line: r.lineOf(spec.name)) }
        case .custom(let kind): return try kind.read(r, spec.name)
        case .object(let type, let fields):
            guard let sub = r.map(spec.name, type: type) else { return nil }
            var v = try read(sub, fields)
            sub.finish()
            if sub.clean { try IntegrationRules.validateObject(type: spec.name, goType: type, &v, line: sub.line) }
            return .object(v)
        case .objects(let type, let fields):
            guard let items = r.list(spec.name, of: "[]" + type) else { return nil }
            var out: [[String: ConfigValue]] = []
            for item in items {
                guard let sub = MapReader(item, type: type, ctx: r.ctx) else { continue }
                var v = try read(sub, fields)
                sub.finish()
                if sub.clean { try IntegrationRules.validateObject(type: spec.name, goType: type, &v, line: sub.line) }
                out.append(v)
            }
            return .objects(out)
        }
    }

    static func yaml(_ values: [String: ConfigValue], _ specs: [FieldSpec]) -> YAMLOut {
        var o = YAMLOut()
        for spec in specs {
            guard let v = values[spec.name] else {
                if !spec.omitEmpty { o.add(spec.name, zero(spec.kind)) }
                continue
            }
            if spec.omitEmpty && v.isEmptyValue { continue }
            o.add(spec.name, node(v, spec))
        }
        return o
    }

    /// What yaml.v2 writes for an unset field without `omitempty`: the Go zero value.
    static func zero(_ kind: FieldKind) -> Node {
        switch kind {
        case .bool: return Node("false")
        case .int64: return Node("0")
        case .string, .secret: return Node("", .implicit, .doubleQuoted)
        default: return YAMLOut.null
        }
    }

    static func node(_ v: ConfigValue, _ spec: FieldSpec) -> Node {
        if case .custom(let kind) = spec.kind { return kind.yaml(v) }
        switch v {
        case .string(let s): return YAMLOut.scalar(s)
        case .secret(let s): return YAMLOut.scalar(s.isEmpty ? "" : Secret.marker)
        case .url(let u):
            if case .secretURL = spec.kind { return YAMLOut.scalar(Secret.marker) }
            return YAMLOut.scalar(u.description)
        case .redactedURL: return YAMLOut.scalar(Secret.marker)
        case .bool(let b): return Node(b ? "true" : "false")
        case .int(let i): return Node(String(i))
        case .duration(let d): return YAMLOut.scalar(GoDuration.format(d))
        case .map(let m): return Node(m.keys.sorted().map { (YAMLOut.scalar($0), YAMLOut.scalar(m[$0] ?? "")) })
        case .list(let l): return Node(l.map(YAMLOut.scalar))
        case .object(let o):
            if case .object(_, let fields) = spec.kind { return yaml(o, fields).node }
            return Node([(Node, Node)]())
        case .objects(let list):
            if case .objects(_, let fields) = spec.kind { return Node(list.map { yaml($0, fields).node }) }
            return Node([Node]())
        case .tree(let t): return t.node
        }
    }
}
