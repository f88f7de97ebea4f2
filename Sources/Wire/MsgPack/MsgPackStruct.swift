/// A Go struct as go-msgpack encodes it: a map keyed by the Go field names.
///
/// Conformers write their fields in sorted key order (what the Go codec emits) and
/// decode field by field; `decode` accepts the keys in any order, skips unknown keys,
/// lets a repeated key overwrite the earlier value, and treats nil or an empty map as
/// the zero value, all as go-msgpack v0.5.3 does. (Go would also accept a struct encoded
/// as a positional array; memberlist never sends one, and this decoder does not.)
package protocol MsgPackStruct: Sendable, Equatable {
    /// The Go zero value.
    init()
    /// Writes the map (header included).
    func encode(to writer: inout MsgPackWriter)
    /// Reads the value of field `key` into `self`; returns false for an unknown key
    /// (the caller then skips the value).
    mutating func decodeField(_ key: String, from reader: inout MsgPackReader) throws(MsgPackError) -> Bool
}

extension MsgPackStruct {
    /// Decodes one struct at the reader's position.
    package static func decode(from reader: inout MsgPackReader) throws(MsgPackError) -> Self {
        var value = Self()
        let count = try reader.readMapHeader()
        for _ in 0..<count {
            let key = try reader.readString()
            if try !value.decodeField(key, from: &reader) {
                try reader.skipValue()
            }
        }
        return value
    }

    /// Decodes one struct from the start of `bytes` (trailing bytes are ignored).
    package static func decode<Bytes: Collection>(_ bytes: Bytes) throws(MsgPackError) -> Self where Bytes.Element == UInt8 {
        var reader = MsgPackReader(Array(bytes))
        return try decode(from: &reader)
    }

    /// The msgpack encoding of this struct alone.
    package func msgpackBytes() -> [UInt8] {
        var writer = MsgPackWriter()
        encode(to: &writer)
        return writer.bytes
    }
}
