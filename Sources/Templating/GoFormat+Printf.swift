import Foundation
import GoCompat

/// Go's `fmt.Sprintf` for the verbs templates use: `%s %d %v %q %x %X %f %F %e %E %g %G
/// %t %c %o %b %%` with flags `-+ 0#`, width and precision; wrong operands render as
/// Go does (`%!d(string=x)`, `%!d(MISSING)`, `%!(EXTRA int=1)`).
extension GoFormat {
    struct Spec {
        var minus = false, plus = false, space = false, zero = false, sharp = false
        var width: Int?
        var precision: Int?
    }

    package static func sprintf(_ format: String, _ args: [TemplateValue]) -> String {
        let f = Array(format.unicodeScalars)
        var out = ""
        var argIndex = 0
        var i = 0
        while i < f.count {
            let c = f[i]
            if c != "%" { out.unicodeScalars.append(c); i += 1; continue }
            i += 1
            var spec = Spec()
            flags: while i < f.count {
                switch f[i] {
                case "-": spec.minus = true; spec.zero = false
                case "+": spec.plus = true
                case " ": spec.space = true
                case "0": spec.zero = !spec.minus
                case "#": spec.sharp = true
                default: break flags
                }
                i += 1
            }
            func number() -> Int? {
                var n: Int?
                while i < f.count, let d = Int(String(f[i])), f[i].isASCII { n = (n ?? 0) * 10 + d; i += 1 }
                return n
            }
            if i < f.count && f[i] == "*" {
                i += 1
                if argIndex < args.count, case .int(let w) = args[argIndex] { spec.width = abs(w); if w < 0 { spec.minus = true } }
                argIndex += 1
            } else { spec.width = number() }
            if i < f.count && f[i] == "." {
                i += 1
                if i < f.count && f[i] == "*" {
                    i += 1
                    if argIndex < args.count, case .int(let p) = args[argIndex] { spec.precision = p }
                    argIndex += 1
                } else { spec.precision = number() ?? 0 }
            }
            guard i < f.count else { out += "%!(NOVERB)"; break }
            let verb = f[i]
            i += 1
            if verb == "%" { out += "%"; continue }
            guard argIndex < args.count else { out += "%!\(verb)(MISSING)"; continue }
            out += formatOne(args[argIndex], verb: verb, spec: spec)
            argIndex += 1
        }
        if argIndex < args.count {
            out += "%!(EXTRA " + args[argIndex...].map { "\(typeName($0))=\(formatV($0))" }.joined(separator: ", ") + ")"
        }
        return out
    }

    static func typeName(_ v: TemplateValue) -> String {
        switch v {
        case .list(let l) where l.allSatisfy(isString): return "[]string"
        default: return v.goTypeName
        }
    }

    private static func bad(_ v: TemplateValue, _ verb: Unicode.Scalar) -> String {
        if case .null = v { return "%!\(verb)(<nil>)" }
        return "%!\(verb)(\(typeName(v))=\(formatV(v)))"
    }

    static func formatOne(_ raw: TemplateValue, verb: Unicode.Scalar, spec: Spec) -> String {
        var v = raw
        if case .object(let o) = raw, let u = o.underlying { v = u }
        switch (verb, v) {
        case ("v", .float(let d)), ("g", .float(let d)), ("G", .float(let d)):
            return signed(formatFloatG(d, precision: spec.precision ?? -1, upper: verb == "G"), d.sign == .minus, spec)
        case ("e", .float(let d)), ("E", .float(let d)), ("f", .float(let d)), ("F", .float(let d)):
            if d.isNaN || d.isInfinite { return pad(formatFloatG(d, precision: -1), spec) }
            let fv = verb == "F" ? "f" : String(verb)
            return signed(String(format: "%.\(spec.precision ?? 6)\(fv)", d), d.sign == .minus, spec)
        case ("v", .int(let n)), ("d", .int(let n)):
            return signed(precisionDigits(String(n.magnitude), spec), n < 0, spec)
        case ("x", .int(let n)), ("X", .int(let n)), ("o", .int(let n)), ("b", .int(let n)):
            let radix = verb == "o" ? 8 : (verb == "b" ? 2 : 16)
            var digits = precisionDigits(String(n.magnitude, radix: radix, uppercase: verb == "X"), spec)
            if spec.sharp { digits = (verb == "x" ? "0x" : verb == "X" ? "0X" : verb == "o" ? "0" : "") + digits }
            return signed(digits, n < 0, spec)
        case ("U", .int(let n)) where n >= 0:
            // Go's %U: "U+" and at least four upper-case hex digits.
            let hex = String(n, radix: 16, uppercase: true)
            return pad("U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex, spec)
        case ("c", .int(let n)):
            return pad(Unicode.Scalar(UInt32(truncatingIfNeeded: n)).map { String(Character($0)) } ?? "\u{FFFD}", spec)
        case ("q", .int(let n)):
            let s = Unicode.Scalar(UInt32(truncatingIfNeeded: n)).map { String(Character($0)) } ?? "\u{FFFD}"
            let q = GoQuote.quote(s)
            return pad("'" + q.dropFirst().dropLast().replacingOccurrences(of: "\\\"", with: "\"")
                .replacingOccurrences(of: "'", with: "\\'") + "'", spec)
        case ("t", .bool(let b)), ("v", .bool(let b)):
            return pad(b ? "true" : "false", spec)
        case ("s", .string(let s)), ("v", .string(let s)), ("s", .html(let s)), ("v", .html(let s)):
            return pad(truncated(s, spec), spec)
        case ("q", .string(let s)), ("q", .html(let s)):
            if spec.sharp && !s.contains("`") { return pad("`" + s + "`", spec) }
            return pad(GoQuote.quote(truncated(s, spec)), spec)
        case ("x", .string(let s)), ("X", .string(let s)):
            let hex = Array(truncated(s, spec).utf8).map { String(format: verb == "x" ? "%02x" : "%02X", $0) }
            return pad((spec.sharp ? (verb == "x" ? "0x" : "0X") : "") + hex.joined(separator: spec.space ? " " : ""), spec)
        case (_, .list(let l)) where verb != "T":
            return pad("[" + l.map { formatOne($0, verb: verb, spec: Spec()) }.joined(separator: " ") + "]", spec)
        case ("v", _), ("s", .time), ("s", .duration), ("s", .object):
            return pad(truncated(formatV(v), spec), spec)
        case ("q", .time), ("q", .duration):
            return pad(GoQuote.quote(formatV(v)), spec)
        case ("T", _):
            return pad(typeName(raw), spec)
        case ("s", .null), ("d", .null):
            return bad(v, verb)
        default:
            return bad(v, verb)
        }
    }

    private static func truncated(_ s: String, _ spec: Spec) -> String {
        guard let p = spec.precision else { return s }
        return String(s.prefix(p))
    }

    private static func precisionDigits(_ d: String, _ spec: Spec) -> String {
        guard let p = spec.precision else { return d }
        if p == 0 && d == "0" { return "" }
        return d.count < p ? String(repeating: "0", count: p - d.count) + d : d
    }

    /// Applies sign flags and zero/space padding to a number rendering.
    private static func signed(_ body: String, _ negative: Bool, _ spec: Spec) -> String {
        var b = body
        var sign = ""
        if b.hasPrefix("-") { b.removeFirst(); sign = "-" } else if negative { sign = "-" }
        else if spec.plus { sign = "+" } else if spec.space { sign = " " }
        if let w = spec.width, spec.zero, !spec.minus, spec.precision == nil || body.contains("."),
           sign.count + b.count < w {
            return sign + String(repeating: "0", count: w - sign.count - b.count) + b
        }
        return pad(sign + b, spec)
    }

    static func pad(_ s: String, _ spec: Spec) -> String {
        guard let w = spec.width, s.count < w else { return s }
        let fill = String(repeating: spec.zero && !spec.minus ? "0" : " ", count: w - s.count)
        return spec.minus ? s + fill : fill + s
    }
}
