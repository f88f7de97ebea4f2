import AlertCore

/// The query parsing of the alert listings as one call, for the `apiQuery` fuzz target:
/// `url.ParseQuery`-style decoding, then `filter=` matchers (fallback mode), `receiver`
/// regex and the state switches, with the regex limit. Returns the 400 text, nil when valid.
public enum QueryFuzzing {
    public static func parseAlertQuery(_ rawQuery: String) -> String? {
        let q = QueryString(rawQuery)
        switch AlertQuery.parse(q, parser: MatcherParser(), maxRegexProgramSize: APIConfiguration.defaultMaxRegexProgramSize) {
        case .success(let query):
            for m in query.matchers { _ = m.matches(utf8: UnsafeBufferPointer(start: nil, count: 0), interrupt: { false }) }
            return nil
        case .failure(let e):
            return e.text
        }
    }
}
