import AlertCore
import Foundation
@testable import HTTPAPI
import Silences
import XCTest

/// `GET /api/v2/silences?filter=` on a silence with several matcher sets (0.33, from a newer
/// peer): it is listed when one of its sets holds every filter, as 0.33's
/// `CheckSilenceMatchesFilterLabels` decides.
final class SilenceMatcherSetFilterTests: XCTestCase {
    func test_filter_silenceWithTwoSets_selectedByEitherSetNotByAMix() throws {
        let a = try Matcher(.equal, "alertname", "Disk"), b = try Matcher(.regexp, "job", "db.*")
        let c = try Matcher(.equal, "team", "ops")
        var two = Silence(id: "two", matchers: [a], startsAt: Date(timeIntervalSince1970: 0),
                          endsAt: Date(timeIntervalSince1970: 100), createdBy: "x", comment: "y")
        two.matcherSets = [[a], [b, c]]
        let one = Silence(id: "one", matchers: [a, c], startsAt: Date(timeIntervalSince1970: 0),
                          endsAt: Date(timeIntervalSince1970: 100), createdBy: "x", comment: "y")
        let all = [two, one]
        let now = Date(timeIntervalSince1970: 50)
        XCTAssertEqual(SilencesAPI.selectedIndices(all, [a], now: now), [0, 1])
        XCTAssertEqual(SilencesAPI.selectedIndices(all, [b, c], now: now), [0])
        XCTAssertEqual(SilencesAPI.selectedIndices(all, [a, c], now: now), [1], "a and c are in different sets of 'two'")
    }
}
