import Foundation

/// MD5 (RFC 1321) and HMAC-MD5 (RFC 2104), only for the `CRAM-MD5` SMTP mechanism
/// (RFC 2195), which Alertmanager offers through Go's `smtp.CRAMMD5Auth`. Not for security.
enum HMACMD5 {
    /// Per-round left-rotation amounts.
    private static let shifts: [UInt32] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]
    /// floor(|sin(i + 1)| * 2^32), RFC 1321's table T.
    private static let table: [UInt32] = (0..<64).map { i in
        UInt32((abs(sin(Double(i + 1))) * 4_294_967_296).rounded(.down))
    }

    static func md5(_ message: [UInt8]) -> [UInt8] {
        var msg = message
        let bits = UInt64(message.count) &* 8
        msg.append(0x80)
        while msg.count % 64 != 56 { msg.append(0) }
        for i in 0..<8 { msg.append(UInt8(truncatingIfNeeded: bits >> UInt64(8 * i))) }
        var h: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476)
        var w = [UInt32](repeating: 0, count: 16)
        for block in stride(from: 0, to: msg.count, by: 64) {
            for i in 0..<16 {
                let j = block + 4 * i
                w[i] = UInt32(msg[j]) | UInt32(msg[j + 1]) << 8 | UInt32(msg[j + 2]) << 16 | UInt32(msg[j + 3]) << 24
            }
            var (a, b, c, d) = h
            for i in 0..<64 {
                let f: UInt32, g: Int
                switch i / 16 {
                case 0: f = (b & c) | (~b & d); g = i
                case 1: f = (d & b) | (~d & c); g = (5 * i + 1) & 15
                case 2: f = b ^ c ^ d; g = (3 * i + 5) & 15
                default: f = c ^ (b | ~d); g = (7 * i) & 15
                }
                let s = shifts[(i / 16) * 4 + i % 4]
                let sum = a &+ f &+ table[i] &+ w[g]
                (a, d, c) = (d, c, b)
                b = b &+ (sum << s | sum >> (32 - s))
            }
            h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d)
        }
        var out: [UInt8] = []
        for v in [h.0, h.1, h.2, h.3] {
            for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> UInt32(8 * i))) }
        }
        return out
    }

    static func hmac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var k = key.count > 64 ? md5(key) : key
        k += [UInt8](repeating: 0, count: 64 - k.count)
        let inner = md5(k.map { $0 ^ 0x36 } + message)
        return md5(k.map { $0 ^ 0x5C } + inner)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes { out += [digits[Int(b >> 4)], digits[Int(b & 15)]] }
        return String(decoding: out, as: UTF8.self)
    }
}
