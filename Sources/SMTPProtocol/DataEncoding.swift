/// The bytes sent after `DATA`, as Go's `textproto.DotWriter` writes them: a lone `\n`
/// becomes `\r\n`, a `.` at the start of a line is doubled (dot-stuffing, RFC 5321
/// §4.5.2), and the message is closed with `\r\n.\r\n` (only `.\r\n` when it already
/// ends with a line break).
package enum DataEncoding {
    package static func encode(_ message: [UInt8]) -> [UInt8] {
        enum State { case beginLine, data, cr }
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), dot = UInt8(ascii: ".")
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 64 + 8)
        var state = State.beginLine
        var started = false
        for c in message {
            started = true
            switch state {
            case .beginLine, .data:
                if state == .beginLine && c == dot { out.append(dot) }
                state = .data
                if c == cr { state = .cr }
                if c == lf {
                    out.append(cr)
                    state = .beginLine
                }
            case .cr:
                state = .data
                if c == lf { state = .beginLine }
            }
            out.append(c)
        }
        // An empty message ends like one with data: Go's writer starts in a "begin" state
        // that closes with CRLF before the final dot.
        if !started { state = .data }
        switch state {
        case .data: out += [cr, lf, dot, cr, lf]
        case .cr: out += [lf, dot, cr, lf]
        case .beginLine: out += [dot, cr, lf]
        }
        return out
    }
}
