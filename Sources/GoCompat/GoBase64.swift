/// Go's `encoding/base64.URLEncoding` (URL-safe alphabet, `=` padding), as the templates'
/// `base64encode` and `base64decode` use it, with Go's `illegal base64 data at input byte N`.
package enum GoBase64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let values: [UInt8: UInt8] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, UInt8($0)) })

    package struct CorruptInput: Error, Sendable, Equatable, CustomStringConvertible {
        package let offset: Int
        package var description: String { "illegal base64 data at input byte \(offset)" }
    }

    package static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let n = min(3, bytes.count - i)
            let v = (UInt32(bytes[i]) << 16) | (n > 1 ? UInt32(bytes[i + 1]) << 8 : 0) | (n > 2 ? UInt32(bytes[i + 2]) : 0)
            for k in 0..<4 {
                out.append(k <= n ? alphabet[Int(v >> UInt32(18 - 6 * k) & 0x3F)] : UInt8(ascii: "="))
            }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes; `\r` and `\n` are skipped, as Go skips them.
    package static func decode(_ text: String) throws(CorruptInput) -> [UInt8] {
        let b = Array(text.utf8)
        var out: [UInt8] = []
        var quantum: [UInt8] = []
        var i = 0
        func flush() {
            let v = quantum.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << UInt32(18 - 6 * $1.offset) }
            for k in 0..<(quantum.count - 1) { out.append(UInt8(v >> UInt32(16 - 8 * k) & 0xFF)) }
            quantum = []
        }
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { i += 1; continue }
            if c == UInt8(ascii: "=") {
                // Padding ends a quantum of two or three characters: "xx==" or "xxx=".
                guard quantum.count >= 2 else { throw CorruptInput(offset: i) }
                var j = i + 1
                if quantum.count == 2 {
                    while j < b.count, b[j] == UInt8(ascii: "\n") || b[j] == UInt8(ascii: "\r") { j += 1 }
                    guard j < b.count else { throw CorruptInput(offset: b.count) }
                    guard b[j] == UInt8(ascii: "=") else { throw CorruptInput(offset: j - 1) }
                    j += 1
                }
                while j < b.count, b[j] == UInt8(ascii: "\n") || b[j] == UInt8(ascii: "\r") { j += 1 }
                if j < b.count { throw CorruptInput(offset: j) }
                flush()
                return out
            }
            guard let v = values[c] else { throw CorruptInput(offset: i) }
            quantum.append(v)
            if quantum.count == 4 { flush() }
            i += 1
        }
        if !quantum.isEmpty { throw CorruptInput(offset: b.count - quantum.count) }
        return out
    }
}
