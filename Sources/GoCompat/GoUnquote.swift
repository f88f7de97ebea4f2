/// Go's `strconv.Unquote` for the body of a double-quoted string (the text between the
/// quotes): the UTF-8 matchers' quoted label values. Nil where Go returns `ErrSyntax` (a bare
/// `"` or newline, an unknown escape, a bad hex or octal escape, a surrogate) and where the
/// result would not be valid UTF-8: a `\x` or octal escape above 0x7F is a lone byte, which
/// Go keeps and a Swift `String` cannot hold.
extension GoQuote {
    package static func unquote(_ s: [Unicode.Scalar]) -> String? {
        var out = String.UnicodeScalarView()
        var i = 0
        func readHex(_ n: Int) -> UInt32? {
            guard i + n <= s.count else { return nil }
            var v: UInt32 = 0
            for k in 0..<n { guard let h = hexDigit(s[i + k].value) else { return nil }; v = v * 16 + h }
            i += n
            return v
        }
        while i < s.count {
            let c = s[i]
            i += 1
            if c == "\"" || c == "\n" { return nil }
            guard c == "\\" else { out.append(c); continue }
            guard i < s.count else { return nil }
            let e = s[i]
            i += 1
            switch e {
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "v": out.append("\u{0B}")
            case "\\": out.append("\\")
            case "\"": out.append("\"")
            case "x":
                // A \x escape is a byte; only ASCII bytes form valid UTF-8 on their own.
                guard let v = readHex(2), v < 0x80, let u = Unicode.Scalar(v) else { return nil }
                out.append(u)
            case "u", "U":
                guard let v = readHex(e == "u" ? 4 : 8), let u = Unicode.Scalar(v) else { return nil }
                out.append(u)
            case "0"..."7":
                i -= 1
                var v: UInt32 = 0
                for _ in 0..<3 {
                    guard i < s.count, ("0"..."7").contains(s[i]) else { return nil }
                    v = v * 8 + (s[i].value - 48)
                    i += 1
                }
                guard v < 0x80, let u = Unicode.Scalar(v) else { return nil }
                out.append(u)
            default: return nil
            }
        }
        return String(out)
    }

    /// The value of one hexadecimal digit (either case), as Go's `unhex`; nil for any other
    /// code point. Shared by `unquote` and `GoURL`'s percent-decoding.
    package static func hexDigit(_ c: UInt32) -> UInt32? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: nil
        }
    }
}
