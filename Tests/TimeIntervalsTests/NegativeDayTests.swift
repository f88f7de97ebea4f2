import Foundation
import TimeIntervals
import XCTest

/// Negative days_of_month resolve against the month's length; skipped and clamped ranges.
final class NegativeDayTests: XCTestCase {
    func test_minusOne_in31DayMonth_isThe31st() throws {
        let last = try entry(days: ["-1"])
        XCTAssertTrue(last.contains(utc(2024, 1, 31)))
        XCTAssertFalse(last.contains(utc(2024, 1, 30)))
    }

    func test_minusOne_inLeapFebruary_isThe29th() throws {
        let last = try entry(days: ["-1"])
        XCTAssertTrue(last.contains(utc(2024, 2, 29)))
        XCTAssertFalse(last.contains(utc(2024, 2, 28)))
    }

    func test_minusOne_inNonLeapFebruary_isThe28th() throws {
        let last = try entry(days: ["-1"])
        XCTAssertTrue(last.contains(utc(2023, 2, 28)))
        XCTAssertFalse(last.contains(utc(2023, 2, 27)))
    }

    func test_minusOne_inCenturyFebruary_followsGregorianRules() throws {
        let last = try entry(days: ["-1"])
        XCTAssertTrue(last.contains(utc(2100, 2, 28)))  // 2100 is not a leap year
        XCTAssertTrue(last.contains(utc(2000, 2, 29)))  // 2000 is
    }

    func test_lastThreeDays_in30DayMonth() throws {
        let lastThree = try entry(days: ["-3:-1"])
        XCTAssertFalse(lastThree.contains(utc(2024, 4, 27)))
        XCTAssertTrue(lastThree.contains(utc(2024, 4, 28)))
        XCTAssertTrue(lastThree.contains(utc(2024, 4, 30)))
    }

    func test_positiveStartNegativeEnd_coversMiddleOfMonth() throws {
        let middle = try entry(days: ["15:-3"])
        XCTAssertFalse(middle.contains(utc(2023, 2, 14)))
        XCTAssertTrue(middle.contains(utc(2023, 2, 26)))
        XCTAssertFalse(middle.contains(utc(2023, 2, 27)))
    }

    func test_beginPastMonthEnd_rangeSkipped() throws {
        let late = try entry(days: ["30:31"])
        XCTAssertFalse(late.contains(utc(2024, 2, 29)))
        XCTAssertTrue(late.contains(utc(2024, 3, 30)))
    }

    func test_endPastMonthEnd_clampedToLastDay() throws {
        let tail = try entry(days: ["25:31"])
        XCTAssertTrue(tail.contains(utc(2023, 2, 28)))
        XCTAssertTrue(tail.contains(utc(2024, 4, 30)))
        XCTAssertFalse(tail.contains(utc(2024, 5, 1)))
    }

    func test_minus31_inShortMonth_clampedToFirstDay() throws {
        let wholeMonth = try entry(days: ["-31:-1"])
        XCTAssertTrue(wholeMonth.contains(utc(2023, 2, 1)))
        XCTAssertTrue(wholeMonth.contains(utc(2023, 2, 28)))
    }
}
