/// The two MIME encodings Alertmanager's email notifier uses, written to produce the same
/// bytes as Go's `mime/quotedprintable.Writer` and `mime.QEncoding.Encode("utf-8", s)`.
enum EmailEncoding {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Go's quoted-printable writer (RFC 2045 §6.7, text mode): printable ASCII except `=`,
    /// spaces, tabs and line breaks pass; everything else becomes `=XX`. Lines are cut at 76
    /// characters with a soft break (`=` CRLF); every line break becomes CRLF; a space or tab
    /// before a line break or at the end is encoded.
    static func quotedPrintable(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / 8)
        var line: [UInt8] = []
        var cr = false
        let maxLine = 76
        let equals = UInt8(ascii: "="), crByte = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

        func flush() {
            out += line
            line.removeAll(keepingCapacity: true)
        }
        func insertCRLF() {
            line += [crByte, lf]
            flush()
        }
        func softBreak() {
            line.append(equals)
            insertCRLF()
        }
        func encode(_ b: UInt8) {
            if maxLine - 1 - line.count < 3 { softBreak() }
            line += [equals, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0x0F)]]
        }
        func encodeTrailingWhitespace() {
            guard let last = line.last, last == 0x20 || last == 0x09 else { return }
            line.removeLast()
            encode(last)
        }
        for b in input {
            let literal = (b >= 0x21 && b <= 0x7E && b != equals) || b == 0x20 || b == 0x09 || b == crByte || b == lf
            guard literal else {
                encode(b)
                continue
            }
            if b == crByte || b == lf {
                // A CRLF pair yields one line break.
                if cr && b == lf {
                    cr = false
                    continue
                }
                if b == crByte { cr = true }
                encodeTrailingWhitespace()
                insertCRLF()
                continue
            }
            if line.count == maxLine - 1 { softBreak() }
            line.append(b)
            cr = false
        }
        encodeTrailingWhitespace()
        flush()
        return out
    }

    /// Go's `mime.QEncoding.Encode("utf-8", s)`: `s` unchanged when it is printable ASCII
    /// (tabs allowed); otherwise RFC 2047 encoded words `=?utf-8?q?...?=` of at most 75
    /// characters, separated by a space, never splitting a UTF-8 sequence.
    static func qEncode(_ s: String) -> String {
        let needs = s.unicodeScalars.contains { ($0.value < 0x20 || $0.value > 0x7E) && $0 != "\t" }
        guard needs else { return s }
        let maxContent = 75 - "=?UTF-8?q?".utf8.count - "?=".utf8.count
        var out = Array("=?utf-8?q?".utf8)
        var current = 0
        for scalar in s.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            let plain = bytes.count == 1 && bytes[0] >= 0x20 && bytes[0] <= 0x7E && !"=?_".utf8.contains(bytes[0])
            let length = plain ? 1 : 3 * bytes.count
            if current + length > maxContent {
                out += Array("?= =?utf-8?q?".utf8)
                current = 0
            }
            for b in bytes {
                if b == 0x20 {
                    out.append(UInt8(ascii: "_"))
                } else if b >= 0x21 && b <= 0x7E && !"=?_".utf8.contains(b) {
                    out.append(b)
                } else {
                    out += [UInt8(ascii: "="), hexDigits[Int(b >> 4)], hexDigits[Int(b & 0x0F)]]
                }
            }
            current += length
        }
        out += Array("?=".utf8)
        return String(decoding: out, as: UTF8.self)
    }
}
