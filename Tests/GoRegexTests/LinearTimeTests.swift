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

/// A big program over a long text costs length × size even in linear time; the API stops such
/// a match when its request is stopped (issue #19, finding 9).
final class InterruptTests: XCTestCase {
    func test_interrupt_bigProgramOverLongText_stopsAtFirstYesWithNil() throws {
        let re = try RE2.anchored("(.*){1000}x")
        XCTAssertGreaterThan(re.programSize, 3000)
        let text = Array(String(repeating: "a", count: 100_000).utf8)
        var asked = 0
        let result = text.withUnsafeBufferPointer { buf in
            re.matches(utf8: buf, interrupt: {
                asked += 1
                return asked == 3
            })
        }
        XCTAssertNil(result)
        XCTAssertEqual(asked, 3)
    }

    func test_interrupt_neverSaysStop_sameAnswerAsMatches() throws {
        let re = try RE2.anchored("(a|b)*c")
        for s in [String(repeating: "ab", count: 20_000) + "c", String(repeating: "ab", count: 20_000)] {
            let bytes = Array(s.utf8)
            let got = bytes.withUnsafeBufferPointer { re.matches(utf8: $0, interrupt: { false }) }
            XCTAssertEqual(got, re.matches(s))
        }
    }
}
