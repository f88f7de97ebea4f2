/// Protobuf wire pieces written by hand, as gogo writes them, for byte-vector tests of
/// messages whose fields the generated code does not know (newer peers' fields).
package enum ProtobufBytes {
    package static func varint(_ v: UInt64) -> [UInt8] {
        var v = v, out: [UInt8] = []
        while v >= 0x80 { out.append(UInt8(v & 0x7f) | 0x80); v >>= 7 }
        return out + [UInt8(v)]
    }

    /// A length-delimited field (wire type 2).
    package static func bytesField(_ n: UInt64, _ body: [UInt8]) -> [UInt8] { varint(n << 3 | 2) + varint(UInt64(body.count)) + body }

    package static func string(_ n: UInt64, _ s: String) -> [UInt8] { bytesField(n, Array(s.utf8)) }

    /// A `google.protobuf.Timestamp` field with whole seconds.
    package static func timestamp(_ n: UInt64, _ seconds: UInt64) -> [UInt8] { bytesField(n, varint(1 << 3) + varint(seconds)) }
}
