import Foundation
import TimeIntervals
import XCTest

/// Conversion to `location` before matching (Alertmanager: `t.In(location)`).
final class LocationTests: XCTestCase {
    func test_location_officeHoursInBerlinSummer_matchLocalClock() throws {
        let berlin = try entry(times: [("09:00", "17:00")], location: "Europe/Berlin")
        XCTAssertTrue(berlin.contains(utc(2024, 7, 1, 7, 30)))   // 09:30 CEST
        XCTAssertFalse(berlin.contains(utc(2024, 7, 1, 15, 30))) // 17:30 CEST
        XCTAssertTrue(berlin.contains(utc(2024, 1, 15, 15, 30))) // 16:30 CET
    }

    func test_location_unset_evaluatesInUTC() throws {
        let plain = try entry(times: [("09:00", "17:00")])
        XCTAssertFalse(plain.contains(utc(2024, 7, 1, 7, 30)))
        XCTAssertNil(plain.location)
    }

    func test_location_shiftsWeekdayAndDate() throws {
        // Friday 2024-05-31 20:00 UTC is Saturday 2024-06-01 05:00 in Tokyo.
        let tokyo = try entry(weekdays: ["saturday"], days: ["1"], months: ["june"], location: "Asia/Tokyo")
        XCTAssertTrue(tokyo.contains(utc(2024, 5, 31, 20, 0)))
        let utcOnly = try entry(weekdays: ["saturday"], days: ["1"], months: ["june"])
        XCTAssertFalse(utcOnly.contains(utc(2024, 5, 31, 20, 0)))
    }

    func test_location_shiftsYear() throws {
        // 2024-12-31 22:00 UTC is already 2025 in Auckland (UTC+13 in summer).
        let auckland = try entry(years: ["2025"], location: "Pacific/Auckland")
        XCTAssertTrue(auckland.contains(utc(2024, 12, 31, 22, 0)))
        XCTAssertFalse(auckland.contains(utc(2024, 12, 31, 10, 0)))
    }

    func test_location_utcAndEmptyName_areUTC() throws {
        for name in ["UTC", ""] {
            let zone = try entry(times: [("00:00", "01:00")], location: name)
            XCTAssertTrue(zone.contains(utc(2024, 3, 31, 0, 30)))
            XCTAssertFalse(zone.contains(utc(2024, 3, 31, 1, 0)))
            XCTAssertEqual(zone.locationString, "UTC")
        }
    }

    func test_location_local_isAcceptedAsProcessZone() throws {
        let local = try entry(location: "Local")
        XCTAssertEqual(local.locationString, "Local")
        XCTAssertEqual(local.location?.timeZone, TimeZone.current)
    }

    func test_location_fixedOffsetEtcZone_signIsPosixInverted() throws {
        // Etc/GMT+5 is UTC-5 (POSIX sign convention), a tzdata file Go also loads.
        let zone = try entry(times: [("07:00", "08:00")], location: "Etc/GMT+5")
        XCTAssertTrue(zone.contains(utc(2024, 5, 6, 12, 30)))
    }
}
