import AlertCore
import GoCompat
import Yams

/// An `inhibit_rules` entry with both the deprecated (`*_match`, `*_match_re`) and the new
/// (`*_matchers`) forms; the inhibitor uses `sourceMatchersCombined`/`targetMatchersCombined`,
/// which AND them together as Alertmanager's `NewInhibitRule` does.
package struct InhibitRuleConfig: Sendable {
    /// `name` (0.29+): shown in logs and events; optional.
    package var name = ""
    package var sourceMatch: [String: String] = [:]
    package var sourceMatchRE: [String: String] = [:]
    package var sourceMatchers: [Matcher] = []
    package var targetMatch: [String: String] = [:]
    package var targetMatchRE: [String: String] = [:]
    package var targetMatchers: [Matcher] = []
    /// Label names whose values must be equal in source and target.
    package var equal: [String] = []
    package var line: Int?

    package init() {}

    /// Equality, then anchored-regex (`^(?:re)$`, as 0.25 passes the compiled regexp's string),
    /// then the parsed matchers.
    package var sourceMatchersCombined: [Matcher] {
        RouteConfig.equalityMatchers(sourceMatch) + RouteConfig.regexMatchers(sourceMatchRE) + sourceMatchers
    }

    package var targetMatchersCombined: [Matcher] {
        RouteConfig.equalityMatchers(targetMatch) + RouteConfig.regexMatchers(targetMatchRE) + targetMatchers
    }

    static func read(_ node: Node, ctx: DecodeContext) throws(ConfigError) -> InhibitRuleConfig? {
        guard let r = MapReader(node, type: "config.plain", ctx: ctx) else { return nil }
        var rule = InhibitRuleConfig()
        rule.line = r.line
        rule.name = r.string("name") ?? ""
        rule.sourceMatch = r.stringMap("source_match") ?? [:]
        rule.sourceMatchRE = try readMatchRE(r, key: "source_match_re")
        rule.sourceMatchers = try readMatchers(r, key: "source_matchers")
        rule.targetMatch = r.stringMap("target_match") ?? [:]
        rule.targetMatchRE = try readMatchRE(r, key: "target_match_re")
        rule.targetMatchers = try readMatchers(r, key: "target_matchers")
        for name in r.strings("equal") ?? [] {
            guard ctx.isValidLabelName(name) else {
                throw r.error("invalid label name \(GoQuote.quote(name)) in equal list", at: "equal")
            }
            rule.equal.append(name)
        }
        r.finish()
        guard r.clean else { return rule }
        for k in (rule.sourceMatch.keys.sorted() + rule.targetMatch.keys.sorted()) where !LabelName.isValid(k) {
            throw r.error("invalid label name \(GoQuote.quote(k))")
        }
        return rule
    }

    var yaml: YAMLOut {
        var o = YAMLOut()
        o.str("name", name)
        o.matchers(prefix: "source_", sourceMatch, sourceMatchRE, sourceMatchers)
        o.matchers(prefix: "target_", targetMatch, targetMatchRE, targetMatchers)
        o.strings("equal", equal)
        return o
    }
}
