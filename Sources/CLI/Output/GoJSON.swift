import GoCompat

/// A JSON value rendered the way Go's `encoding/json` Encoder writes it for amtool's `-o json`:
/// compact, object keys in the order given (Go struct field order; maps sorted by key), and
/// Go's string escaping (`<`, `>`, `&`, U+2028, U+2029 as `\u` escapes; control characters other
/// than `\n`, `\r`, `\t` as `\u00xx`, as Go 1.19 which built Debian's amtool 0.25 does).
public indirect enum GoJSON: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case null
    case array([GoJSON])
    case object([(String, GoJSON)])

    public static func == (a: GoJSON, b: GoJSON) -> Bool { a.encoded == b.encoded }

    /// A Go `map[string]string`: keys sorted bytewise.
    public static func stringMap(_ m: [String: String]?) -> GoJSON {
        guard let m else { return .null }
        return .object(m.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { ($0, .string(m[$0] ?? "")) })
    }

    /// The compact encoding (without the Encoder's trailing newline).
    public var encoded: String {
        var out = ""
        write(&out)
        return out
    }

    func write(_ out: inout String) {
        switch self {
        case .string(let s): Self.quote(s, into: &out)
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .null: out += "null"
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.write(&out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, (k, v)) in o.enumerated() {
                if i > 0 { out += "," }
                Self.quote(k, into: &out)
                out += ":"
                v.write(&out)
            }
            out += "}"
        }
    }

    /// Go's `json.Marshal` string encoding (`GoJSONString`).
    static func quote(_ s: String, into out: inout String) { out += GoJSONString.quoted(s) }
}
