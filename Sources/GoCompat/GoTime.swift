import Foundation

/// A Go `time.Time`: an instant (Unix seconds + nanoseconds) with the zone it is
/// shown in (offset and abbreviation). Printing uses Go's default
/// `2006-01-02 15:04:05.999999999 -0700 MST` form; `format` uses Go layouts. This is the one
/// Go time type of Tocsin: templates, tocsinctl (amtool's date output and `--start`/`--end`
/// parsing), the webhook payload and the API's date-times all use it. Like Go's `Time`, `==`
/// compares the zone too; `<` compares instants only (Go's `Before`).
///
/// Every operation is total: any `Int64` second, any offset and any `Double` converts and
/// prints without trapping (a gossip peer can send `Int64.min`).
package struct GoTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var unixSeconds: Int64
    /// 0..<1_000_000_000.
    package var nanoseconds: Int
    /// Seconds east of UTC.
    package var offsetSeconds: Int
    /// Zone abbreviation, e.g. "UTC", "CET". Empty for a fixed offset without a name
    /// (Go then prints the offset, e.g. "+0200").
    package var zoneName: String

    package init(unixSeconds: Int64, nanoseconds: Int = 0, offsetSeconds: Int = 0, zoneName: String = "UTC") {
        self.unixSeconds = unixSeconds
        self.nanoseconds = nanoseconds
        self.offsetSeconds = offsetSeconds
        self.zoneName = zoneName
    }

    /// From a Foundation date, in UTC, to the nanosecond `Date` can tell (about a microsecond
    /// near the present). NaN becomes Go's zero time; beyond `Int64` seconds is clamped.
    package init(_ date: Date) {
        let (s, ns) = Self.split(date.timeIntervalSince1970, unit: 1_000_000_000)
        self.init(unixSeconds: s, nanoseconds: ns)
    }

    /// From a Foundation date, in UTC, with the fraction rounded to the microsecond first: a
    /// `Date` near 1.7e9 s cannot hold `.123` exactly, and Alertmanager's times come from
    /// JSON with at most microseconds in practice (Prometheus sends milliseconds), so this
    /// keeps them exact where `init(_:)` would keep binary noise such as `.122999907`.
    package init(roundingToMicroseconds date: Date) {
        let (s, us) = Self.split(date.timeIntervalSince1970, unit: 1_000_000)
        self.init(unixSeconds: s, nanoseconds: us * 1000)
    }

    /// Whole seconds (floored) and the fraction in `unit`s per second, rounded; total.
    static func split(_ t: Double, unit: Int) -> (Int64, Int) {
        if t.isNaN { return (zero.unixSeconds, 0) }
        let whole = t.rounded(.down)
        // -2^63 is an Int64; 2^63 is not.
        if whole < -9.223_372_036_854_775_808e18 { return (.min, 0) }
        if whole >= 9.223_372_036_854_775_808e18 { return (.max, 0) }
        var s = Int64(whole)
        var f = Int(((t - whole) * Double(unit)).rounded())
        if f >= unit {
            if s < .max { s += 1; f -= unit } else { f = unit - 1 }
        }
        return (s, f)
    }

    /// Go's zero `time.Time` (0001-01-01 00:00:00 UTC), Alertmanager's "no end".
    package static let zero = GoTime(unixSeconds: -62_135_596_800)

    package var isZero: Bool { unixSeconds == GoTime.zero.unixSeconds && nanoseconds == 0 }

    package var date: Date { Date(timeIntervalSince1970: Double(unixSeconds) + Double(nanoseconds) / 1e9) }

    /// Now, in UTC (amtool uses `time.Now().UTC()` for new silences).
    package static func now() -> GoTime { GoTime(Date()) }

    package static func < (a: GoTime, b: GoTime) -> Bool {
        (a.unixSeconds, a.nanoseconds) < (b.unixSeconds, b.nanoseconds)
    }

    /// Adds `seconds` (may be fractional or negative), keeping the zone (Go's `Add`);
    /// saturates at the ends of `Int64` seconds.
    package func adding(seconds: Double) -> GoTime {
        let (ds, dns) = Self.split(seconds + Double(nanoseconds) / 1e9, unit: 1_000_000_000)
        var t = self
        let (sum, overflow) = unixSeconds.addingReportingOverflow(ds)
        t.unixSeconds = overflow ? (ds < 0 ? .min : .max) : sum
        t.nanoseconds = dns
        return t
    }

    /// The same instant in UTC (Go's `UTC`).
    package var utc: GoTime { inZone(offsetSeconds: 0, name: "UTC") }

    /// The same instant shown in another zone (Go's `In`).
    package func inZone(offsetSeconds: Int, name: String) -> GoTime {
        GoTime(unixSeconds: unixSeconds, nanoseconds: nanoseconds, offsetSeconds: offsetSeconds, zoneName: name)
    }

    /// Civil fields in the time's own zone.
    package struct Civil: Sendable, Hashable {
        package var year, month, day, hour, minute, second, weekday, yearDay: Int
    }

    /// Days since 1970-01-01 and seconds into that day, in the time's zone; total for every
    /// second and offset (split before the offset is added, so no sum can overflow).
    var localDayAndSecond: (days: Int, seconds: Int) {
        var days = Int(unixSeconds / 86_400) + offsetSeconds / 86_400
        var secs = Int(unixSeconds % 86_400) + offsetSeconds % 86_400
        while secs < 0 { secs += 86_400; days -= 1 }
        while secs >= 86_400 { secs -= 86_400; days += 1 }
        return (days, secs)
    }

    private static let daysBeforeMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

    /// The date and clock in the time's zone.
    package var civil: Civil {
        let (days, secs) = localDayAndSecond
        let d = CivilDate(daysSinceEpoch: days)
        var wd = (days % 7 + 4) % 7  // 1970-01-01 was a Thursday
        if wd < 0 { wd += 7 }
        let yday = Self.daysBeforeMonth[d.month - 1] + d.day + (CivilDate.isLeap(d.year) && d.month > 2 ? 1 : 0)
        return Civil(year: d.year, month: d.month, day: d.day, hour: secs / 3600, minute: secs % 3600 / 60,
                     second: secs % 60, weekday: wd, yearDay: yday)
    }

    /// Go's `Time.String()` (without the monotonic clock reading).
    package var description: String { format("2006-01-02 15:04:05.999999999 -0700 MST") }

    /// The same instant in a zone named like Go's `time.LoadLocation` ("UTC", "Local", IANA
    /// names); nil when there is no such zone.
    package func inLocation(_ name: String) -> GoTime? {
        if name == "" || name == "UTC" { return inZone(offsetSeconds: 0, name: "UTC") }
        let tz: TimeZone?
        if name == "Local" { tz = TimeZone.current } else { tz = TimeZone(identifier: name) }
        guard let zone = tz else { return nil }
        let d = date
        let off = zone.secondsFromGMT(for: d)
        var abbr = zone.abbreviation(for: d) ?? ""
        if abbr.hasPrefix("GMT") && abbr.count > 3 {
            // Go prints numeric abbreviations like "+03" where tzdata has no letters.
            let sign = off < 0 ? "-" : "+"
            let h = abs(off) / 3600, m = abs(off) % 3600 / 60
            abbr = sign + (h < 10 ? "0\(h)" : "\(h)") + (m != 0 ? (m < 10 ? "0\(m)" : "\(m)") : "")
        }
        return inZone(offsetSeconds: off, name: abbr)
    }
}
