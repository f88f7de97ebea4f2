import Foundation
@testable import TimeIntervals
import XCTest

/// Each field on its own, evaluated in UTC (no location), as Alertmanager's ContainsTime.
final class FieldMatchingTests: XCTestCase {
    func test_times_insideRange_matches() throws {
        let office = try entry(times: [("09:00", "17:00")])
        XCTAssertTrue(office.contains(utc(2024, 5, 6, 12, 30)))
        XCTAssertFalse(office.contains(utc(2024, 5, 6, 8, 59)))
    }

    func test_times_startMinute_isInclusiveAndEndMinuteExclusive() throws {
        let office = try entry(times: [("09:00", "17:00")])
        XCTAssertTrue(office.contains(utc(2024, 5, 6, 9, 0)))
        XCTAssertTrue(office.contains(utc(2024, 5, 6, 16, 59)))
        XCTAssertFalse(office.contains(utc(2024, 5, 6, 17, 0)))
    }

    func test_times_endAt2400_includesLastMinuteButNotMidnight() throws {
        let evening = try entry(times: [("17:00", "24:00")])
        XCTAssertTrue(evening.contains(utc(2024, 5, 6, 23, 59)))
        XCTAssertFalse(evening.contains(utc(2024, 5, 7, 0, 0)))
    }

    func test_times_secondsWithinMinute_useTheMinute() throws {
        let slot = try entry(times: [("10:00", "10:01")])
        XCTAssertTrue(slot.contains(utc(2024, 5, 6, 10, 0).addingTimeInterval(59.9)))
        XCTAssertFalse(slot.contains(utc(2024, 5, 6, 10, 0).addingTimeInterval(60)))
    }

    func test_times_severalRanges_anyMatches() throws {
        let split = try entry(times: [("00:00", "06:00"), ("22:00", "24:00")])
        XCTAssertTrue(split.contains(utc(2024, 5, 6, 3, 0)))
        XCTAssertTrue(split.contains(utc(2024, 5, 6, 23, 0)))
        XCTAssertFalse(split.contains(utc(2024, 5, 6, 12, 0)))
    }

    func test_weekdays_mondayToFriday_excludesWeekend() throws {
        let workdays = try entry(weekdays: ["monday:friday"])
        XCTAssertTrue(workdays.contains(utc(2024, 5, 6)))   // Monday
        XCTAssertTrue(workdays.contains(utc(2024, 5, 10)))  // Friday
        XCTAssertFalse(workdays.contains(utc(2024, 5, 11))) // Saturday
        XCTAssertFalse(workdays.contains(utc(2024, 5, 12))) // Sunday
    }

    func test_weekdays_mixedCase_isLowerCased() throws {
        let workdays = try entry(weekdays: ["Monday:FRIDAY"])
        XCTAssertTrue(workdays.contains(utc(2024, 5, 8)))
        XCTAssertFalse(workdays.contains(utc(2024, 5, 12)))
    }

    func test_weekdays_sundayAndSaturdayAsSeparateItems_matchWeekend() throws {
        let weekend = try entry(weekdays: ["sunday", "saturday"])
        XCTAssertTrue(weekend.contains(utc(2024, 5, 11)))
        XCTAssertTrue(weekend.contains(utc(2024, 5, 12)))
        XCTAssertFalse(weekend.contains(utc(2024, 5, 13)))
    }

    func test_daysOfMonth_positiveRange_matchesInclusive() throws {
        let firstWeek = try entry(days: ["1:7"])
        XCTAssertTrue(firstWeek.contains(utc(2024, 5, 1)))
        XCTAssertTrue(firstWeek.contains(utc(2024, 5, 7)))
        XCTAssertFalse(firstWeek.contains(utc(2024, 5, 8)))
    }

    func test_months_byNameRange_matchesQuarter() throws {
        let q1 = try entry(months: ["january:march"])
        XCTAssertTrue(q1.contains(utc(2024, 1, 1)))
        XCTAssertTrue(q1.contains(utc(2024, 3, 31)))
        XCTAssertFalse(q1.contains(utc(2024, 4, 1)))
    }

    func test_months_byNumberAndMixed_match() throws {
        let mixed = try entry(months: ["12", "June:7"])
        XCTAssertTrue(mixed.contains(utc(2024, 12, 24)))
        XCTAssertTrue(mixed.contains(utc(2024, 6, 1)))
        XCTAssertTrue(mixed.contains(utc(2024, 7, 31)))
        XCTAssertFalse(mixed.contains(utc(2024, 8, 1)))
    }

    func test_years_range_matchesInclusive() throws {
        let years = try entry(years: ["2022:2025"])
        XCTAssertTrue(years.contains(utc(2022, 1, 1, 0, 0)))
        XCTAssertTrue(years.contains(utc(2025, 12, 31, 23, 59)))
        XCTAssertFalse(years.contains(utc(2026, 1, 1, 0, 0)))
        XCTAssertFalse(years.contains(utc(2021, 12, 31, 23, 59)))
    }

    func test_allFields_mustAllMatch() throws {
        let narrow = try entry(times: [("09:00", "17:00")], weekdays: ["monday:friday"],
                               days: ["1:10"], months: ["may"], years: ["2024"])
        XCTAssertTrue(narrow.contains(utc(2024, 5, 6, 10, 0)))
        XCTAssertFalse(narrow.contains(utc(2024, 5, 6, 18, 0)))  // time
        XCTAssertFalse(narrow.contains(utc(2024, 5, 4, 10, 0)))  // Saturday
        XCTAssertFalse(narrow.contains(utc(2024, 5, 13, 10, 0))) // day 13
        XCTAssertFalse(narrow.contains(utc(2024, 6, 3, 10, 0)))  // June
        XCTAssertFalse(narrow.contains(utc(2025, 5, 6, 10, 0)))  // year
    }

    func test_emptyEntry_matchesAlways() throws {
        let always = try entry()
        XCTAssertTrue(always.contains(utc(1999, 12, 31, 23, 59)))
        XCTAssertTrue(always.contains(utc(2024, 2, 29, 0, 0)))
    }

    func test_explicitEmptyField_neverMatches() throws {
        // Alertmanager keeps `weekdays: []` as a present, empty list that no day satisfies.
        let none = try TimeIntervalEntry.parse(times: nil, weekdays: [], daysOfMonth: nil,
                                               months: nil, years: nil, location: nil)
        XCTAssertFalse(none.contains(utc(2024, 5, 6)))
    }

    func test_instantBefore1970_usesProlepticCalendar() throws {
        let entry = try entry(weekdays: ["wednesday"], days: ["-1"], months: ["december"], years: ["1969"])
        XCTAssertTrue(entry.contains(utc(1969, 12, 31, 23, 59)))
        XCTAssertFalse(entry.contains(utc(1970, 1, 1, 0, 0)))
    }
}

final class ConstructionTests: XCTestCase {
    func test_agreedInit_withEmptyLiterals_isUnambiguousAndMatchesAlways() throws {
        let always = try TimeIntervalEntry(times: [], weekdays: [], daysOfMonth: [], months: [], years: [], location: nil)
        XCTAssertTrue(always.contains(utc(2024, 5, 6)))
    }

    func test_validatedRanges_behaveLikeParsedStrings() throws {
        let built = TimeIntervalEntry(timeRanges: [TimeOfDayRange(startMinute: 540, endMinute: 1020)],
                                      weekdayRanges: [InclusiveRange(begin: 1, end: 5)], dayOfMonthRanges: nil,
                                      monthRanges: nil, yearRanges: nil, location: nil)
        XCTAssertEqual(built, try entry(times: [("09:00", "17:00")], weekdays: ["monday:friday"]))
    }
}
