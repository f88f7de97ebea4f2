import Foundation
import GoCompat

extension TimeInterval {
    /// Whether `date` lies in this entry, as Alertmanager's `TimeInterval.ContainsTime`:
    /// the instant is converted to `location` (UTC when unset), then every present field must
    /// match, any one range of a field sufficing. Times compare `start <= minute < end`;
    /// weekdays (0 = Sunday), months and years compare inclusively.
    ///
    /// days_of_month: negative values count back from the month's length (`-1` is the last
    /// day); a range whose begin lies past the month's end is skipped; both ends are clamped to
    /// the month. The month's length is the calendar day count. Alertmanager 0.25 instead
    /// divided the hours from the 1st to the next 1st by 24, truncating, which makes a month
    /// with a spring-forward DST change in `location` one day short (March 2024 in
    /// America/New_York counts 30 days, so `-1` meant the 30th); Alertmanager fixed this later
    /// (#5447) and Tocsin follows the fix.
    package func contains(_ date: Date) -> Bool {
        let zone = location?.timeZone ?? IntervalLocation.utc
        let civil = CivilTime(date, in: zone)
        if let times, !times.contains(where: { $0.startMinute <= civil.minuteOfDay && civil.minuteOfDay < $0.endMinute }) {
            return false
        }
        if let daysOfMonth, !daysOfMonth.contains(where: { Self.dayRange($0, contains: civil) }) {
            return false
        }
        if let months, !months.contains(where: { $0.begin <= civil.month && civil.month <= $0.end }) {
            return false
        }
        if let weekdays, !weekdays.contains(where: { $0.begin <= civil.weekday && civil.weekday <= $0.end }) {
            return false
        }
        if let years, !years.contains(where: { $0.begin <= civil.year && civil.year <= $0.end }) {
            return false
        }
        return true
    }

    /// One days_of_month range against a civil date, with Alertmanager's resolve/skip/clamp steps.
    private static func dayRange(_ range: InclusiveRange, contains civil: CivilTime) -> Bool {
        let length = civil.daysInMonth
        let begin = range.begin < 0 ? length + range.begin + 1 : range.begin
        let end = range.end < 0 ? length + range.end + 1 : range.end
        if begin > length {
            return false
        }
        let clampedBegin = min(max(begin, -length), length)
        let clampedEnd = min(max(end, -length), length)
        return clampedBegin <= civil.day && civil.day <= clampedEnd
    }
}

/// Wall-clock fields of an instant in a time zone, in the proleptic Gregorian calendar as
/// Go's `time` package uses (Foundation's calendar switches to Julian before 1582): the date's
/// arithmetic is GoCompat's `CivilDate`, the one home of it.
struct CivilTime: Equatable {
    let date: CivilDate
    /// 0 = Sunday ... 6 = Saturday.
    let weekday: Int
    let minuteOfDay: Int

    init(_ instant: Date, in zone: TimeZone) {
        let utcSeconds = instant.timeIntervalSince1970.rounded(.down)
        let clamped = Swift.max(Swift.min(utcSeconds, 9.0e15), -9.0e15)
        let local = Int(clamped) + zone.secondsFromGMT(for: instant)
        let days = Self.floorDiv(local, 86_400)
        minuteOfDay = (local - days * 86_400) / 60
        weekday = ((days % 7) + 7 + 4) % 7 // 1970-01-01 was a Thursday.
        date = CivilDate(daysSinceEpoch: days)
    }

    var year: Int { date.year }
    var month: Int { date.month }
    var day: Int { date.day }
    /// Days in this month by the calendar (28...31), independent of DST.
    var daysInMonth: Int { CivilDate.daysIn(month: date.month, year: date.year) }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
