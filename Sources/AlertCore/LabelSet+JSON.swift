import GoCompat

extension GoJSONWriter {
    /// A label set as Go's `encoding/json` writes a `map[string]string` (Alertmanager's
    /// `model.LabelSet` and `template.KV`): `{"name":"value",...}` with names in byte order,
    /// the order a `LabelSet` keeps, copied from the set's packed bytes. The API and the
    /// webhook payload both write label sets with it.
    package mutating func labelSet(_ ls: LabelSet) {
        raw(UInt8(ascii: "{"))
        var first = true
        ls.forEachUTF8 { name, value in
            if !first { raw(UInt8(ascii: ",")) }
            first = false
            utf8String(name)
            raw(UInt8(ascii: ":"))
            utf8String(value)
            return true
        }
        raw(UInt8(ascii: "}"))
    }
}
