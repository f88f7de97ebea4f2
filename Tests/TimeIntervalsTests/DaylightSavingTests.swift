import Foundation
import TimeIntervals
import XCTest

/// Ranges across DST changes and negative days of month in DST months.
/// 2024: America/New_York springs forward Mar 10 02:00 EST -> 03:00 EDT (07:00Z) and falls back
/// Nov 3 02:00 EDT -> 01:00 EST (06:00Z); Europe/Berlin springs forward Mar 31 02:00 CET ->
/// 03:00 CEST (01:00Z) and falls back Oct 27 03:00 CEST -> 02:00 CET (01:00Z).
final class DaylightSavingTests: XCTestCase {
    func test_newYork_springForward_0100to0300_coversOneRealHour() throws {
        let night = try entry(times: [("01:00", "03:00")], location: "America/New_York")
        XCTAssertFalse(night.contains(utc(2024, 3, 10, 5, 59))) // 00:59 EST
        XCTAssertTrue(night.contains(utc(2024, 3, 10, 6, 0)))   // 01:00 EST
        XCTAssertTrue(night.contains(utc(2024, 3, 10, 6, 59)))  // 01:59 EST
        XCTAssertFalse(night.contains(utc(2024, 3, 10, 7, 0)))  // 03:00 EDT: the 02:xx hour never happens
    }

    func test_newYork_fallBack_repeatedHourMatchesTwice() throws {
        let hour = try entry(times: [("01:00", "02:00")], location: "America/New_York")
        XCTAssertFalse(hour.contains(utc(2024, 11, 3, 4, 59))) // 00:59 EDT
        XCTAssertTrue(hour.contains(utc(2024, 11, 3, 5, 30)))  // 01:30 EDT
        XCTAssertTrue(hour.contains(utc(2024, 11, 3, 6, 30)))  // 01:30 EST, the same clock time again
        XCTAssertFalse(hour.contains(utc(2024, 11, 3, 7, 0)))  // 02:00 EST
    }

    func test_berlin_springForward_0100to0300_coversOneRealHour() throws {
        let night = try entry(times: [("01:00", "03:00")], location: "Europe/Berlin")
        XCTAssertTrue(night.contains(utc(2024, 3, 31, 0, 0)))   // 01:00 CET
        XCTAssertTrue(night.contains(utc(2024, 3, 31, 0, 59)))  // 01:59 CET
        XCTAssertFalse(night.contains(utc(2024, 3, 31, 1, 0)))  // 03:00 CEST
    }

    func test_berlin_fallBack_repeatedHourMatchesTwice() throws {
        let hour = try entry(times: [("02:00", "03:00")], location: "Europe/Berlin")
        XCTAssertFalse(hour.contains(utc(2024, 10, 26, 23, 59))) // 01:59 CEST
        XCTAssertTrue(hour.contains(utc(2024, 10, 27, 0, 30)))   // 02:30 CEST
        XCTAssertTrue(hour.contains(utc(2024, 10, 27, 1, 30)))   // 02:30 CET
        XCTAssertFalse(hour.contains(utc(2024, 10, 27, 2, 0)))   // 03:00 CET
    }

    func test_newYork_lastDayOfSpringForwardMonth_isMarch31() throws {
        // Alertmanager 0.25 counted 30 days here (743 h / 24) and muted on the 30th instead.
        let lastDay = try entry(days: ["-1"], location: "America/New_York")
        XCTAssertTrue(lastDay.contains(utc(2024, 3, 31, 16, 0)))  // Mar 31 12:00 EDT
        XCTAssertFalse(lastDay.contains(utc(2024, 3, 30, 16, 0))) // Mar 30 12:00 EDT
    }

    func test_berlin_lastDayOfSpringForwardMonth_isMarch31FromLocalMidnight() throws {
        let lastDay = try entry(days: ["-1"], location: "Europe/Berlin")
        XCTAssertTrue(lastDay.contains(utc(2024, 3, 30, 23, 0)))  // Mar 31 00:00 CET
        XCTAssertFalse(lastDay.contains(utc(2024, 3, 30, 22, 59))) // Mar 30 23:59 CET
        XCTAssertTrue(lastDay.contains(utc(2024, 3, 31, 21, 59))) // Mar 31 23:59 CEST
        XCTAssertFalse(lastDay.contains(utc(2024, 3, 31, 22, 0))) // Apr 1 00:00 CEST
    }

    func test_newYork_lastDay_usesLocalDateNotUTCDate() throws {
        // 2024-04-01 02:00 UTC is still March 31 (22:00 EDT) in New York.
        let lastDay = try entry(days: ["-1"], location: "America/New_York")
        XCTAssertTrue(lastDay.contains(utc(2024, 4, 1, 2, 0)))
        XCTAssertFalse(try entry(days: ["-1"]).contains(utc(2024, 4, 1, 2, 0)))
    }

    func test_newYork_fallBackMonth_lastDaysRange() throws {
        let lastTwo = try entry(days: ["-2:-1"], location: "America/New_York")
        XCTAssertTrue(lastTwo.contains(utc(2024, 11, 29, 17, 0)))  // Nov 29 12:00 EST
        XCTAssertFalse(lastTwo.contains(utc(2024, 11, 28, 17, 0))) // Nov 28
    }
}
