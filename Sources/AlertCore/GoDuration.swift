import Foundation

/// Go's `time.ParseDuration` / `Duration.String`, the syntax of Alertmanager's command-line
/// durations (`120h`, `1m0s`, `1.5s`, `500ms`), unlike the config file's Prometheus syntax.
public enum GoDuration {
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    static let units: [(String, Double)] = [
        ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("μs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
    ]

    /// Parses `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` or `0`; returns seconds.
    public static func parse(_ s: String) throws(ParseError) -> TimeInterval {
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

    /// Go's `Duration.String`: `1h0m0s`, `1m30s`, `500ms`, `0s`.
    public static func format(_ seconds: TimeInterval) -> String {
        if seconds == 0 { return "0s" }
        let neg = seconds < 0
        var ns = Int64((abs(seconds) * 1e9).rounded())
        var out = ""
        if ns < 1_000_000_000 {
            if ns < 1000 { out = "\(ns)ns" } else if ns < 1_000_000 { out = trim(Double(ns) / 1e3) + "µs" } else { out = trim(Double(ns) / 1e6) + "ms" }
        } else {
            let h = ns / 3_600_000_000_000
            ns -= h * 3_600_000_000_000
            let m = ns / 60_000_000_000
            ns -= m * 60_000_000_000
            let s = trim(Double(ns) / 1e9) + "s"
            if h > 0 { out = "\(h)h\(m)m\(s)" } else if m > 0 { out = "\(m)m\(s)" } else { out = s }
        }
        return neg ? "-" + out : out
    }

    static func trim(_ v: Double) -> String {
        var s = String(format: "%.9f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
