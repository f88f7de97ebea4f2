import Foundation

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

/// Wall-clock fields of an instant in a time zone, computed in the proleptic Gregorian
/// calendar as Go's `time` package does (Foundation's calendar switches to Julian before 1582).
struct CivilTime: Equatable {
    let year: Int
    let month: Int
    let day: Int
    /// 0 = Sunday ... 6 = Saturday.
    let weekday: Int
    let minuteOfDay: Int

    init(_ date: Date, in zone: TimeZone) {
        let utcSeconds = date.timeIntervalSince1970.rounded(.down)
        let clamped = Swift.max(Swift.min(utcSeconds, 9.0e15), -9.0e15)
        let local = Int(clamped) + zone.secondsFromGMT(for: date)
        let days = Self.floorDiv(local, 86_400)
        let secondOfDay = local - days * 86_400
        minuteOfDay = secondOfDay / 60
        weekday = ((days % 7) + 7 + 4) % 7 // 1970-01-01 was a Thursday.
        (year, month, day) = Self.civilDate(daysSinceEpoch: days)
    }

    /// Days in this month by the calendar (28...31), independent of DST.
    var daysInMonth: Int { Self.daysIn(month: month, year: year) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Year, month, day from days since 1970-01-01 (Howard Hinnant's civil_from_days).
    private static func civilDate(daysSinceEpoch: Int) -> (Int, Int, Int) {
        let z = daysSinceEpoch + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
