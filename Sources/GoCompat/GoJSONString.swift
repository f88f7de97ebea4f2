/// Go's `encoding/json` string encoding, the one every JSON text Tocsin writes goes through
/// (API v2 bodies, webhook payloads, tocsinctl's `-o json`, templates' `toJson`).
///
/// The rules are Go 1.19's `encodeState.string` with HTML escaping on (the default of both
/// `json.Marshal` and `json.Encoder`, and Go 1.19 builds Alertmanager 0.25 and amtool):
/// `"` and `\` backslashed; `\n`, `\r`, `\t` short; every other byte below 0x20 as `\u00XX`
/// (so `\b` and `\f` are `\u0008` and `\u000c`: Go 1.22 switched to the short forms); `<`, `>`
/// and `&` as `\u003c`, `\u003e`, `\u0026`; U+2028 and U+2029 as `\u2028`, `\u2029`; all else
/// verbatim. Go also writes `\ufffd` for invalid UTF-8; the inputs here are a Swift `String`'s
/// UTF-8 (always valid), so that case cannot arise.
package enum GoJSONString {
    @usableFromInline static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `utf8` quoted. A byte loop that copies unescaped runs in one go: the API's
    /// hot path (100k alerts per response) calls it for every string and allocates nothing
    /// beyond `out`'s growth.
    package static func append(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        appendEscaped(utf8, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `s` quoted, borrowing its UTF-8 storage (no copy for native and small strings).
    package static func append(_ s: String, to out: inout [UInt8]) {
        if s.utf8.withContiguousStorageIfAvailable({ append($0, to: &out) }) == nil {
            var copy = s
            copy.withUTF8 { append($0, to: &out) }
        }
    }

    /// `s` as a quoted JSON string.
    package static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        append(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The escaped bytes of `u`, without the quotes.
    static func appendEscaped(_ u: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        var i = 0
        let n = u.count
        while i < n {
            if i + 8 <= n, plain(WordScan.load(u.baseAddress! + i)) {
                i += 8
                continue
            }
            let b = u[i]
            if b >= 0x20, b != 0x22, b != 0x5C, b != 0x3C, b != 0x3E, b != 0x26, b != 0xE2 {
                i += 1
                continue
            }
            if b == 0xE2 {
                // U+2028 / U+2029 are E2 80 A8 / E2 80 A9; other E2 sequences pass through.
                if i + 2 < n, u[i + 1] == 0x80, u[i + 2] == 0xA8 || u[i + 2] == 0xA9 {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                    appendASCII("\\u202", to: &out)
                    out.append(u[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                    i += 3
                    start = i
                } else {
                    i += 1
                }
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
            switch b {
            case 0x22: appendASCII("\\\"", to: &out)
            case 0x5C: appendASCII("\\\\", to: &out)
            case 0x0A: appendASCII("\\n", to: &out)
            case 0x0D: appendASCII("\\r", to: &out)
            case 0x09: appendASCII("\\t", to: &out)
            default:
                appendASCII("\\u00", to: &out)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            }
            i += 1
            start = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<n]))
    }

    /// True when none of the eight bytes of `w` needs a look: all are ASCII, none is a
    /// control byte, `"`, `\\`, `<`, `>` or `&`. Label values are almost always such runs, so
    /// the scan takes eight bytes a step (it was a tenth of a full listing's CPU byte by byte).
    @inline(__always) static func plain(_ w: UInt64) -> Bool {
        !(WordScan.hasNonASCII(w) || WordScan.hasByte(below: 0x20, w) || WordScan.hasByte(0x22, w)
            || WordScan.hasByte(0x5C, w) || WordScan.hasByte(0x3C, w) || WordScan.hasByte(0x3E, w) || WordScan.hasByte(0x26, w))
    }

    @inline(__always) static func appendASCII(_ s: StaticString, to out: inout [UInt8]) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }
}
