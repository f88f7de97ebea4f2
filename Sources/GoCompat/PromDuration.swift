/// A Prometheus `model.Duration`: the syntax Alertmanager uses for `group_wait`,
/// `resolve_timeout` and the like. Integers only, units in the order y w d h m s ms
/// (`5d`, `1h30m`; `1.5h` is rejected), `"0"` allowed without a unit.
package struct PromDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    package let milliseconds: Int64

    package init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// A text `model.ParseDuration` rejects; `message` is its error text.
    package struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        package let message: String
        package init(_ message: String) { self.message = message }
        package var description: String { message }
    }

    package var seconds: Double { Double(milliseconds) / 1000 }

    static let units: [(String, Int64)] = [
        ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000),
        ("s", 1000), ("ms", 1),
    ]

    /// `model.ParseDuration` with its error texts (Alertmanager prints them unchanged).
    package static func parse(_ s: String) throws(ParseError) -> PromDuration {
        if s == "0" { return PromDuration(milliseconds: 0) }
        if s.isEmpty { throw ParseError("empty duration string") }
        let bad = ParseError("not a valid duration string: \(GoQuote.quote(s))")
        var rest = Substring(s)
        var next = 0
        var total: Int64 = 0
        var overflow = false
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { throw bad }
            rest = rest.dropFirst(digits.count)
            // "ms" must be tried before "m".
            let unitIndex = Self.units.indices.dropFirst(next).first { i in
                let u = Self.units[i].0
                guard rest.hasPrefix(u) else { return false }
                if u == "m", rest.hasPrefix("ms") { return false }
                return true
            }
            guard let i = unitIndex else { throw bad }
            rest = rest.dropFirst(Self.units[i].0.count)
            next = i + 1
            guard let n = Int64(digits) else { overflow = true; continue }
            let (v, o1) = n.multipliedReportingOverflow(by: Self.units[i].1)
            let (t, o2) = total.addingReportingOverflow(v)
            if o1 || o2 || t > Int64.max / 1_000_000 { overflow = true }
            total = t
        }
        if overflow { throw ParseError("duration out of range") }
        return PromDuration(milliseconds: total)
    }

    /// `model.Duration.String()`: `90d`, `1h30m`, `0s`; years and weeks only when exact.
    package var description: String {
        var ms = milliseconds
        if ms == 0 { return "0s" }
        var r = ""
        for (unit, mult) in Self.units {
            if (unit == "y" || unit == "w") && ms % mult != 0 { continue }
            let v = ms / mult
            if v > 0 {
                r += "\(v)\(unit)"
                ms -= v * mult
            }
        }
        return r
    }

    package static func < (a: PromDuration, b: PromDuration) -> Bool { a.milliseconds < b.milliseconds }
}
