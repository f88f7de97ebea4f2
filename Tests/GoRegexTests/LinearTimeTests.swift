import XCTest

@testable import GoRegex

/// Patterns that make backtracking engines explode must stay linear here.
final class LinearTimeTests: XCTestCase {
    func test_nestedStar_thirtyAs_failsWithin10ms() throws {
        let re = try RE2("(a*)*b")
        let input = String(repeating: "a", count: 30)
        _ = re.matches("warm-up")
        let start = ContinuousClock.now
        let result = re.matches(input)
        let elapsed = ContinuousClock.now - start
        XCTAssertFalse(result)
        XCTAssertLessThan(elapsed, .milliseconds(10))
    }

    func test_nestedPlus_5000Xs_failsWithoutBlowup() throws {
        let re = try RE2("(x+x+)+y")
        XCTAssertFalse(re.matches(String(repeating: "x", count: 5000)))
        XCTAssertNil(re.firstMatch(in: String(repeating: "x", count: 5000)))
        XCTAssertTrue(re.matches(String(repeating: "x", count: 50) + "y"))
    }
}
