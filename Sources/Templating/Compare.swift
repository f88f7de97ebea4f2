/// Go template comparison functions (`eq ne lt le gt ge`) with Go's basic-kind
/// rules: only bools, numbers and strings compare; an int never equals a float;
/// mismatched kinds are "incompatible types for comparison".
enum Compare {
    private enum Basic { case bool(Bool), int(Int), float(Double), string(String) }

    private static func basic(_ v: TemplateValue) -> Basic? {
        switch v {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .duration(let d): return .int(Int(d))
        case .float(let f): return .float(f)
        case .string(let s), .html(let s): return .string(s)
        default: return nil
        }
    }

    static func apply(_ op: String, _ args: [TemplateValue]) throws(TemplateRuntimeError) -> TemplateValue {
        if op == "eq" { return .bool(try eq(args[0], Array(args.dropFirst()))) }
        if op == "ne" {
            let e = try eq(args[0], [args[1]])
            return .bool(!e)
        }
        let less = try lt(args[0], args[1])
        let equal = try eq(args[0], [args[1]])
        switch op {
        case "lt": return .bool(less)
        case "le": return .bool(less || equal)
        case "gt": return .bool(!less && !equal)
        default: return .bool(!less)
        }
    }

    static func eq(_ a: TemplateValue, _ others: [TemplateValue]) throws(TemplateRuntimeError) -> Bool {
        guard !others.isEmpty else { throw TemplateRuntimeError("missing argument for comparison") }
        for b in others {
            switch (basic(a), basic(b)) {
            case (.bool(let x), .bool(let y)): if x == y { return true }
            case (.int(let x), .int(let y)): if x == y { return true }
            case (.float(let x), .float(let y)): if x == y { return true }
            case (.string(let x), .string(let y)): if x == y { return true }
            case (nil, nil):
                // Non-basic values: nil equals nil; other values compare by identity of
                // simple payloads, and lists/maps are not comparable in Go.
                switch (a.resolved, b.resolved) {
                case (.null, .null): return true
                case (.null, _), (_, .null): continue
                case (.time(let x), .time(let y)): if x == y { return true }
                case (.list, _), (.map, _), (_, .list), (_, .map):
                    // Go formats the right operand with %s: "non-comparable type [%!s(int=1)]: []interface {}".
                    throw TemplateRuntimeError("non-comparable type \(GoFormat.sprintf("%s", [b])): \(b.goTypeName)")
                default: throw TemplateRuntimeError("incompatible types for comparison")
                }
            default:
                if case .null = a { continue }
                if case .null = b { continue }
                throw TemplateRuntimeError("incompatible types for comparison")
            }
        }
        return false
    }

    static func lt(_ a: TemplateValue, _ b: TemplateValue) throws(TemplateRuntimeError) -> Bool {
        guard let x = basic(a), let y = basic(b) else { throw TemplateRuntimeError("invalid type for comparison") }
        switch (x, y) {
        case (.int(let p), .int(let q)): return p < q
        case (.float(let p), .float(let q)): return p < q
        case (.string(let p), .string(let q)): return p.utf8.lexicographicallyPrecedes(q.utf8)
        case (.bool, .bool): throw TemplateRuntimeError("invalid type for comparison")
        default: throw TemplateRuntimeError("incompatible types for comparison")
        }
    }
}
