import Foundation
import TimeIntervals
import XCTest

/// Builds one interval entry from YAML-like strings; empty lists mean "field absent".
func entry(times: [(String, String)] = [], weekdays: [String] = [], days: [String] = [],
           months: [String] = [], years: [String] = [], location: String? = nil) throws -> TimeIntervalEntry {
    try TimeIntervalEntry(times: times.map { (start: $0.0, end: $0.1) }, weekdays: weekdays,
                          daysOfMonth: days, months: months, years: years, location: location)
}

/// An instant given by its UTC wall-clock fields.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 12, _ minute: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .current
    let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
    guard let date = calendar.date(from: components) else {
        XCTFail("invalid test date \(year)-\(month)-\(day)")
        return Date(timeIntervalSince1970: 0)
    }
    return date
}

/// Asserts that parsing fails with exactly Alertmanager's message.
func assertParseError(_ expected: String, file: StaticString = #filePath, line: UInt = #line,
                      _ build: () throws -> TimeIntervalEntry) {
    XCTAssertThrowsError(try build(), file: file, line: line) { error in
        XCTAssertEqual((error as? TimeIntervalError)?.message, expected, file: file, line: line)
    }
}
