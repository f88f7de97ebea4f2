import Foundation

/// Go's `time.ParseDuration` / `Duration.String`, the syntax of Alertmanager's command-line
/// durations (`120h`, `1m0s`, `1.5s`, `500ms`), unlike the config file's Prometheus syntax.
package enum GoDuration {
    package struct ParseError: Error, Sendable, CustomStringConvertible {
        package let description: String
    }

    static let units: [(String, Double)] = [
        ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("μs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
    ]

    /// Parses `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` or `0`; returns seconds.
    package static func parse(_ s: String) throws(ParseError) -> TimeInterval {
        let err = ParseError(description: "time: invalid duration \(GoQuote.quote(s))")
        var rest = Substring(s)
        var sign = 1.0
        if rest.first == "-" || rest.first == "+" {
            if rest.first == "-" { sign = -1 }
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        if rest.isEmpty { throw err }
        var total = 0.0
        while !rest.isEmpty {
            let num = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !num.isEmpty, num != ".", let v = Double(num.hasPrefix(".") ? "0" + num : String(num)) else { throw err }
            rest = rest.dropFirst(num.count)
            let unit = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard let mult = units.first(where: { $0.0 == unit })?.1 else {
                if unit.isEmpty { throw ParseError(description: "time: missing unit in duration \(GoQuote.quote(s))") }
                throw ParseError(description: "time: unknown unit \(GoQuote.quote(String(unit))) in duration \(GoQuote.quote(s))")
            }
            rest = rest.dropFirst(unit.count)
            total += v * mult
        }
        return sign * total
    }

    /// Go's `Duration.String` of `seconds`: `1h0m0s`, `1m30s`, `500ms`, `0s`. Rounded to the
    /// nanosecond and clamped to `time.Duration`'s range (NaN is `0s`).
    package static func format(_ seconds: TimeInterval) -> String {
        let ns = (seconds * 1e9).rounded()
        if ns.isNaN { return "0s" }
        if ns <= -9.223_372_036_854_775_808e18 { return string(.min) }
        if ns >= 9.223_372_036_854_775_808e18 { return string(.max) }
        return string(Int64(ns))
    }

    /// Go's `Duration.String` of `nanoseconds`: "1h2m3.5s", "1.5ms", "0s"; exact integer
    /// arithmetic, total for every `Int64` (`Int64.min` is `-2562047h47m16.854775808s`).
    package static func string(_ nanoseconds: Int64) -> String {
        let d = nanoseconds
        if d == 0 { return "0s" }
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
        return (d < 0 ? "-" : "") + out
    }

    /// `v/scale` with the fractional part's trailing zeros removed.
    private static func fraction(_ v: UInt64, _ scale: UInt64) -> String {
        let whole = v / scale
        let frac = v % scale
        guard frac != 0 else { return "\(whole)" }
        let digits = String(scale).count - 1
        var s = String(frac)
        s = String(repeating: "0", count: digits - s.count) + s
        while s.hasSuffix("0") { s.removeLast() }
        return "\(whole).\(s)"
    }
}
