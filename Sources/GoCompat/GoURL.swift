/// Go's `net/url` escaping: `QueryEscape` (query parameters in tocsinctl's requests, the
/// templates' `urlquery`) and `PathEscape` (a silence ID in a request path).
package enum GoURL {
    /// `url.QueryEscape`: unreserved bytes (`A-Z a-z 0-9 - _ . ~`) kept, space as `+`, every
    /// other byte as `%XX` (upper-case hex).
    package static func queryEscape(_ s: String) -> String { escape(s, path: false) }

    /// `url.PathEscape`: like `QueryEscape` but space is `%20` and `$ & + : = @` stay, as
    /// Go's `shouldEscape` keeps them in `encodePathSegment` mode (`/ ; , ?` are escaped).
    package static func pathEscape(_ s: String) -> String { escape(s, path: true) }

    private static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func keptInPathSegment(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "@"):
            return true
        default:
            return false
        }
    }

    private static func escape(_ s: String, path: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                 UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(b)
            case UInt8(ascii: " ") where !path:
                out.append(UInt8(ascii: "+"))
            // One `where` per pattern: in a list, `where` binds to the last pattern only.
            case _ where path && keptInPathSegment(b):
                out.append(b)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `url.QueryUnescape`: `+` is a space, `%XX` a byte; a bad escape is Go's
    /// `invalid URL escape "%zz"`. Bytes that are not UTF-8 come out as U+FFFD.
    package static func queryUnescape(_ s: String) throws(URLEscapeError) -> String {
        try unescape(s, plusIsSpace: true)
    }

    /// `url.PathUnescape`: as `queryUnescape`, but `+` stays a plus.
    package static func pathUnescape(_ s: String) throws(URLEscapeError) -> String {
        try unescape(s, plusIsSpace: false)
    }

    private static func unescape(_ s: String, plusIsSpace: Bool) throws(URLEscapeError) -> String {
        if !s.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) { return s }
        let b = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "%"):
                guard i + 2 < b.count, let hi = hexValue(b[i + 1]), let lo = hexValue(b[i + 2]) else {
                    throw URLEscapeError(escape: String(decoding: b[i..<min(i + 3, b.count)], as: UTF8.self))
                }
                out.append(hi << 4 | lo)
                i += 3
            case UInt8(ascii: "+") where plusIsSpace:
                out.append(UInt8(ascii: " "))
                i += 1
            default:
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        GoQuote.hexDigit(UInt32(c)).map { UInt8($0) }
    }
}

/// `url.EscapeError`.
package struct URLEscapeError: Error, Sendable, Equatable, CustomStringConvertible {
    package let escape: String
    package var description: String { "invalid URL escape " + GoQuote.quote(escape) }
}
