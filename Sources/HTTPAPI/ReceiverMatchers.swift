import APIModel
import AlertCore
import Hummingbird

/// 0.33's `receiver_matchers` query parameter (repeatable): matchers on receiver labels, for
/// `GET /api/v2/receivers` and `/alerts/groups`. A receiver passes when its labels pass every
/// matcher as an alert's labels pass `filter` (`matchFilterLabels`); with matchers, a receiver
/// without labels passes only matchers an absent label satisfies.
struct ReceiverMatchers: Sendable {
    /// The matchers, in the alert filter's type, whose `matchesFilter` is the one home of
    /// `matchFilterLabels`.
    var filter: AlertQuery

    var isEmpty: Bool { filter.matchers.isEmpty }

    /// The parameters of `request`, or the 400 answer with 0.34's text.
    static func parse(_ request: Request, parser: MatcherParser) -> Result<ReceiverMatchers, RefusedQuery> {
        // An empty query parses to the filter that admits everything.
        guard case .success(let none) = AlertQuery.parse(QueryString(nil), parser: parser) else {
            preconditionFailure("an empty query is valid")
        }
        var out = ReceiverMatchers(filter: none)
        for text in QueryString(request.uri.query).all("receiver_matchers") {
            do { out.filter.matchers.append(try parser.parseMatcher(text, origin: "api")) } catch {
                return .failure(RefusedQuery(response: Responses.jsonString(
                    "failed to parse receiver_matchers param: \(error.message)", status: .badRequest)))
            }
        }
        return .success(out)
    }

    func admits(_ labels: [String: String]) -> Bool {
        isEmpty || filter.matchesFilter(LabelSet(labels)) == true
    }
}
