import APIModel
import AlertCore
import Hummingbird

/// 0.33's `receiver_matchers` query parameter (repeatable): matchers on receiver labels, for
/// `GET /api/v2/receivers`, `/alerts/groups` and `/alerts`. A receiver passes when its labels pass every
/// matcher as an alert's labels pass `filter` (`matchFilterLabels`); with matchers, a receiver
/// without labels passes only matchers an absent label satisfies.
struct ReceiverMatchers: Sendable {
    /// The matchers, in the alert filter's type, whose `matchesFilter` is the one home of
    /// `matchFilterLabels`.
    var filter: AlertQuery

    var isEmpty: Bool { filter.matchers.isEmpty }

    /// No matcher: admits every receiver.
    static let none: ReceiverMatchers = {
        // An empty query parses to the filter that admits everything.
        guard case .success(let all) = AlertQuery.parse(QueryString(nil), parser: MatcherParser()) else {
            preconditionFailure("an empty query is valid")
        }
        return ReceiverMatchers(filter: all)
    }()

    /// The parameters of `request`, or the 400 answer with 0.34's text.
    static func parse(_ request: Request, parser: MatcherParser) -> Result<ReceiverMatchers, RefusedQuery> {
        var out = ReceiverMatchers.none
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

    /// `GET /api/v2/alerts` (0.34 `receiversMatchLabels`): an alert passes when one of the
    /// receivers it routes to has labels passing every matcher.
    func admitsAny(_ receivers: [String], labels: [String: [String: String]]) -> Bool {
        isEmpty || receivers.contains { admits(labels[$0] ?? [:]) }
    }
}
