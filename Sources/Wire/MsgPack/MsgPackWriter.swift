/// Appends msgpack values to a byte array exactly the way hashicorp/go-msgpack v0.5.3
/// (the codec memberlist v0.5.0 uses, zero-value `MsgpackHandle`) writes them:
/// smallest integer forms, positive signed values in unsigned forms, and strings and
/// byte slices both in the old "raw" str family (fixstr, then `da` str16, then `db`
/// str32; never `d9` str8 and never bin).
package struct MsgPackWriter: Sendable {
    package private(set) var bytes: [UInt8]

    package init(capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    package mutating func writeNil() {
        bytes.append(0xc0)
    }

    package mutating func writeBool(_ value: Bool) {
        bytes.append(value ? 0xc3 : 0xc2)
    }

    /// Unsigned integer in its smallest form: fixint, `cc` u8, `cd` u16, `ce` u32, `cf` u64.
    package mutating func writeUInt(_ value: UInt64) {
        switch value {
        case 0...0x7f: bytes.append(UInt8(value))
        case 0x80...0xff: bytes.append(0xcc); bytes.append(UInt8(value))
        case 0x100...0xffff: bytes.append(0xcd); appendBigEndian(value, count: 2)
        case 0x1_0000...0xffff_ffff: bytes.append(0xce); appendBigEndian(value, count: 4)
        default: bytes.append(0xcf); appendBigEndian(value, count: 8)
        }
    }

    /// Signed integer: non-negative values use the unsigned forms (as Go does);
    /// negative ones negative fixint or `d0`..`d3`.
    package mutating func writeInt(_ value: Int64) {
        if value >= 0 {
            writeUInt(UInt64(value))
            return
        }
        let bits = UInt64(bitPattern: value)
        switch value {
        case -32 ... -1: bytes.append(UInt8(truncatingIfNeeded: bits))
        case Int64(Int8.min) ... -33: bytes.append(0xd0); appendBigEndian(bits, count: 1)
        case Int64(Int16.min) ..< Int64(Int8.min): bytes.append(0xd1); appendBigEndian(bits, count: 2)
        case Int64(Int32.min) ..< Int64(Int16.min): bytes.append(0xd2); appendBigEndian(bits, count: 4)
        default: bytes.append(0xd3); appendBigEndian(bits, count: 8)
        }
    }

    /// Raw bytes in the str family (Go's encoding of both `string` and `[]byte`).
    package mutating func writeStr<Bytes: Collection>(_ raw: Bytes) where Bytes.Element == UInt8 {
        let count = raw.count
        if count < 32 {
            bytes.append(0xa0 | UInt8(count))
        } else if count <= 0xffff {
            bytes.append(0xda)
            appendBigEndian(UInt64(count), count: 2)
        } else {
            bytes.append(0xdb)
            appendBigEndian(UInt64(count), count: 4)
        }
        bytes.append(contentsOf: raw)
    }

    /// A Go `string` field.
    package mutating func writeString(_ value: String) {
        writeStr(value.utf8)
    }

    /// A Go `[]byte` field: `nil` becomes msgpack nil (`c0`), anything else a str.
    package mutating func writeBytes(_ value: [UInt8]?) {
        guard let value else {
            writeNil()
            return
        }
        writeStr(value)
    }

    /// Header of a map with `count` entries (fixmap, `de` map16, `df` map32).
    package mutating func writeMapHeader(_ count: Int) {
        writeContainerHeader(count, fix: 0x80, header16: 0xde, header32: 0xdf)
    }

    /// Header of an array with `count` elements (fixarray, `dc` array16, `dd` array32).
    package mutating func writeArrayHeader(_ count: Int) {
        writeContainerHeader(count, fix: 0x90, header16: 0xdc, header32: 0xdd)
    }

    private mutating func writeContainerHeader(_ count: Int, fix: UInt8, header16: UInt8, header32: UInt8) {
        if count < 16 {
            bytes.append(fix | UInt8(count))
        } else if count <= 0xffff {
            bytes.append(header16)
            appendBigEndian(UInt64(count), count: 2)
        } else {
            bytes.append(header32)
            appendBigEndian(UInt64(count), count: 4)
        }
    }

    private mutating func appendBigEndian(_ value: UInt64, count: Int) {
        for index in stride(from: count - 1, through: 0, by: -1) {
            bytes.append(UInt8(truncatingIfNeeded: value >> (UInt64(index) * 8)))
        }
    }
}
