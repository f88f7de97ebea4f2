import GoCompat

/// Go's `json.Marshal` output for template values (`toJson`): HTML-safe string
/// escaping (`<`, `>`, `&` as \u003c...), map keys sorted, struct fields in order,
/// times as RFC3339Nano.
package enum JSONText {
    static func encode(_ v: TemplateValue) throws(TemplateRuntimeError) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .duration(let d): return String(d)
        case .float(let f):
            guard f.isFinite else {
                throw TemplateRuntimeError("json: unsupported value: \(GoFormat.formatV(v))")
            }
            return float(f)
        case .string(let s), .html(let s): return string(s)
        case .time(let t): return string(t.rfc3339Nano)
        case .list(let l):
            var parts: [String] = []
            for e in l { parts.append(try encode(e)) }
            return "[" + parts.joined(separator: ",") + "]"
        case .map(let m):
            var parts: [String] = []
            for k in m.sortedKeys { parts.append(string(k) + ":" + (try encode(m.entries[k] ?? .null))) }
            return "{" + parts.joined(separator: ",") + "}"
        case .object(let o):
            if let u = o.underlying { return try encode(u) }
            var parts: [String] = []
            for (k, fv) in o.jsonFields { parts.append(string(k) + ":" + (try encode(fv))) }
            return "{" + parts.joined(separator: ",") + "}"
        }
    }

    /// encoding/json float format: like %g shortest but 'f' form for 1e-6 <= |f| < 1e21.
    static func float(_ f: Double) -> String {
        let a = abs(f)
        if a != 0 && (a < 1e-6 || a >= 1e21) {
            var s = GoFormat.formatFloatG(f, precision: -1)
            // Go trims "e-07" to "e-7".
            if let r = s.range(of: "e-0") { s.replaceSubrange(r, with: "e-") }
            if let r = s.range(of: "e+0") { s.replaceSubrange(r, with: "e+") }
            return s
        }
        let (digits, dp) = GoFormat.shortestDigits(f)
        let str = String(decoding: digits, as: UTF8.self)
        let sign = f < 0 ? "-" : ""
        if str == "0" { return "0" }
        if dp <= 0 { return sign + "0." + String(repeating: "0", count: -dp) + str }
        if dp >= digits.count { return sign + str + String(repeating: "0", count: dp - digits.count) }
        return sign + String(str.prefix(dp)) + "." + String(str.dropFirst(dp))
    }

    /// A Go `json.Marshal` string (`GoJSONString`).
    static func string(_ s: String) -> String { GoJSONString.quoted(s) }
}
