/// A compact JSON text built in a byte array, as Go's `encoding/json` writes it: strings
/// through `GoJSONString`, integers in decimal, punctuation as given. Callers write object
/// keys in Go's order (struct field order; `map` keys sorted byte-wise). The API's encoders
/// and the webhook payload both write with it.
package struct GoJSONWriter {
    package var bytes: [UInt8]

    package init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inlinable @inline(__always) package mutating func raw(_ b: UInt8) { bytes.append(b) }

    /// Appends an ASCII literal (keys, punctuation) that needs no escaping.
    @inlinable @inline(__always) package mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `s` as a quoted JSON string.
    package mutating func string(_ s: String) { GoJSONString.append(s, to: &bytes) }

    /// Appends UTF-8 bytes as a quoted JSON string.
    package mutating func utf8String(_ u: UnsafeBufferPointer<UInt8>) { GoJSONString.append(u, to: &bytes) }

    /// `[e1,e2]`, each element written by `element`.
    package mutating func array<S: Sequence>(_ items: S, _ element: (inout Self, S.Element) -> Void) {
        raw(UInt8(ascii: "["))
        var first = true
        for item in items {
            if !first { raw(UInt8(ascii: ",")) }
            first = false
            element(&self, item)
        }
        raw(UInt8(ascii: "]"))
    }

    /// `["a","b"]`.
    package mutating func stringArray(_ a: [String]) { array(a) { $0.string($1) } }

    package mutating func int(_ v: Int) { GoInt.append(v, minWidth: 1, to: &bytes) }
}

extension GoJSONWriter {
    /// A time as a JSON string in RFC 3339 (`"2006-01-02T15:04:05.999999999Z07:00"` for
    /// `.nanoseconds`, what Go's `time.Time.MarshalJSON` writes), without building a `String`.
    package mutating func rfc3339(_ t: GoTime, fraction: GoTime.RFC3339Fraction) {
        raw(UInt8(ascii: "\""))
        t.appendRFC3339(to: &bytes, fraction: fraction)
        raw(UInt8(ascii: "\""))
    }
}
