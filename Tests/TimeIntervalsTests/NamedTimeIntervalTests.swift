import Foundation
import TimeIntervals
import XCTest

final class NamedTimeIntervalTests: XCTestCase {
    func test_namedInterval_anyEntryMatching_contains() throws {
        let offhours = NamedTimeInterval(name: "offhours", intervals: [
            try entry(weekdays: ["sunday", "saturday"]),
            try entry(times: [("00:00", "08:00")]),
        ])
        XCTAssertEqual(offhours.name, "offhours")
        XCTAssertTrue(offhours.contains(utc(2024, 5, 11, 12, 0)))  // Saturday noon
        XCTAssertTrue(offhours.contains(utc(2024, 5, 6, 7, 0)))    // Monday early
        XCTAssertFalse(offhours.contains(utc(2024, 5, 6, 12, 0)))  // Monday noon
    }

    func test_namedInterval_noEntries_neverContains() {
        let empty = NamedTimeInterval(name: "never", intervals: [])
        XCTAssertFalse(empty.contains(utc(2024, 5, 6)))
    }
}
