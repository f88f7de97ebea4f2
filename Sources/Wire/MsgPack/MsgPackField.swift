/// One field of a `MsgPackStruct`: its Go name (the map key), and how its value is written
/// and read. A struct lists its fields once, in a static table, and the codec follows it.
package struct MsgPackField<Root>: Sendable {
    let key: String
    /// Whether the field is left out of the map: Go's `omitempty` with a zero value.
    let isOmitted: @Sendable (Root) -> Bool
    let write: @Sendable (Root, inout MsgPackWriter) -> Void
    let read: @Sendable (inout Root, inout MsgPackReader) throws(MsgPackError) -> Void

    init<Value: MsgPackValue>(_ key: String, _ path: WritableKeyPath<Root, Value> & Sendable, omitEmpty: Bool = false) {
        self.key = key
        if omitEmpty {
            isOmitted = { root in root[keyPath: path].isZero }
        } else {
            isOmitted = { _ in false }
        }
        write = { root, writer in root[keyPath: path].write(to: &writer) }
        read = { root, reader throws(MsgPackError) in root[keyPath: path] = try Value.read(from: &reader) }
    }
}

/// A Go field type, written and read the way go-msgpack v0.5.3 does (see `MsgPackWriter`
/// and `MsgPackReader` for the forms).
protocol MsgPackValue: Sendable {
    /// Whether this is Go's zero value (what `omitempty` leaves out).
    var isZero: Bool { get }
    func write(to writer: inout MsgPackWriter)
    static func read(from reader: inout MsgPackReader) throws(MsgPackError) -> Self
}

extension Bool: MsgPackValue {
    var isZero: Bool { !self }
    func write(to writer: inout MsgPackWriter) { writer.writeBool(self) }
    static func read(from reader: inout MsgPackReader) throws(MsgPackError) -> Bool { try reader.readBool() }
}

/// A Go `int`.
extension Int: MsgPackValue {
    var isZero: Bool { self == 0 }
    func write(to writer: inout MsgPackWriter) { writer.writeInt(Int64(self)) }
    static func read(from reader: inout MsgPackReader) throws(MsgPackError) -> Int { try reader.readGoInt() }
}

extension MsgPackValue where Self: FixedWidthInteger & UnsignedInteger {
    var isZero: Bool { self == 0 }
    func write(to writer: inout MsgPackWriter) { writer.writeUInt(UInt64(self)) }
    static func read(from reader: inout MsgPackReader) throws(MsgPackError) -> Self {
        Self(try reader.readUInt(max: UInt64(Self.max)))
    }
}

extension UInt8: MsgPackValue {}
extension UInt16: MsgPackValue {}
extension UInt32: MsgPackValue {}

extension String: MsgPackValue {
    var isZero: Bool { isEmpty }
    func write(to writer: inout MsgPackWriter) { writer.writeString(self) }
    static func read(from reader: inout MsgPackReader) throws(MsgPackError) -> String { try reader.readString() }
}

/// A Go `[]byte` that is never nil here: a nil on the wire reads as empty.
extension Array: MsgPackValue where Element == UInt8 {
    var isZero: Bool { isEmpty }
    func write(to writer: inout MsgPackWriter) { writer.writeStr(self) }
    static func read(from reader: inout MsgPackReader) throws(MsgPackError) -> [UInt8] { try reader.readBytes() ?? [] }
}

/// A Go `[]byte` whose nil and empty forms differ on the wire (`c0`, `a0`).
extension Optional: MsgPackValue where Wrapped == [UInt8] {
    var isZero: Bool { self?.isEmpty ?? true }
    func write(to writer: inout MsgPackWriter) { writer.writeBytes(self) }
    static func read(from reader: inout MsgPackReader) throws(MsgPackError) -> [UInt8]? { try reader.readBytes() }
}
