import GoCompat

/// Reading a whole API answer or file into a `JSONValue`, and its fields with Go's
/// `encoding/json` type errors. This is how `tocsinctl` reads what a server answers, as
/// amtool's go-openapi client does with `json.Unmarshal`.
extension JSONValue {
    /// One JSON value and nothing after it but white space. Syntax errors come first, over
    /// the whole document, as Go checks validity before binding.
    static func document(_ bytes: [UInt8], depth: Int = 8) throws(JSONError) -> JSONValue {
        let result: Result<JSONValue, JSONError> = bytes.withUnsafeBufferPointer { buf in
            do throws(JSONError) {
                var syntax = JSONScanner(buf)
                if syntax.atEnd || { var s = syntax; s.skipSpace(); return s.atEnd }() {
                    throw JSONError(message: "unexpected end of JSON input")
                }
                try syntax.skipValue()
                syntax.skipSpace()
                if !syntax.atEnd { throw JSONScanner.invalid(buf[syntax.i], "after top-level value") }
                var scanner = JSONScanner(buf)
                return .success(try scanner.value(depth: depth))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// A document that must be an array (Go's `goType`, a slice), each item read by `item`.
    static func documentArray<T>(_ bytes: [UInt8], goType: String,
                                 _ item: (JSONValue) throws(JSONError) -> T) throws(JSONError) -> [T] {
        let doc = try document(bytes)
        guard case .array(let items) = doc else {
            throw JSONError(message: "json: cannot unmarshal \(doc.goKind) into Go value of type \(goType)")
        }
        var out: [T] = []
        for i in items { out.append(try item(i)) }
        return out
    }
}

/// The fields of one JSON object bound to a Go struct named `goType`: a present field of
/// the wrong kind is Go's "cannot unmarshal" error; an absent or null one is nil.
struct JSONFields {
    let members: JSONValue
    let goType: String

    init(_ v: JSONValue, goType: String) throws(JSONError) {
        switch v {
        case .object: members = v
        case .null: members = .object([])
        default: throw JSONError(message: "json: cannot unmarshal \(v.goKind) into Go value of type \(goType)")
        }
        self.goType = goType
    }

    private func mismatch(_ name: String, _ v: JSONValue, _ type: String) -> JSONError {
        JSONError(message: "json: cannot unmarshal \(v.goKind) into Go struct field \(goType).\(name) of type \(type)")
    }

    private func present(_ name: String) -> JSONValue? {
        switch members.member(name) {
        case nil, .null?: nil
        case let v?: v
        }
    }

    func string(_ name: String) throws(JSONError) -> String? {
        guard let v = present(name) else { return nil }
        guard case .string(let s) = v else { throw mismatch(name, v, "string") }
        return s
    }

    func bool(_ name: String) throws(JSONError) -> Bool? {
        guard let v = present(name) else { return nil }
        guard case .bool(let b) = v else { throw mismatch(name, v, "bool") }
        return b
    }

    func array(_ name: String, of type: String) throws(JSONError) -> [JSONValue]? {
        guard let v = present(name) else { return nil }
        guard case .array(let a) = v else { throw mismatch(name, v, type) }
        return a
    }

    func object(_ name: String, of type: String) throws(JSONError) -> JSONValue? {
        guard let v = present(name) else { return nil }
        guard case .object = v else { throw mismatch(name, v, type) }
        return v
    }

    func strings(_ name: String) throws(JSONError) -> [String]? {
        guard let items = try array(name, of: "[]string") else { return nil }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item else { throw mismatch(name, item, "string") }
            out.append(s)
        }
        return out
    }

    /// A Go `map[string]string` (labels, annotations).
    func stringMap(_ name: String) throws(JSONError) -> [String: String]? {
        guard let v = try object(name, of: "models.LabelSet"), case .object(let members) = v else { return nil }
        var out: [String: String] = [:]
        for (k, item) in members {
            guard case .string(let s) = item else { throw mismatch(name, item, "string") }
            out[k] = s
        }
        return out
    }

    /// A go-openapi `strfmt.DateTime`, keeping the offset it was written with.
    func time(_ name: String) throws(JSONError) -> GoTime? {
        guard let s = try string(name) else { return nil }
        do { return try GoTime.parseRFC3339(s) } catch { throw JSONError(message: error.description) }
    }
}

extension JSONWriter {
    /// A Go `map[string]string`: keys sorted bytewise; nil is `null`.
    package mutating func stringMap(_ m: [String: String]?) {
        guard let m else { return raw("null") }
        raw(UInt8(ascii: "{"))
        for (i, k) in m.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if i > 0 { raw(UInt8(ascii: ",")) }
            string(k)
            raw(UInt8(ascii: ":"))
            string(m[k] ?? "")
        }
        raw(UInt8(ascii: "}"))
    }
}
