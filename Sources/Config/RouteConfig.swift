import AlertCore
import GoCompat
import GoRegex
import Yams

/// One node of the routing tree as written in the file (Alertmanager's `config.Route`).
/// Unset fields are nil so that inheritance can be applied; `spec` hands the tree to
/// `AlertDispatch.Route`, which applies it.
package struct RouteConfig: Sendable {
    package var receiver: String?
    /// `group_by` as written, `...` included.
    package var groupByStrings: [String]?
    /// The label names of `group_by` without `...`; nil when none (0.25: `[]` inherits).
    package var groupBy: [String]?
    /// True when `group_by` contains `...` (group by all labels).
    package var groupByAll = false
    /// Deprecated `match` (equality) map.
    package var match: [String: String] = [:]
    /// Deprecated `match_re` map of (unanchored) regex strings.
    package var matchRE: [String: String] = [:]
    /// `matchers`, parsed and sorted like Alertmanager's `config.Matchers`.
    package var matchers: [Matcher] = []
    package var muteTimeIntervals: [String] = []
    package var activeTimeIntervals: [String] = []
    package var `continue` = false
    package var routes: [RouteConfig] = []
    package var groupWait: PromDuration?
    package var groupInterval: PromDuration?
    package var repeatInterval: PromDuration?
    /// `labels` (0.34): templated labels attached to the route, inherited by child routes.
    package var labels: [String: String] = [:]
    /// The YAML line where this route starts.
    package var line: Int?

    package init() {}

    /// `match` + `match_re` + `matchers`, sorted by (name, value, type), as dispatch's
    /// `NewRoute` builds them. A `match_re` value becomes `^(?:re)$` as in 0.25 (Go passes the
    /// compiled regexp's `String()`), which shows in route keys exactly like Alertmanager's.
    package func combinedMatchers() -> [Matcher] {
        var out = Self.equalityMatchers(match) + Self.regexMatchers(matchRE) + matchers
        out.sort()
        return out
    }

    static func equalityMatchers(_ m: [String: String]) -> [Matcher] {
        m.keys.sorted().compactMap { try? Matcher(.equal, $0, m[$0] ?? "") }
    }

    static func regexMatchers(_ m: [String: String]) -> [Matcher] {
        m.keys.sorted().compactMap { try? Matcher(.regexp, $0, "^(?:" + (m[$0] ?? "") + ")$") }
    }

    static func read(_ node: Node, ctx: DecodeContext) throws(ConfigError) -> RouteConfig? {
        guard let r = MapReader(node, type: "config.plain", ctx: ctx) else { return nil }
        var route = RouteConfig()
        route.line = r.line
        route.receiver = r.string("receiver")
        route.groupByStrings = r.strings("group_by")
        route.match = r.stringMap("match") ?? [:]
        route.matchRE = try readMatchRE(r, key: "match_re")
        route.matchers = try readMatchers(r, key: "matchers")
        route.muteTimeIntervals = r.strings("mute_time_intervals") ?? []
        route.activeTimeIntervals = r.strings("active_time_intervals") ?? []
        route.continue = r.bool("continue") ?? false
        route.routes = try r.structs("routes", goType: "[]*config.Route") { (n: Node) throws(ConfigError) in
            try RouteConfig.read(n, ctx: ctx)
        } ?? []
        if let s = r.string("group_wait") { route.groupWait = try r.duration(s, at: "group_wait") }
        if let s = r.string("group_interval") { route.groupInterval = try r.duration(s, at: "group_interval") }
        if let s = r.string("repeat_interval") { route.repeatInterval = try r.duration(s, at: "repeat_interval") }
        route.labels = r.stringMap("labels") ?? [:]
        r.finish()
        guard r.clean else { return route }
        try route.validate(r)
        return route
    }

    /// The checks of `Route.UnmarshalYAML`, with its texts.
    mutating func validate(_ r: MapReader) throws(ConfigError) {
        for k in match.keys.sorted() where !LabelName.isValid(k) {
            throw r.error("invalid label name \(GoQuote.quote(k))", at: "match")
        }
        var names: [String] = []
        for l in groupByStrings ?? [] {
            if l == "..." {
                groupByAll = true
            } else {
                guard r.ctx.isValidLabelName(l) else { throw r.error("invalid label name \(GoQuote.quote(l)) in group_by list", at: "group_by") }
                names.append(l)
            }
        }
        groupBy = names.isEmpty ? nil : names
        if !names.isEmpty && groupByAll {
            throw r.error("cannot have wildcard group_by (`...`) and other labels at the same time", at: "group_by")
        }
        var seen = Set<String>()
        for n in names where !seen.insert(n).inserted {
            throw r.error("duplicated label \(GoQuote.quote(n)) in group_by", at: "group_by")
        }
        for k in labels.keys.sorted() where !r.ctx.isValidLabelName(k) {
            throw r.error("invalid label name \(GoQuote.quote(k)) in route labels", at: "labels")
        }
        if groupInterval?.milliseconds == 0 { throw r.error("group_interval cannot be zero", at: "group_interval") }
        if repeatInterval?.milliseconds == 0 { throw r.error("repeat_interval cannot be zero", at: "repeat_interval") }
    }
}

/// `MatchRegexps.UnmarshalYAML`: label names checked, each value compiled anchored.
func readMatchRE(_ r: MapReader, key: String) throws(ConfigError) -> [String: String] {
    guard let node = r.value(key) else { return [:] }
    guard case .mapping(let m) = node else {
        r.ctx.typeError(node, "cannot unmarshal \(node.goDescription) into config.MatchRegexps")
        return [:]
    }
    var out: [String: String] = [:]
    var nullKeys: [String] = []
    for (k, v) in m {
        guard let name = r.scalarString(k, into: "string") else { continue }
        if v.isNull { nullKeys.append(name); continue }
        guard let re = r.scalarString(v, into: "string") else { continue }
        do { _ = try RE2.anchored(re) } catch { throw ConfigError(error.message, line: v.mark?.line) }
        out[name] = re
    }
    for k in Array(out.keys) + nullKeys where !LabelName.isValid(k) {
        throw ConfigError("invalid label name \(GoQuote.quote(k))", line: r.lineOf(key))
    }
    if let k = nullKeys.first { throw ConfigError("invalid regexp value for \(GoQuote.quote(k))", line: r.lineOf(key)) }
    return out
}

/// `config.Matchers.UnmarshalYAML`: every string parsed (fallback parser by default), sorted.
func readMatchers(_ r: MapReader, key: String) throws(ConfigError) -> [Matcher] {
    guard let node = r.value(key) else { return [] }
    guard case .sequence(let seq) = node else {
        r.ctx.typeError(node, "cannot unmarshal \(node.goDescription) into []string")
        return []
    }
    var out: [Matcher] = []
    for item in seq {
        guard let line = item.isNull ? "" : r.scalarString(item, into: "string") else { continue }
        do { out += try r.ctx.matcherParser.parseMatchers(line, origin: "config") } catch {
            throw ConfigError(error.message, line: item.mark?.line)
        }
    }
    out.sort()
    return out
}
