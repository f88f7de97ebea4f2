import AlertCore
import Foundation
import GoRegex

/// The parameters of `GET /api/v2/alerts` and `/alerts/groups`, parsed and validated.
struct AlertQuery: Sendable {
    var matchers: [Matcher] = []
    var receiver: RE2?
    var active = true
    var silenced = true
    var inhibited = true

    /// Parses the query; the error is the JSON-string body of a 400, worded as Alertmanager's.
    /// `unprocessed` is accepted and ignored, as in every Alertmanager version.
    static func parse(_ q: QueryString, parser: MatcherParser,
                      maxRegexProgramSize: Int = APIConfiguration.defaultMaxRegexProgramSize) -> Result<AlertQuery, APIErrorText> {
        var out = AlertQuery()
        for f in q.all("filter") {
            do {
                let m = try parser.parseMatcher(f, origin: "api")
                if let tooLarge = m.regexTooLarge(maxRegexProgramSize) {
                    return .failure(APIErrorText(tooLarge, rejection: .regexTooLarge))
                }
                out.matchers.append(m)
            } catch {
                return .failure(APIErrorText(error.message))
            }
        }
        if let r = q.last("receiver"), !r.isEmpty {
            do { out.receiver = try RE2.anchored(r) } catch {
                return .failure(APIErrorText("failed to parse receiver param: \(error.message)"))
            }
        }
        out.active = queryBool(q, "active")
        out.silenced = queryBool(q, "silenced")
        out.inhibited = queryBool(q, "inhibited")
        return .success(out)
    }

    /// Whether the (re-evaluated) status passes the `active`/`silenced`/`inhibited` switches.
    func admits(_ status: AlertStatus) -> Bool {
        if !active, status.state == .active { return false }
        if !silenced, !status.silencedBy.isEmpty { return false }
        if !inhibited, !status.inhibitedBy.isEmpty { return false }
        return true
    }

    /// Alertmanager's `matchFilterLabels`: an empty-valued `=`/`=~` passes when the label is
    /// absent, an empty-valued `!=`/`!~` passes when it is present; otherwise the matcher
    /// is applied to the value ("" when absent). Nil when `interrupt` stopped a long regex
    /// match (the request was cancelled).
    func matchesFilter(_ labels: LabelSet, interrupt: () -> Bool = { false }) -> Bool? {
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

    func receiverMatches(_ receivers: [String]) -> Bool {
        guard let re = receiver else { return true }
        return receivers.contains { re.matches($0) }
    }
}

extension Matcher {
    /// Go's "expression too large" text (for the anchored form, as a filter's regex error is
    /// reported) when the regex compiles to more than `limit` instructions; nil otherwise.
    func regexTooLarge(_ limit: Int, anchored: Bool = true) -> String? {
        guard regexProgramSize > limit else { return nil }
        return RE2Error.tooLarge(anchored ? "^(?:" + value + ")$" : value).message
    }
}

/// The text of a handler error, sent as a JSON string body.
struct APIErrorText: Error {
    var text: String
    /// The limit it is about, to count (nil: ordinary bad input).
    var rejection: APIRejection?
    init(_ text: String, rejection: APIRejection? = nil) {
        self.text = text
        self.rejection = rejection
    }
}
