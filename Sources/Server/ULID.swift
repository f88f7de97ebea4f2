import Foundation

/// A ULID (26 characters of Crockford base32: 48-bit milliseconds + 80 random bits),
/// the form Alertmanager 0.25 uses for a peer's name at every start.
enum ULID {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    static func make(now: Date = Date()) -> String {
        var rng = SystemRandomNumberGenerator()
        let ms = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        var out = [UInt8](repeating: 0, count: 26)
        var t = ms
        for i in stride(from: 9, through: 0, by: -1) {
            out[i] = alphabet[Int(t & 31)]
            t >>= 5
        }
        for i in 10..<26 { out[i] = alphabet[Int(rng.next() & 31)] }
        return String(decoding: out, as: UTF8.self)
    }
}
