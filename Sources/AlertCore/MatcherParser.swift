import GoCompat

/// Which parser reads matchers (Alertmanager 0.27's `--enable-feature` modes).
package enum MatcherParsingMode: Sendable {
    /// Default: UTF-8 parser first; on failure the classic parser, with a warning.
    case fallback
    /// `utf8-strict-mode`: the UTF-8 parser only.
    case utf8Strict
    /// `classic-mode`: 0.25's parser only.
    case classic
}

/// Parses matchers in the configured mode, reporting fallback warnings to `warn`
/// as Alertmanager logs them (message, input, origin, suggestion).
package struct MatcherParser: Sendable {
    package let mode: MatcherParsingMode
    package let warn: @Sendable (String) -> Void

    package init(mode: MatcherParsingMode = .fallback, warn: @escaping @Sendable (String) -> Void = { _ in }) {
        self.mode = mode
        self.warn = warn
    }

    package func parseMatchers(_ input: String, origin: String = "config") throws(MatcherParseError) -> [Matcher] {
        switch mode {
        case .classic: return try ClassicMatcherParser.parseMatchers(input)
        case .utf8Strict: return try UTF8MatcherParser.parseMatchers(input)
        case .fallback:
            let utf8: [Matcher]
            do {
                utf8 = try UTF8MatcherParser.parseMatchers(input)
            } catch {
                let classic = try ClassicMatcherParser.parseMatchers(input)
                warn(Self.incompatible(input, origin: origin, err: error.message, suggestion: Self.suggest(classic)))
                return classic
            }
            guard let classic = try? ClassicMatcherParser.parseMatchers(input) else { return utf8 }
            if classic != utf8 {
                warn("msg=\"Matchers input has disagreement\" input=\(GoQuote.quote(input)) origin=\(origin)")
                return classic
            }
            return utf8
        }
    }

    package func parseMatcher(_ input: String, origin: String = "api") throws(MatcherParseError) -> Matcher {
        switch mode {
        case .classic: return try ClassicMatcherParser.parseMatcher(input)
        case .utf8Strict: return try UTF8MatcherParser.parseMatcher(input)
        case .fallback:
            let utf8: Matcher
            do {
                utf8 = try UTF8MatcherParser.parseMatcher(input)
            } catch {
                let classic = try ClassicMatcherParser.parseMatcher(input)
                warn(Self.incompatible(input, origin: origin, err: error.message, suggestion: Self.suggest([classic])))
                return classic
            }
            guard let classic = try? ClassicMatcherParser.parseMatcher(input) else { return utf8 }
            if classic != utf8 {
                warn("msg=\"Matchers input has disagreement\" input=\(GoQuote.quote(input)) origin=\(origin)")
                return classic
            }
            return utf8
        }
    }

    static func incompatible(_ input: String, origin: String, err: String, suggestion: String) -> String {
        "msg=\"Alertmanager is moving to a new parser for labels and matchers, and this input is incompatible. "
            + "Alertmanager has instead parsed the input using the classic matchers parser as a fallback. "
            + "To make this input compatible with the UTF-8 matchers parser please make sure all regular expressions "
            + "and values are double-quoted. If you are still seeing this message please open an issue.\" "
            + "input=\(GoQuote.quote(input)) origin=\(origin) err=\(GoQuote.quote(err)) suggestion=\(GoQuote.quote(suggestion))"
    }

    /// The input rewritten so that the UTF-8 parser accepts it: every value double-quoted.
    static func suggest(_ ms: [Matcher]) -> String {
        "{" + ms.map { $0.name + $0.type.description + GoQuote.quote($0.value) }.joined(separator: ", ") + "}"
    }
}
