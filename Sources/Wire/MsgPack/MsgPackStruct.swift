/// A Go struct as go-msgpack encodes it: a map keyed by the Go field names.
///
/// Conformers list their fields in `fields`; `encode` writes them in that order, which must
/// be Go's sorted key order (what the Go codec emits). `decode` accepts the keys in any order,
/// skips unknown keys, lets a repeated key overwrite the earlier value, and treats nil or an
/// empty map as the zero value, all as go-msgpack v0.5.3 does. (Go would also accept a struct
/// encoded as a positional array; memberlist never sends one, and this decoder does not.)
package protocol MsgPackStruct: Sendable, Equatable {
    /// The Go zero value.
    init()
    /// The fields, sorted by key.
    static var fields: [MsgPackField<Self>] { get }
}

extension MsgPackStruct {
    /// Writes the map (header included).
    package func encode(to writer: inout MsgPackWriter) {
        let fields = Self.fields
        writer.writeMapHeader(fields.count { !$0.isOmitted(self) })
        for field in fields where !field.isOmitted(self) {
            writer.writeString(field.key)
            field.write(self, &writer)
        }
    }

    /// Decodes one struct at the reader's position.
    package static func decode(from reader: inout MsgPackReader) throws(MsgPackError) -> Self {
        var value = Self()
        let count = try reader.readMapHeader()
        for _ in 0..<count {
            let key = try reader.readString()
            if let field = fields.first(where: { $0.key == key }) {
                try field.read(&value, &reader)
            } else {
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
