import Foundation
import GoCompat

/// Go's `fmt` printing rules for template values: `%v` texts, `Sprint`,
/// `Sprintln` and `Sprintf` (see GoFormat+Printf.swift).
package enum GoFormat {
    /// `fmt.Sprint`: operands concatenated, with a space added between two operands
    /// when neither is a string.
    package static func sprint(_ args: [TemplateValue]) -> String {
        var out = ""
        for (i, a) in args.enumerated() {
            if i > 0 && !isString(a) && !isString(args[i - 1]) { out += " " }
            out += formatV(a)
        }
        return out
    }

    /// `fmt.Sprintln`: operands always space separated, newline appended.
    package static func sprintln(_ args: [TemplateValue]) -> String {
        args.map { formatV($0) }.joined(separator: " ") + "\n"
    }

    static func isString(_ v: TemplateValue) -> Bool {
        switch v {
        case .string, .html: return true
        default: return false
        }
    }

    /// The `%v` text of a value.
    package static func formatV(_ v: TemplateValue) -> String {
        switch v {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let f): return formatFloatG(f, precision: -1)
        case .string(let s), .html(let s): return s
        case .list(let l): return "[" + l.map { formatV($0) }.joined(separator: " ") + "]"
        case .map(let m):
            return "map[" + m.sortedKeys.map { k in k + ":" + formatV(m.entries[k] ?? .null) }
                .joined(separator: " ") + "]"
        case .time(let t): return t.description
        case .duration(let d): return GoDuration.string(d)
        case .object(let o):
            if let u = o.underlying { return formatV(u) }
            return o.formatted
        }
    }

    /// Decimal digits and decimal-point position of the shortest representation
    /// that round-trips (Go's strconv shortest mode): value = 0.d1d2... × 10^dp.
    static func shortestDigits(_ f: Double) -> (digits: [UInt8], dp: Int) {
        let s = "\(abs(f))"  // Swift prints the shortest round-tripping form too
        var mantissa = s
        var exp = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exp = Int(s[s.index(after: e)...]) ?? 0
            mantissa = String(s[..<e])
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = Array(parts[0].utf8)
        let fracPart = parts.count > 1 ? Array(parts[1].utf8) : []
        var digits = intPart + fracPart
        var dp = intPart.count + exp
        while let first = digits.first, first == UInt8(ascii: "0"), digits.count > 1 { digits.removeFirst(); dp -= 1 }
        while let last = digits.last, last == UInt8(ascii: "0"), digits.count > 1 { digits.removeLast() }
        if digits == [UInt8(ascii: "0")] { dp = 1 }
        return (digits, dp)
    }

    /// Go's `%g`/`%v` for floats. precision -1 means shortest.
    static func formatFloatG(_ f: Double, precision: Int, upper: Bool = false) -> String {
        if f.isNaN { return "NaN" }
        if f.isInfinite { return f < 0 ? "-Inf" : "+Inf" }
        if precision >= 0 {
            let r = String(format: "%.\(max(precision, 1))\(upper ? "G" : "g")", f)
            return r
        }
        let sign = f.sign == .minus ? "-" : ""
        let (digits, dp) = shortestDigits(f)
        let exp = dp - 1
        let str = String(decoding: digits, as: UTF8.self)
        // strconv's shortest %g switches to exponent form below 1e-4 and from 1e6 (eprec 6).
        if exp < -4 || exp >= 6 { return sign + eForm(str, exp: exp, upper: upper) }
        if dp <= 0 { return sign + "0." + String(repeating: "0", count: -dp) + str }
        if dp >= digits.count { return sign + str + String(repeating: "0", count: dp - digits.count) }
        let i = str.index(str.startIndex, offsetBy: dp)
        return sign + str[..<i] + "." + str[i...]
    }

    private static func eForm(_ digits: String, exp: Int, upper: Bool) -> String {
        var m = String(digits.prefix(1))
        if digits.count > 1 { m += "." + digits.dropFirst() }
        let e = abs(exp) < 10 ? "0\(abs(exp))" : "\(abs(exp))"
        return m + (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + e
    }
}
