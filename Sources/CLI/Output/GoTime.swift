import Foundation

/// A point in time with the zone it was written in, as Go's `time.Time` keeps it. amtool prints
/// the API's timestamps in the zone the server wrote them (`Z` → `UTC`, a local offset → the
/// local zone's name, any other offset → a nameless fixed zone printed `+0100`), so Tocsin's
/// CLI must keep the offset instead of normalising to UTC.
public struct GoTime: Sendable, Hashable, Comparable {
    /// Seconds since the Unix epoch (UTC).
    public var unixSeconds: Int64
    /// Nanoseconds within the second, 0..<1e9.
    public var nanos: Int64
    /// Seconds east of UTC.
    public var offset: Int
    /// Zone abbreviation; empty for a nameless fixed zone.
    public var zoneName: String

    public init(unixSeconds: Int64, nanos: Int64 = 0, offset: Int = 0, zoneName: String = "UTC") {
        self.unixSeconds = unixSeconds
        self.nanos = nanos
        self.offset = offset
        self.zoneName = zoneName
    }

    /// Go's zero `time.Time` (`0001-01-01T00:00:00Z`), which amtool sends for unset alert times.
    public static let zero = GoTime(unixSeconds: -62_135_596_800)

    /// Now, in UTC (amtool uses `time.Now().UTC()` for new silences).
    public static func now() -> GoTime { GoTime(date: Date()) }

    public init(date: Date) {
        let t = date.timeIntervalSince1970
        let s = t.rounded(.down)
        self.init(unixSeconds: Int64(s), nanos: Int64(((t - s) * 1e9).rounded()) % 1_000_000_000)
    }

    public var date: Date { Date(timeIntervalSince1970: Double(unixSeconds) + Double(nanos) / 1e9) }

    public static func < (a: GoTime, b: GoTime) -> Bool {
        (a.unixSeconds, a.nanos) < (b.unixSeconds, b.nanos)
    }

    /// Same instant (Go's `Equal`), ignoring the zone.
    public func sameInstant(_ o: GoTime) -> Bool { unixSeconds == o.unixSeconds && nanos == o.nanos }

    /// Adds `seconds` (may be fractional) keeping the zone.
    public func adding(seconds: Double) -> GoTime {
        let totalNanos = Double(nanos) + seconds * 1e9
        let whole = (totalNanos / 1e9).rounded(.down)
        var t = self
        t.unixSeconds += Int64(whole)
        t.nanos = Int64((totalNanos - whole * 1e9).rounded())
        if t.nanos >= 1_000_000_000 { t.unixSeconds += 1; t.nanos -= 1_000_000_000 }
        return t
    }

    /// The same instant in UTC (Go's `.UTC()`).
    public var utc: GoTime { GoTime(unixSeconds: unixSeconds, nanos: nanos, offset: 0, zoneName: "UTC") }

    /// The zone Go's `time.Parse` gives a numeric offset: the local zone when it has that
    /// offset at that instant, else a nameless fixed zone.
    static func zoneForParsedOffset(_ offset: Int, unixSeconds: Int64) -> String {
        let tz = TimeZone.current
        let d = Date(timeIntervalSince1970: Double(unixSeconds))
        guard tz.secondsFromGMT(for: d) == offset else { return "" }
        return localAbbreviation(tz, at: d)
    }

    /// Go's name for the local zone: `UTC` for a UTC local zone, else the tz abbreviation.
    static func localAbbreviation(_ tz: TimeZone, at d: Date) -> String {
        if ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Universal", "Zulu"].contains(tz.identifier) { return "UTC" }
        return tz.abbreviation(for: d) ?? ""
    }
}

extension GoTime {
    /// Civil fields in the time's own zone.
    struct Civil {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int, yearDay: Int
    }

    var civil: Civil {
        let local = unixSeconds + Int64(offset)
        var days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let secs = Int(local - days * 86400)
        let weekday = Int(((days % 7) + 11) % 7) // 1970-01-01 was a Thursday (4)
        // Howard Hinnant's civil_from_days.
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        var y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        if m <= 2 { y += 1 }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        let yday = cumulative[Int(m) - 1] + Int(d) + (leap && m > 2 ? 1 : 0)
        return Civil(year: Int(y), month: Int(m), day: Int(d), hour: secs / 3600, minute: secs % 3600 / 60,
                     second: secs % 60, weekday: weekday, yearDay: yday)
    }

    /// Unix seconds of a civil UTC date-time (days_from_civil).
    static func unixSeconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 86400 + Int64(hour * 3600 + minute * 60 + second)
    }
}
