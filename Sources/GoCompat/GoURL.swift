/// Go's `net/url` escaping: `QueryEscape` (query parameters in tocsinctl's requests, the
/// templates' `urlquery`) and `PathEscape` (a silence ID in a request path).
public enum GoURL {
    /// `url.QueryEscape`: unreserved bytes (`A-Z a-z 0-9 - _ . ~`) kept, space as `+`, every
    /// other byte as `%XX` (upper-case hex).
    public static func queryEscape(_ s: String) -> String { escape(s, path: false) }

    /// `url.PathEscape`: like `QueryEscape` but space is `%20` and `$ & + : = @` stay, as
    /// Go's `shouldEscape` keeps them in `encodePathSegment` mode (`/ ; , ?` are escaped).
    public static func pathEscape(_ s: String) -> String { escape(s, path: true) }

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
}
