import Foundation
import TimeIntervals
import XCTest

/// Re-marshalling to the canonical strings Alertmanager 0.25's MarshalYAML produces.
final class MarshalTests: XCTestCase {
    func test_weekdays_marshalAsLowerCaseNamesAndCollapseSingleDay() throws {
        let days = try entry(weekdays: ["Monday:FRIDAY", "sunday", "saturday:saturday"])
        XCTAssertEqual(days.weekdayStrings, ["monday:friday", "sunday", "saturday"])
    }

    func test_months_marshalAsNumbers() throws {
        let months = try entry(months: ["january:march", "December", "6:july"])
        XCTAssertEqual(months.monthStrings, ["1:3", "12", "6:7"])
    }

    func test_times_marshalAsZeroPaddedClock() throws {
        let times = try entry(times: [("09:05", "17:00"), ("22:30", "24:00")])
        let strings = times.timeStrings
        XCTAssertEqual(strings.map(\.start), ["09:05", "22:30"])
        XCTAssertEqual(strings.map(\.end), ["17:00", "24:00"])
    }

    func test_daysAndYears_marshalNumericRanges() throws {
        let interval = try entry(days: ["1:7", "-3:-1", "5:5", "+9"], years: ["2022:2025", "2030"])
        XCTAssertEqual(interval.daysOfMonthStrings, ["1:7", "-3:-1", "5", "9"])
        XCTAssertEqual(interval.yearStrings, ["2022:2025", "2030"])
    }

    func test_location_marshalsNameOrNil() throws {
        XCTAssertEqual(try entry(location: "Europe/Berlin").locationString, "Europe/Berlin")
        XCTAssertNil(try entry().locationString)
    }

    func test_yamlFields_inAlertmanagerOrder_omittingAbsentFields() throws {
        let interval = try entry(times: [("17:00", "24:00")], weekdays: ["monday:friday"],
                                 years: ["2024"], location: "UTC")
        XCTAssertEqual(interval.yamlFields.map(\.key), ["times", "weekdays", "years", "location"])
        XCTAssertEqual(interval.yamlFields[1].value, .list(["monday:friday"]))
        XCTAssertEqual(interval.yamlFields[0].value, .timeList([(start: "17:00", end: "24:00")]))
        XCTAssertEqual(interval.yamlFields[3].value, .scalar("UTC"))
        XCTAssertTrue(try entry().yamlFields.isEmpty)
    }

    func test_marshalledStrings_reparseToEqualInterval() throws {
        let original = try entry(times: [("08:00", "12:00")], weekdays: ["Tuesday:Thursday"],
                                 days: ["-7:-1"], months: ["march:May"], years: ["2024:2026"],
                                 location: "America/New_York")
        let reparsed = try entry(times: original.timeStrings.map { ($0.start, $0.end) },
                                 weekdays: original.weekdayStrings, days: original.daysOfMonthStrings,
                                 months: original.monthStrings, years: original.yearStrings,
                                 location: original.locationString)
        XCTAssertEqual(reparsed, original)
    }
}
