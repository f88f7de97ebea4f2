import GoCompat

/// Writes one JSON object's members in order with Go's `omitempty` for strings; opens the
/// brace at the first member so that an empty object is `{}`.
struct JSONObjectWriter {
    private var count = 0

    mutating func key(_ name: StaticString, to w: inout GoJSONWriter) {
        w.raw(count == 0 ? "{\"" : ",\"")
        w.raw(name)
        w.raw("\":")
        count += 1
    }

    /// A string member, left out when empty (`omitempty`) unless `always`.
    mutating func string(_ name: StaticString, _ value: String, always: Bool = false, to w: inout GoJSONWriter) {
        if value.isEmpty && !always { return }
        key(name, to: &w)
        w.string(value)
    }

    /// A member holding a Go slice, left out when empty (`omitempty`) unless `always`.
    mutating func array<T>(_ name: StaticString, _ items: [T], always: Bool = false, to w: inout GoJSONWriter,
                           _ element: (inout GoJSONWriter, T) -> Void) {
        if items.isEmpty && !always { return }
        key(name, to: &w)
        w.array(items, element)
    }

    func close(to w: inout GoJSONWriter) { w.raw(count == 0 ? "{}" : "}") }
}

extension GoJSONWriter {
    /// The elements of a Go slice between brackets, each written by `element`.
    mutating func array<T>(_ items: [T], _ element: (inout GoJSONWriter, T) -> Void) {
        raw("[")
        for (i, item) in items.enumerated() {
            if i > 0 { raw(",") }
            element(&self, item)
        }
        raw("]")
    }
}
