/// A parsed JSON value, for the small bodies whose binding rules need to look at a field
/// more than once (a posted silence). The hot paths (alert ingest) read the scanner directly.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number
    case string(String)
    case array([JSONValue])
    /// Members in document order; `member(_:)` takes the last of repeated names.
    case object([(String, JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null), (.number, .number): true
        case let (.bool(x), .bool(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: false
        }
    }

    /// The last member named `name` of an object.
    func member(_ name: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.0 == name }?.1
    }

    /// The kind Go names in "cannot unmarshal <kind>".
    var goKind: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONScanner {
    /// Reads one value into a `JSONValue`, with `skipValue`'s syntax errors. Containers
    /// deeper than `depth` levels are skipped (iteratively) and read as empty: the bodies this
    /// is for bind nothing that deep, and building a 10,000-level tree (which Go's limit
    /// allows) recursively would overflow a task's stack.
    mutating func value(depth: Int = 4) throws(JSONError) -> JSONValue {
        let c = try peek()
        if depth <= 0, c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
            try skipValue()
            return c == UInt8(ascii: "[") ? .array([]) : .object([])
        }
        switch c {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "["):
            i += 1
            var items: [JSONValue] = []
            if try peek() == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                items.append(try value(depth: depth - 1))
                let n = try peek()
                i += 1
                if n == UInt8(ascii: "]") { return .array(items) }
                if n != UInt8(ascii: ",") { throw Self.invalid(n, "after array element") }
            }
        case UInt8(ascii: "{"):
            i += 1
            var members: [(String, JSONValue)] = []
            if try peek() == UInt8(ascii: "}") { i += 1; return .object(members) }
            while true {
                guard try peek() == UInt8(ascii: "\"") else { throw Self.invalid(u[i], "looking for beginning of object key string") }
                let name = try string()
                guard try peek() == UInt8(ascii: ":") else { throw Self.invalid(u[i], "after object key") }
                i += 1
                members.append((name, try value(depth: depth - 1)))
                let n = try peek()
                i += 1
                if n == UInt8(ascii: "}") { return .object(members) }
                if n != UInt8(ascii: ",") { throw Self.invalid(n, "after object key:value pair") }
            }
        default:
            try skipValue()
            return .number
        }
    }
}
