/// Why msgpack input could not be decoded.
package struct MsgPackError: Error, Equatable, CustomStringConvertible {
    package enum Kind: Equatable, Sendable {
        /// The input ended in the middle of a value.
        case unexpectedEnd
        /// A type byte that cannot start the value expected here (e.g. bin for a Go string,
        /// the way go-msgpack reports "Unrecognized descriptor byte").
        case unexpectedType(UInt8, expected: String)
        /// An integer that does not fit the target field (Go's overflow check).
        case integerOverflow(String)
        /// The reserved byte `c1`.
        case invalidTypeByte(UInt8)
        /// Containers nested deeper than the reader allows.
        case nestingTooDeep
        /// A container declares more entries than bytes remain.
        case lengthTooLarge(Int)
    }

    package let kind: Kind
    /// Offset of the offending type byte.
    package let offset: Int

    package init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    package var description: String {
        switch kind {
        case .unexpectedEnd: return "msgpack: input ends inside a value at byte \(offset)"
        case let .unexpectedType(byte, expected):
            return "msgpack: unexpected descriptor byte 0x\(String(byte, radix: 16)) at byte \(offset), expected \(expected)"
        case let .integerOverflow(detail): return "msgpack: integer at byte \(offset) \(detail)"
        case let .invalidTypeByte(byte): return "msgpack: invalid descriptor byte 0x\(String(byte, radix: 16)) at byte \(offset)"
        case .nestingTooDeep: return "msgpack: containers nested too deep at byte \(offset)"
        case let .lengthTooLarge(count): return "msgpack: container at byte \(offset) declares \(count) entries, more than the input holds"
        }
    }
}
