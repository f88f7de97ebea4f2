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
/// Go's `time` package uses (Foundation's calendar switches to Julian before 1582): GoCompat's
/// `GoTime.civil`, the one home of that arithmetic, at the zone's offset for the instant.
struct CivilTime: Equatable {
    let civil: GoTime.Civil

    init(_ instant: Date, in zone: TimeZone) {
        civil = GoTime(instant).inZone(offsetSeconds: zone.secondsFromGMT(for: instant), name: zone.identifier).civil
    }

    var year: Int { civil.year }
    var month: Int { civil.month }
    var day: Int { civil.day }
    /// 0 = Sunday ... 6 = Saturday.
    var weekday: Int { civil.weekday }
    var minuteOfDay: Int { civil.hour * 60 + civil.minute }
    /// Days in this month by the calendar (28...31), independent of DST.
    var daysInMonth: Int { CivilDate.daysIn(month: civil.month, year: civil.year) }
}
