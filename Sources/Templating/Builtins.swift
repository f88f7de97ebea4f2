import GoCompat

/// Go `text/template`'s predefined functions (`and`/`or` are evaluated lazily by
/// the executor; they are listed here so the parser knows them).
enum Builtins {
    static let all: [String: TemplateFunction] = {
        var f: [String: TemplateFunction] = [:]
        let unreachable = TemplateFunction([.any], variadic: .any) { args throws(TemplateRuntimeError) in args.last ?? .null }
        f["and"] = unreachable
        f["or"] = unreachable
        f["not"] = TemplateFunction([.any]) { .bool(!$0[0].isTrue) }
        f["len"] = TemplateFunction([.any]) { args throws(TemplateRuntimeError) in try length(args[0]) }
        f["index"] = TemplateFunction([.any], variadic: .any) { args throws(TemplateRuntimeError) in
            try index(args[0], Array(args.dropFirst()))
        }
        f["slice"] = TemplateFunction([.any], variadic: .any) { args throws(TemplateRuntimeError) in
            try slice(args[0], Array(args.dropFirst()))
        }
        f["print"] = TemplateFunction([], variadic: .any) { .string(GoFormat.sprint($0)) }
        f["println"] = TemplateFunction([], variadic: .any) { .string(GoFormat.sprintln($0)) }
        f["printf"] = TemplateFunction([.string], variadic: .any) { args in
            .string(GoFormat.sprintf(args[0].stringValue, Array(args.dropFirst())))
        }
        f["html"] = TemplateFunction([], variadic: .any) { .string(Escaping.html(evalArgs($0))) }
        f["js"] = TemplateFunction([], variadic: .any) { .string(Escaping.js(evalArgs($0))) }
        f["urlquery"] = TemplateFunction([], variadic: .any) { .string(GoURL.queryEscape(evalArgs($0))) }
        f["call"] = TemplateFunction([.any], variadic: .any) { args throws(TemplateRuntimeError) in
            if case .null = args[0] { throw TemplateRuntimeError("call of nil") }
            throw TemplateRuntimeError("non-function of type \(args[0].goTypeName)")
        }
        for op in ["eq", "ne", "lt", "le", "gt", "ge"] {
            let params: [ParamKind] = op == "eq" ? [.any] : [.any, .any]
            f[op] = TemplateFunction(params, variadic: op == "eq" ? .any : nil) { args throws(TemplateRuntimeError) in
                try Compare.apply(op, args)
            }
        }
        return f
    }()

    /// Go's `evalArgs`: a single string argument is used as is, otherwise `fmt.Sprint`.
    static func evalArgs(_ args: [TemplateValue]) -> String {
        if args.count == 1, case .string(let s) = args[0] { return s }
        return GoFormat.sprint(args)
    }

    static func length(_ v: TemplateValue) throws(TemplateRuntimeError) -> TemplateValue {
        switch v.resolved {
        case .string(let s), .html(let s): return .int(s.utf8.count)
        case .list(let l): return .int(l.count)
        case .map(let m): return .int(m.entries.count)
        case .null: throw TemplateRuntimeError("len of nil pointer")
        default: throw TemplateRuntimeError("len of type \(v.goTypeName)")
        }
    }

    private static func intIndex(_ v: TemplateValue) throws(TemplateRuntimeError) -> Int {
        guard case .int(let i) = v else {
            if case .null = v { throw TemplateRuntimeError("cannot index slice/array with nil") }
            throw TemplateRuntimeError("cannot index slice/array with type \(v.goTypeName)")
        }
        return i
    }

    static func index(_ item: TemplateValue, _ indexes: [TemplateValue]) throws(TemplateRuntimeError) -> TemplateValue {
        var cur = item
        for ix in indexes {
            switch cur.resolved {
            case .list(let l):
                let i = try intIndex(ix)
                guard i >= 0 && i < l.count else { throw TemplateRuntimeError("index out of range: \(i)") }
                cur = l[i]
            case .string(let s):
                let i = try intIndex(ix)
                let b = Array(s.utf8)
                guard i >= 0 && i < b.count else { throw TemplateRuntimeError("index out of range: \(i)") }
                cur = .int(Int(b[i]))
            case .map(let m):
                guard case .string(let k) = ix else {
                    throw TemplateRuntimeError("value has type \(ix.goTypeName); should be string")
                }
                cur = m.entries[k] ?? m.zero
            case .null:
                throw TemplateRuntimeError("index of untyped nil")
            default:
                throw TemplateRuntimeError("can't index item of type \(cur.goTypeName)")
            }
        }
        return cur
    }

    static func slice(_ item: TemplateValue, _ idx: [TemplateValue]) throws(TemplateRuntimeError) -> TemplateValue {
        guard idx.count <= 3 else { throw TemplateRuntimeError("too many slice indexes: \(idx.count)") }
        var ints: [Int] = []
        for v in idx { ints.append(try intIndex(v)) }
        let len: Int
        switch item.resolved {
        case .string(let s):
            guard ints.count < 3 else { throw TemplateRuntimeError("cannot 3-index slice a string") }
            len = s.utf8.count
        case .list(let l): len = l.count
        case .null: throw TemplateRuntimeError("slice of untyped nil")
        default: throw TemplateRuntimeError("can't slice item of type \(item.goTypeName)")
        }
        let lo = ints.count > 0 ? ints[0] : 0
        let hi = ints.count > 1 ? ints[1] : len
        for i in ints where i < 0 || i > len { throw TemplateRuntimeError("index out of range: \(i)") }
        guard lo <= hi else { throw TemplateRuntimeError("invalid slice index: \(lo) > \(hi)") }
        if ints.count == 3 && ints[2] < hi { throw TemplateRuntimeError("invalid slice index: \(hi) > \(ints[2])") }
        switch item.resolved {
        case .string(let s): return .string(String(decoding: Array(s.utf8)[lo..<hi], as: UTF8.self))
        case .list(let l): return .list(Array(l[lo..<hi]))
        default: return .null
        }
    }
}
