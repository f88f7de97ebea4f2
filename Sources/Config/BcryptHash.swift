/// A bcrypt hash as Go's `golang.org/x/crypto/bcrypt` reads it (`newFromHash`): `$2<minor>$NN$`
/// then 22 characters of salt and 31 of hash. Go accepts any minor letter (and none) and
/// ignores what follows the 53 characters; `canonical` is the same hash with minor `b`, which
/// the OpenBSD implementation verifies identically for passwords under 255 bytes (`a` and `y`
/// differ from `b` only in how they wrap longer ones).
package struct BcryptHash: Sendable, Equatable {
    package let cost: Int
    package let canonical: String

    package struct Failure: Error, Sendable { package let message: String }

    package init(_ hash: String) throws(Failure) {
        let b = Array(hash.utf8)
        // Go: minHashSize = 59 ("$2a$" + "10$" + 53 characters).
        guard b.count >= 59 else {
            throw Failure(message: "crypto/bcrypt: hashedSecret too short to be a bcrypted password")
        }
        guard b[0] == UInt8(ascii: "$") else {
            throw Failure(message: "crypto/bcrypt: bcrypt hashes must start with '$', but hashedSecret started with '\(Self.char(b[0]))'")
        }
        guard b[1] <= UInt8(ascii: "2") else {
            throw Failure(message: "crypto/bcrypt: bcrypt algorithm version '\(Self.char(b[1]))' requested is newer than current version '2'")
        }
        let n = b[2] == UInt8(ascii: "$") ? 3 : 4
        let digits = String(decoding: b[n..<n + 2], as: UTF8.self)
        guard let cost = Self.atoi(digits) else {
            throw Failure(message: "strconv.Atoi: parsing \"\(digits)\": invalid syntax")
        }
        guard (4...31).contains(cost) else {
            throw Failure(message: "crypto/bcrypt: cost \(cost) is outside allowed range (4,31)")
        }
        let rest = b[(n + 3)...].prefix(53)
        guard rest.count == 53 else {
            throw Failure(message: "crypto/bcrypt: hashedSecret too short to be a bcrypted password")
        }
        self.cost = cost
        canonical = "$2b$" + (cost < 10 ? "0\(cost)" : "\(cost)") + "$" + String(decoding: rest, as: UTF8.self)
    }

    /// Go's `strconv.Atoi` on two characters: an optional sign and decimal digits.
    static func atoi(_ s: String) -> Int? {
        let body = s.hasPrefix("+") || s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s)
    }

    static func char(_ byte: UInt8) -> String { String(decoding: [byte], as: UTF8.self) }
}
