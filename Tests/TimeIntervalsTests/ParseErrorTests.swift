import Foundation
import TimeIntervals
import XCTest

/// Every rejection with Alertmanager 0.25's exact text (timeinterval.go).
final class ParseErrorTests: XCTestCase {
    func test_times_minutesOutOfPattern_invalidFormat() {
        assertParseError("couldn't parse timestamp 01:99, invalid format") { try entry(times: [("01:99", "02:00")]) }
    }

    func test_times_hoursOutOfPattern_invalidFormat() {
        assertParseError("couldn't parse timestamp 99:99, invalid format") { try entry(times: [("00:00", "99:99")]) }
    }

    func test_times_singleDigitHour_invalidFormat() {
        assertParseError("couldn't parse timestamp 9:00, invalid format") { try entry(times: [("9:00", "10:00")]) }
    }

    func test_times_pastMidnight_invalidFormat() {
        assertParseError("couldn't parse timestamp 24:01, invalid format") { try entry(times: [("23:00", "24:01")]) }
    }

    func test_times_withSeconds_invalidFormat() {
        assertParseError("couldn't parse timestamp 10:00:00, invalid format") { try entry(times: [("10:00:00", "11:00")]) }
    }

    func test_times_startEqualsEnd_rejected() {
        assertParseError("start time cannot be equal or greater than end time") { try entry(times: [("10:00", "10:00")]) }
    }

    func test_times_startAfterEnd_rejected() {
        assertParseError("start time cannot be equal or greater than end time") { try entry(times: [("22:00", "06:00")]) }
    }

    func test_times_missingEnd_bothRequired() {
        assertParseError("both start and end times must be provided") { try entry(times: [("10:00", "")]) }
    }

    func test_times_missingStart_bothRequired() {
        assertParseError("both start and end times must be provided") { try entry(times: [("", "10:00")]) }
    }

    func test_weekdays_wrapAround_rejected() {
        assertParseError("start day cannot be before end day") { try entry(weekdays: ["saturday:sunday"]) }
    }

    func test_weekdays_unknownName_lowerCasedInMessage() {
        assertParseError("blurgsday is not a valid weekday") { try entry(weekdays: ["Blurgsday"]) }
    }

    func test_weekdays_numbers_rejected() {
        assertParseError("1 is not a valid weekday") { try entry(weekdays: ["1"]) }
        assertParseError("-2 is not a valid weekday") { try entry(weekdays: ["-2"]) }
    }

    func test_weekdays_abbreviation_rejected() {
        assertParseError("mon is not a valid weekday") { try entry(weekdays: ["mon:friday"]) }
    }

    func test_daysOfMonth_zero_outOfRange() {
        assertParseError("0 is not a valid day of the month: out of range") { try entry(days: ["0"]) }
    }

    func test_daysOfMonth_belowMinus31_outOfRange() {
        assertParseError("-50 is not a valid day of the month: out of range") { try entry(days: ["-50:-1"]) }
    }

    func test_daysOfMonth_above31_outOfRange() {
        assertParseError("50 is not a valid day of the month: out of range") { try entry(days: ["1:50"]) }
    }

    func test_daysOfMonth_negativeStartPositiveEnd_rejected() {
        assertParseError("end day must be negative if start day is negative") { try entry(days: ["-1:5"]) }
    }

    func test_daysOfMonth_alwaysEmptyIn28DayMonth_rejected() {
        assertParseError("end day -25 is always before start day 10") { try entry(days: ["10:-25"]) }
        assertParseError("end day -5 is always before start day -1") { try entry(days: ["-1:-5"]) }
        assertParseError("end day 5 is always before start day 10") { try entry(days: ["10:5"]) }
    }

    func test_daysOfMonth_positiveStartNegativeEndFitting28Days_accepted() throws {
        XCTAssertNoThrow(try entry(days: ["1:-1", "15:-3", "-7:-1"]))
    }

    func test_daysOfMonth_notANumber_goAtoiSyntaxError() {
        assertParseError("strconv.Atoi: parsing \"first\": invalid syntax") { try entry(days: ["First"]) }
        assertParseError("strconv.Atoi: parsing \"\": invalid syntax") { try entry(days: ["1:"]) }
    }

    func test_daysOfMonth_hugeNumber_goAtoiRangeError() {
        assertParseError("strconv.Atoi: parsing \"99999999999999999999\": value out of range") {
            try entry(days: ["99999999999999999999"])
        }
    }

    func test_range_twoColons_invalidFormat() {
        assertParseError("couldn't parse range 1:2:3, invalid format") { try entry(days: ["1:2:3"]) }
        assertParseError("couldn't parse range monday:tuesday:friday, invalid format") {
            try entry(weekdays: ["Monday:Tuesday:Friday"])
        }
    }

    func test_months_unknownName_rejected() {
        assertParseError("martius is not a valid month") { try entry(months: ["martius"]) }
        assertParseError("junius is not a valid month") { try entry(months: ["may:junius"]) }
    }

    func test_months_backwards_namesInMessage() {
        assertParseError("end month january is before start month december") { try entry(months: ["december:january"]) }
    }

    func test_months_backwardsOutOfRangeNumber_printsEmptyName() {
        assertParseError("end month january is before start month ") { try entry(months: ["13:1"]) }
    }

    func test_months_numberOutsideYear_acceptedLikeAlertmanager() throws {
        let odd = try entry(months: ["13"])
        XCTAssertFalse(odd.contains(utc(2024, 12, 1)))
    }

    func test_years_backwards_rejected() {
        assertParseError("end year 2020 is before start year 2022") { try entry(years: ["2022:2020"]) }
    }

    func test_years_notANumber_goAtoiSyntaxError() {
        assertParseError("strconv.Atoi: parsing \"next\": invalid syntax") { try entry(years: ["2024:next"]) }
    }

    func test_fields_validatedInAlertmanagerOrder_timesFirst() {
        assertParseError("couldn't parse timestamp 7:00, invalid format") {
            try entry(times: [("7:00", "08:00")], weekdays: ["funday"], years: ["x"])
        }
        assertParseError("funday is not a valid weekday") { try entry(weekdays: ["funday"], days: ["0"]) }
    }

    func test_location_unknownName_goLoadLocationError() {
        assertParseError("unknown time zone Mars/Olympus_Mons") { try entry(location: "Mars/Olympus_Mons") }
    }

    func test_location_nameCaseMatters_likeTzdataFiles() {
        assertParseError("unknown time zone europe/berlin") { try entry(location: "europe/berlin") }
    }

    func test_location_abbreviationsFoundationKnows_rejectedAsGoDoes() {
        assertParseError("unknown time zone PST") { try entry(location: "PST") }
        assertParseError("unknown time zone GMT+1") { try entry(location: "GMT+1") }
    }

    func test_location_pathTraversal_invalidLocationName() {
        assertParseError("time: invalid location name") { try entry(location: "../../etc/passwd") }
        assertParseError("time: invalid location name") { try entry(location: "/etc/localtime") }
    }
}
