import AlertCore

/// HMAC-MD5 (RFC 2104), only for the `CRAM-MD5` SMTP mechanism (RFC 2195), which
/// Alertmanager offers through Go's `smtp.CRAMMD5Auth`. Not for security.
enum HMACMD5 {
    static func hmac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var k = key.count > 64 ? MD5.digest(key) : key
        k += [UInt8](repeating: 0, count: 64 - k.count)
        let inner = MD5.digest(k.map { $0 ^ 0x36 } + message)
        return MD5.digest(k.map { $0 ^ 0x5C } + inner)
    }
}
