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
            return try fallback(input, origin: origin, suggest: Self.suggest,
                                utf8: { (s) throws(MatcherParseError) in try UTF8MatcherParser.parseMatchers(s) },
                                classic: { (s) throws(MatcherParseError) in try ClassicMatcherParser.parseMatchers(s) })
        }
    }

    package func parseMatcher(_ input: String, origin: String = "api") throws(MatcherParseError) -> Matcher {
        switch mode {
        case .classic: return try ClassicMatcherParser.parseMatcher(input)
        case .utf8Strict: return try UTF8MatcherParser.parseMatcher(input)
        case .fallback:
            return try fallback(input, origin: origin, suggest: { Self.suggest([$0]) },
                                utf8: { (s) throws(MatcherParseError) in try UTF8MatcherParser.parseMatcher(s) },
                                classic: { (s) throws(MatcherParseError) in try ClassicMatcherParser.parseMatcher(s) })
        }
    }

    /// Alertmanager's fallback mode: the UTF-8 parser's result; where only the classic parser
    /// accepts the input, its result with the "incompatible" warning; where both accept it
    /// and disagree, the classic result with the "disagreement" warning.
    private func fallback<T: Equatable>(
        _ input: String, origin: String, suggest: (T) -> String,
        utf8: (String) throws(MatcherParseError) -> T, classic: (String) throws(MatcherParseError) -> T
    ) throws(MatcherParseError) -> T {
        let utf8Result: T
        do {
            utf8Result = try utf8(input)
        } catch {
            let classicResult = try classic(input)
            warn(Self.incompatible(input, origin: origin, err: error.message, suggestion: suggest(classicResult)))
            return classicResult
        }
        guard let classicResult = try? classic(input) else { return utf8Result }
        if classicResult != utf8Result {
            warn("msg=\"Matchers input has disagreement\" input=\(GoQuote.quote(input)) origin=\(origin)")
            return classicResult
        }
        return utf8Result
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
