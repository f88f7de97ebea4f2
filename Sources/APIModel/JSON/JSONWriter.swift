import AlertCore
import Foundation

/// Appends JSON to a byte array the way Go's `encoding/json` (1.19, Alertmanager 0.25's
/// toolchain) writes it: HTML-safe escaping of `<`, `>`, `&`, `\u2028`/`\u2029` escaped,
/// control characters as `\n`, `\r`, `\t` or `\u00XX`, map keys in byte order.
package struct JSONWriter {
    package var bytes: [UInt8]

    package init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    @inlinable @inline(__always) package mutating func raw(_ b: UInt8) { bytes.append(b) }

    /// Appends an ASCII literal (keys, punctuation) that needs no escaping.
    @inlinable @inline(__always) package mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `s` as a quoted JSON string.
    package mutating func string(_ s: String) {
        // Borrowing the UTF-8 storage avoids a retain/copy per string (native and small strings).
        if s.utf8.withContiguousStorageIfAvailable({ utf8String($0) }) == nil {
            var copy = s
            copy.withUTF8 { utf8String($0) }
        }
    }

    private mutating func escape(_ u: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var i = 0
        let n = u.count
        while i < n {
            let b = u[i]
            if b >= 0x20, b != 0x22, b != 0x5C, b != 0x3C, b != 0x3E, b != 0x26, b != 0xE2 {
                i += 1
                continue
            }
            if b == 0xE2 {
                // U+2028 / U+2029 are E2 80 A8 / E2 80 A9.
                if i + 2 < n, u[i + 1] == 0x80, u[i + 2] == 0xA8 || u[i + 2] == 0xA9 {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                    raw("\\u202")
                    bytes.append(u[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                    i += 3
                    start = i
                } else {
                    i += 1
                }
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
            switch b {
            case 0x22: raw("\\\"")
            case 0x5C: raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            default:
                raw("\\u00")
                bytes.append(Self.hex[Int(b >> 4)])
                bytes.append(Self.hex[Int(b & 0xF)])
            }
            i += 1
            start = i
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<n]))
    }

    /// `{"name":"value",...}` with names in byte order (LabelSet is kept sorted), copied
    /// from the set's bytes.
    package mutating func labelSet(_ ls: LabelSet) {
        raw(UInt8(ascii: "{"))
        var first = true
        ls.forEachUTF8 { name, value in
            if !first { raw(UInt8(ascii: ",")) }
            first = false
            utf8String(name)
            raw(UInt8(ascii: ":"))
            utf8String(value)
            return true
        }
        raw(UInt8(ascii: "}"))
    }

    /// A JSON string of UTF-8 bytes.
    mutating func utf8String(_ u: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        escape(u)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func stringArray(_ a: [String]) {
        raw(UInt8(ascii: "["))
        for (i, s) in a.enumerated() {
            if i > 0 { raw(UInt8(ascii: ",")) }
            string(s)
        }
        raw(UInt8(ascii: "]"))
    }

    package mutating func date(_ d: Date) {
        raw(UInt8(ascii: "\""))
        RFC3339.append(d, to: &bytes)
        raw(UInt8(ascii: "\""))
    }

    mutating func int(_ v: Int) {
        bytes.append(contentsOf: String(v).utf8)
    }
}

extension JSONWriter {
    /// A JSON string document, as go-openapi writes a string payload (`"msg"` + newline).
    package static func stringBody(_ s: String) -> [UInt8] {
        var w = JSONWriter(capacity: s.utf8.count + 8)
        w.string(s)
        w.raw(UInt8(ascii: "\n"))
        return w.bytes
    }

    /// go-openapi's error document `{"code":N,"message":"..."}` (no trailing newline).
    package static func errorBody(code: Int, message: String) -> [UInt8] {
        var w = JSONWriter(capacity: message.utf8.count + 32)
        w.raw("{\"code\":")
        w.int(code)
        w.raw(",\"message\":")
        w.string(message)
        w.raw(UInt8(ascii: "}"))
        return w.bytes
    }
}
