import AlertCore
import Foundation
import GoRegex

/// The parameters of `GET /api/v2/alerts` and `/alerts/groups`, parsed and validated.
package struct AlertQuery: Sendable {
    /// `--web.max-regex-program-size`'s default: RE2 instructions a filter's regex may compile to.
    package static let defaultMaxRegexProgramSize = 10_000

    package var matchers: [Matcher] = []
    package var receiver: RE2?
    package var active = true
    package var silenced = true
    package var inhibited = true

    /// Parses the query; the error is the JSON-string body of a 400, worded as Alertmanager's.
    /// `unprocessed` is accepted and ignored, as in every Alertmanager version.
    package static func parse(_ q: QueryString, parser: MatcherParser,
                             maxRegexProgramSize: Int = defaultMaxRegexProgramSize) -> Result<AlertQuery, AlertQueryError> {
        var out = AlertQuery()
        for f in q.all("filter") {
            do {
                let m = try parser.parseMatcher(f, origin: "api")
                if let tooLarge = m.regexTooLarge(maxRegexProgramSize) {
                    return .failure(AlertQueryError(text: tooLarge, regexTooLarge: true))
                }
                out.matchers.append(m)
            } catch {
                return .failure(AlertQueryError(text: error.message))
            }
        }
        if let r = q.last("receiver"), !r.isEmpty {
            do { out.receiver = try RE2.anchored(r) } catch {
                return .failure(AlertQueryError(text: "failed to parse receiver param: \(error.message)"))
            }
        }
        out.active = q.bool("active")
        out.silenced = q.bool("silenced")
        out.inhibited = q.bool("inhibited")
        return .success(out)
    }

    /// Whether the (re-evaluated) status passes the `active`/`silenced`/`inhibited` switches.
    package func admits(_ status: AlertStatus) -> Bool {
        if !active, status.state == .active { return false }
        if !silenced, !status.silencedBy.isEmpty { return false }
        if !inhibited, !status.inhibitedBy.isEmpty { return false }
        return true
    }

    /// Alertmanager's `matchFilterLabels`: an empty-valued `=`/`=~` passes when the label is
    /// absent, an empty-valued `!=`/`!~` passes when it is present; otherwise the matcher
    /// is applied to the value ("" when absent). Nil when `interrupt` stopped a long regex
    /// match (the request was cancelled).
    package func matchesFilter(_ labels: LabelSet, interrupt: () -> Bool = { false }) -> Bool? {
        for m in matchers {
            let verdict: Bool? = labels.withValueUTF8(m.name) { v in
                if m.value.isEmpty {
                    if m.isNegative, v != nil { return true }
                    if !m.isNegative, v == nil { return true }
                }
                return m.matches(utf8: v ?? UnsafeBufferPointer(start: nil, count: 0), interrupt: interrupt)
            }
            guard let verdict else { return nil }
            if !verdict { return false }
        }
        return true
    }

    /// The `name="value"` pairs every listed alert must carry: the equality matchers with a
    /// non-empty value (an empty one also admits alerts without the label, so it cannot be
    /// looked up). The label index serves these; the other matchers filter what it returns.
    package var indexedPairs: [(name: String, value: String)] {
        matchers.compactMap { $0.type == .equal && !$0.value.isEmpty ? (name: $0.name, value: $0.value) : nil }
    }

    package func receiverMatches(_ receivers: [String]) -> Bool {
        guard let re = receiver else { return true }
        return receivers.contains { re.matches($0) }
    }
}

extension Matcher {
    /// Go's "expression too large" text (for the anchored form, as a filter's regex error is
    /// reported) when the regex compiles to more than `limit` instructions; nil otherwise.
    package func regexTooLarge(_ limit: Int, anchored: Bool = true) -> String? {
        guard regexProgramSize > limit else { return nil }
        return RE2Error.tooLarge(anchored ? "^(?:" + value + ")$" : value).message
    }
}

/// A refused query: the JSON-string body of the 400, and whether it is the regex size limit
/// (counted as a rejection).
package struct AlertQueryError: Error, Sendable {
    package var text: String
    package var regexTooLarge = false
}
