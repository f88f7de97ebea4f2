/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's `days_from_civil` and
/// `civil_from_days`), the calendar Go's `time` package uses for every year. The one home of
/// date arithmetic: Go time formatting, RFC 3339 parsing and the API's date-times use it.
package struct CivilDate: Sendable, Hashable {
    package var year: Int
    /// 1...12.
    package var month: Int
    /// 1...31.
    package var day: Int
}

// In an extension so that the memberwise `init(year:month:day:)` is still synthesised
// (everything that builds a date from its fields is in this module).
extension CivilDate {
    /// The date `days` after 1970-01-01 (negative: before). Total for every `Int` day count
    /// that `Int64` seconds can reach (about ±1.1e14 days; the arithmetic stays below 1e15).
    package init(daysSinceEpoch z0: Int) {
        // Day counts far beyond any Int64 second are clamped so the arithmetic cannot overflow.
        let z = min(max(z0, -(1 << 52)), 1 << 52) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days from 1970-01-01 to this date (month and day as given, not validated).
    package var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    package static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    package static func daysIn(month: Int, year: Int) -> Int {
        if month == 2 { return isLeap(year) ? 29 : 28 }
        return [4, 6, 9, 11].contains(month) ? 30 : 31
    }

    /// Unix seconds of a civil UTC date-time (fields as given, not validated).
    package static func unixSeconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64 {
        let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
        return Int64(days) * 86400 + Int64(hour * 3600 + minute * 60 + second)
    }
}
