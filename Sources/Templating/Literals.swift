/// Go literal syntax used inside actions: numbers (decimal, hex, octal, binary,
/// floats, underscores), character constants and interpreted string literals.
enum Literals {
    /// Value of a number or char constant, typed as Go's `idealConstant` does:
    /// chars and integer syntax give `int`, anything with `.eEpP` (non-hex) gives `float64`.
    static func number(_ text: String, isChar: Bool) -> TemplateValue? {
        if isChar {
            guard let s = unquote("\"" + String(text.dropFirst().dropLast()) + "\""),
                  s.unicodeScalars.count == 1, let u = s.unicodeScalars.first else { return nil }
            return .int(Int(u.value))
        }
        var t = text.replacingOccurrences(of: "_", with: "")
        var negative = false
        if t.hasPrefix("-") { negative = true; t.removeFirst() } else if t.hasPrefix("+") { t.removeFirst() }
        let lower = t.lowercased()
        var intValue: Int?
        if lower.hasPrefix("0x") {
            if lower.contains("p") || lower.contains(".") {
                return hexFloat(String(lower.dropFirst(2))).map { .float(negative ? -$0 : $0) }
            }
            intValue = Int(lower.dropFirst(2), radix: 16)
        } else if lower.hasPrefix("0b") {
            intValue = Int(lower.dropFirst(2), radix: 2)
        } else if lower.hasPrefix("0o") {
            intValue = Int(lower.dropFirst(2), radix: 8)
        } else if lower.contains(where: { ".e".contains($0) }) {
            guard let d = Double(lower) else { return nil }
            return .float(negative ? -d : d)
        } else if lower.count > 1 && lower.hasPrefix("0") {
            intValue = Int(lower.dropFirst(), radix: 8)
        } else {
            intValue = Int(lower)
            if intValue == nil, let d = Double(lower) { return .float(negative ? -d : d) }
        }
        return intValue.map { .int(negative ? -$0 : $0) }
    }

    private static func hexFloat(_ s: String) -> Double? {
        let parts = s.split(separator: "p", maxSplits: 1)
        let mant = parts.first.map(String.init) ?? ""
        let exp = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let mp = mant.split(separator: ".", omittingEmptySubsequences: false)
        var v = 0.0
        for c in mp[0] { guard let d = c.hexDigitValue else { return nil }; v = v * 16 + Double(d) }
        if mp.count > 1 {
            var scale = 1.0 / 16
            for c in mp[1] { guard let d = c.hexDigitValue else { return nil }; v += Double(d) * scale; scale /= 16 }
        }
        var r = v
        if exp > 0 { for _ in 0..<exp { r *= 2 } } else if exp < 0 { for _ in 0 ..< -exp { r /= 2 } }
        return r
    }

    /// Go's `strconv.Unquote` for a double-quoted literal; nil if malformed.
    static func unquote(_ q: String) -> String? {
        let b = Array(q.unicodeScalars)
        guard b.count >= 2, b.first == "\"", b.last == "\"" else { return nil }
        var out = String.UnicodeScalarView()
        var bytes: [UInt8] = []  // pending \x / octal bytes, decoded as UTF-8
        func flush() { if !bytes.isEmpty { out.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars); bytes = [] } }
        var i = 1
        while i < b.count - 1 {
            let c = b[i]
            guard c == "\\" else { flush(); out.append(c); i += 1; continue }
            i += 1
            guard i < b.count - 1 else { return nil }
            let e = b[i]
            i += 1
            switch e {
            case "a": flush(); out.append("\u{07}")
            case "b": flush(); out.append("\u{08}")
            case "f": flush(); out.append("\u{0C}")
            case "n": flush(); out.append("\n")
            case "r": flush(); out.append("\r")
            case "t": flush(); out.append("\t")
            case "v": flush(); out.append("\u{0B}")
            case "\\", "\"", "'": flush(); out.append(e)
            case "x", "u", "U":
                let n = e == "x" ? 2 : (e == "u" ? 4 : 8)
                guard i + n <= b.count - 1, let v = UInt32(String(String.UnicodeScalarView(b[i..<i + n])), radix: 16)
                else { return nil }
                i += n
                if e == "x" { bytes.append(UInt8(v)) } else {
                    flush()
                    guard let u = Unicode.Scalar(v) else { return nil }
                    out.append(u)
                }
            case "0"..."7":
                guard i + 2 <= b.count - 1,
                      let v = UInt32(String(String.UnicodeScalarView(b[i - 1..<i + 2])), radix: 8), v < 256
                else { return nil }
                i += 2
                bytes.append(UInt8(v))
            default: return nil
            }
        }
        flush()
        return String(out)
    }
}
