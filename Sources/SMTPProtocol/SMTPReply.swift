/// One SMTP reply: a three-digit code and one text per line (multi-line replies such as
/// the EHLO extension list keep every line).
package struct SMTPReply: Sendable, Equatable {
    package var code: Int
    package var lines: [String]

    /// The texts joined by newlines, as Go's `textproto.ReadResponse` returns them.
    package var text: String { lines.joined(separator: "\n") }

    /// Go's `textproto.Error` text: `550 5.1.1 unknown user`.
    package var errorText: String {
        let c = String(code)
        return String(repeating: "0", count: max(0, 3 - c.count)) + c + " " + text
    }
}

/// Collects reply lines (without CRLF) into replies: `250-a`, `250-b`, `250 c` is one reply.
///
/// Like Go's `textproto.Reader.ReadResponse`, a line must start with three digits followed
/// by `-` (more lines follow), a space or nothing (last line); continuation lines must
/// carry the same code.
package struct SMTPReplyParser: Sendable {
    private var code: Int?
    private var lines: [String] = []

    package init() {}

    /// Feeds one line. - Returns: the reply when `line` completes one, else nil.
    /// - Throws: ``SMTPError`` (not retryable) on a line that is not a reply line.
    package mutating func feed(_ line: String) throws(SMTPError) -> SMTPReply? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, bytes[0..<3].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
        else { throw SMTPError(message: "short response: \(line)", retryable: false) }
        let lineCode = Int(bytes[0] - 0x30) * 100 + Int(bytes[1] - 0x30) * 10 + Int(bytes[2] - 0x30)
        if let code, code != lineCode {
            throw SMTPError(message: "invalid multi-line response: \(line)", retryable: false)
        }
        code = lineCode
        lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        let more = bytes.count > 3 && bytes[3] == UInt8(ascii: "-")
        if more { return nil }
        defer {
            self.code = nil
            lines = []
        }
        return SMTPReply(code: lineCode, lines: lines)
    }
}
