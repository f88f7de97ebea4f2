import Foundation

/// A Go `time.Time`: an instant (Unix seconds + nanoseconds) with the zone it is
/// shown in (offset and abbreviation). Printing uses Go's default
/// `2006-01-02 15:04:05.999999999 -0700 MST` form; `format` uses Go layouts. This is the one
/// Go time type of Tocsin: templates, tocsinctl (amtool's date output and `--start`/`--end`
/// parsing) and the webhook payload all use it. Like Go's `Time`, `==` compares the zone too;
/// `<` compares instants only (Go's `Before`).
public struct GoTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var unixSeconds: Int64
    public var nanoseconds: Int
    /// Seconds east of UTC.
    public var offsetSeconds: Int
    /// Zone abbreviation, e.g. "UTC", "CET". Empty for a fixed offset without a name
    /// (Go then prints the offset, e.g. "+0200").
    public var zoneName: String

    public init(unixSeconds: Int64, nanoseconds: Int = 0, offsetSeconds: Int = 0, zoneName: String = "UTC") {
        self.unixSeconds = unixSeconds
        self.nanoseconds = nanoseconds
        self.offsetSeconds = offsetSeconds
        self.zoneName = zoneName
    }

    /// From a Foundation date, in UTC (sub-microsecond precision is lost by `Date`).
    public init(_ date: Date) {
        let t = date.timeIntervalSince1970
        var s = Int64(t.rounded(.down))
        var ns = Int(((t - Double(s)) * 1e9).rounded())
        if ns >= 1_000_000_000 { s += 1; ns -= 1_000_000_000 }
        self.init(unixSeconds: s, nanoseconds: ns)
    }

    /// Go's zero `time.Time` (0001-01-01 00:00:00 UTC), Alertmanager's "no end".
    public static let zero = GoTime(unixSeconds: -62_135_596_800)

    public var isZero: Bool { unixSeconds == GoTime.zero.unixSeconds && nanoseconds == 0 }

    public var date: Date { Date(timeIntervalSince1970: Double(unixSeconds) + Double(nanoseconds) / 1e9) }

    /// Now, in UTC (amtool uses `time.Now().UTC()` for new silences).
    public static func now() -> GoTime { GoTime(Date()) }

    public static func < (a: GoTime, b: GoTime) -> Bool {
        (a.unixSeconds, a.nanoseconds) < (b.unixSeconds, b.nanoseconds)
    }

    /// Adds `seconds` (may be fractional or negative), keeping the zone (Go's `Add`).
    public func adding(seconds: Double) -> GoTime {
        let totalNanos = Double(nanoseconds) + seconds * 1e9
        let whole = (totalNanos / 1e9).rounded(.down)
        var t = self
        t.unixSeconds += Int64(whole)
        t.nanoseconds = Int((totalNanos - whole * 1e9).rounded())
        if t.nanoseconds >= 1_000_000_000 { t.unixSeconds += 1; t.nanoseconds -= 1_000_000_000 }
        return t
    }

    /// The same instant in UTC (Go's `UTC`).
    public var utc: GoTime { inZone(offsetSeconds: 0, name: "UTC") }

    /// The same instant shown in another zone (Go's `In`).
    public func inZone(offsetSeconds: Int, name: String) -> GoTime {
        GoTime(unixSeconds: unixSeconds, nanoseconds: nanoseconds, offsetSeconds: offsetSeconds, zoneName: name)
    }

    /// Civil fields in the time's own zone.
    struct Civil { var year, month, day, hour, minute, second, weekday, yearDay: Int }

    var civil: Civil {
        let local = unixSeconds + Int64(offsetSeconds)
        var days = local / 86_400
        var secs = local % 86_400
        if secs < 0 { secs += 86_400; days -= 1 }
        // Days-from-civil inverse (proleptic Gregorian), valid for all Int64 days of interest.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        var y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        if m <= 2 { y += 1 }
        var wd = (days + 4) % 7  // 1970-01-01 was a Thursday
        if wd < 0 { wd += 7 }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        let yday = cum[Int(m) - 1] + Int(d) + (leap && m > 2 ? 1 : 0)
        return Civil(year: Int(y), month: Int(m), day: Int(d), hour: Int(secs / 3600),
                     minute: Int(secs % 3600 / 60), second: Int(secs % 60), weekday: Int(wd), yearDay: yday)
    }

    /// Go's `Time.String()` (without the monotonic clock reading).
    public var description: String { format("2006-01-02 15:04:05.999999999 -0700 MST") }


    /// Resolves a zone name like Go's `time.LoadLocation` ("UTC", "Local", IANA names).
    public func inLocation(_ name: String) throws(TemplateRuntimeError) -> GoTime {
        if name == "" || name == "UTC" { return inZone(offsetSeconds: 0, name: "UTC") }
        let tz: TimeZone?
        if name == "Local" { tz = TimeZone.current } else { tz = TimeZone(identifier: name) }
        guard let zone = tz else { throw TemplateRuntimeError("unknown time zone \(name)") }
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

/// Go's `time.Duration.String()`: "1h2m3.5s", "1.5ms", "0s".
public enum GoDuration {
    public static func string(_ d: Int64) -> String {
        if d == 0 { return "0s" }
        let neg = d < 0
        let u = d.magnitude
        var out: String
        if u < 1_000_000_000 {
            let (unit, scale): (String, UInt64) = u < 1000 ? ("ns", 1) : u < 1_000_000 ? ("µs", 1000) : ("ms", 1_000_000)
            out = fraction(u, scale) + unit
        } else {
            let totalSeconds = u / 1_000_000_000
            let h = totalSeconds / 3600, m = totalSeconds % 3600 / 60
            let secPart = fraction(u % 60_000_000_000, 1_000_000_000) + "s"
            out = h > 0 ? "\(h)h\(m)m" + secPart : m > 0 ? "\(m)m" + secPart : secPart
        }
        return (neg ? "-" : "") + out
    }

    /// `v/scale` with the fractional part's trailing zeros removed.
    private static func fraction(_ v: UInt64, _ scale: UInt64) -> String {
        let whole = v / scale
        var frac = v % scale
        guard frac != 0 else { return "\(whole)" }
        var digits = String(scale).count - 1
        var s = String(frac)
        s = String(repeating: "0", count: digits - s.count) + s
        while s.hasSuffix("0") { s.removeLast(); frac /= 10; digits -= 1 }
        return "\(whole).\(s)"
    }
}
