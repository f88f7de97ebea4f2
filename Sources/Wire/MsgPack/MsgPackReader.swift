/// Reads msgpack values from a byte array with the tolerance of go-msgpack v0.5.3's
/// decoder as memberlist uses it: integers in any int/uint form (with an overflow check
/// against the target width), bools also from fixint 0/1, str-family values as raw bytes
/// with no UTF-8 validation, Go `[]byte` fields from str, bin, nil or an array of small ints,
/// and Go `string` fields (and map keys) only from the str family (bin is rejected, as in Go).
package struct MsgPackReader: Sendable {
    package let bytes: [UInt8]
    package private(set) var offset: Int
    /// Deepest container nesting `skipValue` follows before giving up.
    package static let maxDepth = 64

    package init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    package var isAtEnd: Bool { offset >= bytes.count }

    /// The bytes after the current position (e.g. the raw user state after a push-pull's node list).
    package var remaining: ArraySlice<UInt8> { bytes[min(offset, bytes.count)...] }

    /// Consumes a nil (`c0`) if one is next and reports whether it did.
    package mutating func readNilIfPresent() -> Bool {
        guard offset < bytes.count, bytes[offset] == 0xc0 else { return false }
        offset += 1
        return true
    }

    package mutating func readBool() throws(MsgPackError) -> Bool {
        let start = offset
        switch try takeByte() {
        case 0xc3, 0x01: return true
        case 0xc2, 0x00: return false
        case let byte:
            offset = start
            throw MsgPackError(.unexpectedType(byte, expected: "bool"), at: start)
        }
    }

    /// Any integer form, as an unsigned value no larger than `max`; negative values fail.
    package mutating func readUInt(max: UInt64 = .max) throws(MsgPackError) -> UInt64 {
        let start = offset
        let value = try readInteger(expected: "unsigned integer")
        switch value {
        case let .unsigned(v) where v <= max: return v
        case .unsigned: throw MsgPackError(.integerOverflow("does not fit in the target width"), at: start)
        case .signed: throw MsgPackError(.integerOverflow("is negative for an unsigned field"), at: start)
        }
    }

    /// Any integer form, as a signed value within `range`.
    package mutating func readInt(in range: ClosedRange<Int64> = .min ... .max) throws(MsgPackError) -> Int64 {
        let start = offset
        let result: Int64
        switch try readInteger(expected: "integer") {
        case let .signed(v): result = v
        case let .unsigned(v):
            guard v <= UInt64(Int64.max) else {
                throw MsgPackError(.integerOverflow("does not fit in the target width"), at: start)
            }
            result = Int64(v)
        }
        guard range.contains(result) else {
            throw MsgPackError(.integerOverflow("does not fit in the target width"), at: start)
        }
        return result
    }

    package mutating func readUInt8() throws(MsgPackError) -> UInt8 { UInt8(try readUInt(max: UInt64(UInt8.max))) }
    /// A Go `int` field (64-bit on the platforms Alertmanager ships for).
    package mutating func readGoInt() throws(MsgPackError) -> Int { Int(try readInt()) }

    /// A str-family value as raw bytes (Go `string` decoding; bin is rejected).
    package mutating func readStr() throws(MsgPackError) -> [UInt8] {
        let start = offset
        let byte = try takeByte()
        let count: Int
        switch byte {
        case 0xa0...0xbf: count = Int(byte & 0x1f)
        case 0xd9: count = Int(try takeBigEndian(1))
        case 0xda: count = Int(try takeBigEndian(2))
        case 0xdb: count = Int(try takeBigEndian(4))
        default:
            offset = start
            throw MsgPackError(.unexpectedType(byte, expected: "str"), at: start)
        }
        return try take(count, start: start)
    }

    /// A Go `string` field; invalid UTF-8 is repaired, never rejected.
    package mutating func readString() throws(MsgPackError) -> String {
        String(decoding: try readStr(), as: UTF8.self)
    }

    /// A Go `[]byte` field: str or bin family, an array of small ints, or nil (returned as `nil`).
    package mutating func readBytes() throws(MsgPackError) -> [UInt8]? {
        let start = offset
        guard offset < bytes.count else { throw MsgPackError(.unexpectedEnd, at: start) }
        let byte = bytes[offset]
        switch byte {
        case 0xc0:
            offset += 1
            return nil
        case 0xa0...0xbf, 0xd9, 0xda, 0xdb:
            return try readStr()
        case 0xc4, 0xc5, 0xc6:
            offset += 1
            let count = Int(try takeBigEndian(byte == 0xc4 ? 1 : byte == 0xc5 ? 2 : 4))
            return try take(count, start: start)
        case 0x90...0x9f, 0xdc, 0xdd:
            let count = try readArrayHeader()
            var out: [UInt8] = []
            out.reserveCapacity(count)
            for _ in 0..<count { out.append(try readUInt8()) }
            return out
        default:
            throw MsgPackError(.unexpectedType(byte, expected: "bytes"), at: start)
        }
    }

    /// A map header; nil counts as an empty map (Go leaves the struct zeroed).
    package mutating func readMapHeader() throws(MsgPackError) -> Int {
        try readHeader(fix: 0x80, b16: 0xde, b32: 0xdf, expected: "map", bytesPerItem: 2)
    }

    /// An array header; nil counts as an empty array.
    package mutating func readArrayHeader() throws(MsgPackError) -> Int {
        try readHeader(fix: 0x90, b16: 0xdc, b32: 0xdd, expected: "array", bytesPerItem: 1)
    }

    /// A map or array header: the count in the low nibble of a `fix` byte, or big-endian
    /// after `b16`/`b32`. A count that the remaining bytes cannot hold (each item takes
    /// `bytesPerItem` at least) is refused before anything is allocated for it.
    private mutating func readHeader(fix: UInt8, b16: UInt8, b32: UInt8, expected: String,
                                     bytesPerItem: Int) throws(MsgPackError) -> Int {
        if readNilIfPresent() { return 0 }
        let start = offset
        let byte = try takeByte()
        let count: Int
        switch byte {
        case fix...(fix | 0x0f): count = Int(byte & 0x0f)
        case b16: count = Int(try takeBigEndian(2))
        case b32: count = Int(try takeBigEndian(4))
        default:
            offset = start
            throw MsgPackError(.unexpectedType(byte, expected: expected), at: start)
        }
        guard count <= (bytes.count - offset) / bytesPerItem else { throw MsgPackError(.lengthTooLarge(count), at: start) }
        return count
    }

    /// Skips one complete value of any type (unknown struct fields).
    package mutating func skipValue() throws(MsgPackError) {
        try skipValue(depth: 0)
    }

    // MARK: - Internals

    /// A decoded integer; `signed` only ever holds negative values.
    enum Integer {
        case unsigned(UInt64), signed(Int64)

        static func normalized(_ value: Int64) -> Integer {
            value >= 0 ? .unsigned(UInt64(value)) : .signed(value)
        }
    }

    mutating func readInteger(expected: String) throws(MsgPackError) -> Integer {
        let start = offset
        let byte = try takeByte()
        switch byte {
        case 0x00...0x7f: return .unsigned(UInt64(byte))
        case 0xe0...0xff: return .signed(Int64(Int8(bitPattern: byte)))
        case 0xcc: return .unsigned(try takeBigEndian(1))
        case 0xcd: return .unsigned(try takeBigEndian(2))
        case 0xce: return .unsigned(try takeBigEndian(4))
        case 0xcf: return .unsigned(try takeBigEndian(8))
        case 0xd0: return .normalized(Int64(Int8(truncatingIfNeeded: try takeBigEndian(1))))
        case 0xd1: return .normalized(Int64(Int16(truncatingIfNeeded: try takeBigEndian(2))))
        case 0xd2: return .normalized(Int64(Int32(truncatingIfNeeded: try takeBigEndian(4))))
        case 0xd3: return .normalized(Int64(bitPattern: try takeBigEndian(8)))
        default:
            offset = start
            throw MsgPackError(.unexpectedType(byte, expected: expected), at: start)
        }
    }

    private mutating func skipValue(depth: Int) throws(MsgPackError) {
        let start = offset
        guard depth < Self.maxDepth else { throw MsgPackError(.nestingTooDeep, at: start) }
        let byte = try takeByte()
        var skipBytes = 0
        var children = 0
        switch byte {
        case 0x00...0x7f, 0xe0...0xff, 0xc0, 0xc2, 0xc3: break
        case 0x80...0x8f: children = Int(byte & 0x0f) * 2
        case 0x90...0x9f: children = Int(byte & 0x0f)
        case 0xa0...0xbf: skipBytes = Int(byte & 0x1f)
        case 0xc1: throw MsgPackError(.invalidTypeByte(byte), at: start)
        case 0xc4, 0xd9: skipBytes = Int(try takeBigEndian(1))
        case 0xc5, 0xda: skipBytes = Int(try takeBigEndian(2))
        case 0xc6, 0xdb: skipBytes = Int(try takeBigEndian(4))
        case 0xc7: skipBytes = Int(try takeBigEndian(1)) + 1
        case 0xc8: skipBytes = Int(try takeBigEndian(2)) + 1
        case 0xc9: skipBytes = Int(try takeBigEndian(4)) + 1
        case 0xca, 0xce, 0xd2: skipBytes = 4
        case 0xcb, 0xcf, 0xd3: skipBytes = 8
        case 0xcc, 0xd0: skipBytes = 1
        case 0xcd, 0xd1: skipBytes = 2
        case 0xd4: skipBytes = 2
        case 0xd5: skipBytes = 3
        case 0xd6: skipBytes = 5
        case 0xd7: skipBytes = 9
        case 0xd8: skipBytes = 17
        case 0xdc: children = Int(try takeBigEndian(2))
        case 0xdd: children = Int(try takeBigEndian(4))
        case 0xde: children = Int(try takeBigEndian(2)) * 2
        case 0xdf: children = Int(try takeBigEndian(4)) * 2
        default: throw MsgPackError(.invalidTypeByte(byte), at: start)
        }
        // Skipped bytes are only bounds-checked, never copied (a skipped value can be large).
        guard skipBytes <= bytes.count - offset else { throw MsgPackError(.unexpectedEnd, at: start) }
        offset += skipBytes
        guard children <= bytes.count - offset else { throw MsgPackError(.lengthTooLarge(children), at: start) }
        for _ in 0..<children { try skipValue(depth: depth + 1) }
    }

    private mutating func takeByte() throws(MsgPackError) -> UInt8 {
        guard offset < bytes.count else { throw MsgPackError(.unexpectedEnd, at: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    private mutating func takeBigEndian(_ count: Int) throws(MsgPackError) -> UInt64 {
        guard count <= bytes.count - offset else { throw MsgPackError(.unexpectedEnd, at: offset) }
        var value: UInt64 = 0
        for index in offset..<(offset + count) { value = value << 8 | UInt64(bytes[index]) }
        offset += count
        return value
    }

    private mutating func take(_ count: Int, start: Int) throws(MsgPackError) -> [UInt8] {
        guard count <= bytes.count - offset else { throw MsgPackError(.unexpectedEnd, at: start) }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }
}
