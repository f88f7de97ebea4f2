import AlertCore

/// Writes JSON exactly as Go's `encoding/json` `Encoder` does with its defaults, which
/// Alertmanager uses for webhook bodies: HTML-safe escaping (`<`, `>`, `&` as `\u003c`,
/// `\u003e`, `\u0026`), U+2028/U+2029 escaped, other control characters as `\u00XX` except
/// `\n`, `\r`, `\t`, and object keys in byte order.
///
/// `\b` and `\f` are written `\u0008`/`\u000c` like the Go 1.19 that builds Alertmanager 0.25
/// (Go 1.22 switched to the short forms).
struct GoJSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func number(_ v: Int) { bytes.append(contentsOf: String(v).utf8) }

    /// A quoted, escaped string.
    mutating func string(_ s: String) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(UInt8(ascii: "\""))
        for scalar in s.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20, 0x3C, 0x3E, 0x26:
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(v >> 4)], hex[Int(v & 0xF)]])
            case 0x2028, 0x2029:
                bytes.append(contentsOf: Array("\\u202".utf8) + [hex[Int(v & 0xF)]])
            default:
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A `map[string]string` (Alertmanager's `template.KV`): keys sorted byte-wise, which is
    /// the order a `LabelSet` already keeps.
    mutating func object(_ labels: LabelSet) {
        bytes.append(UInt8(ascii: "{"))
        for (i, label) in labels.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            string(label.name)
            bytes.append(UInt8(ascii: ":"))
            string(label.value)
        }
        bytes.append(UInt8(ascii: "}"))
    }
}

/// Go's `regexp.QuoteMeta`: a backslash before each of `\.+*?()|[]{}^$`. Alertmanager passes
/// receiver names through it for template data and webhook payloads (`team.a` → `team\.a`).
public func goQuoteMeta(_ s: String) -> String {
    let special: Set<Character> = ["\\", ".", "+", "*", "?", "(", ")", "|", "[", "]", "{", "}", "^", "$"]
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s {
        if special.contains(c) { out.append("\\") }
        out.append(c)
    }
    return out
}
