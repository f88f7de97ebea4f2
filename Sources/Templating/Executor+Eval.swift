/// Command, field and function evaluation (Go's `evalCommand`, `evalField`,
/// `evalFunction`, `evalArg`).
extension Executor {
    func evalCommand(_ cmd: CommandNode, dot: TemplateValue, final: TemplateValue?) throws(Failure) -> TemplateValue {
        guard let first = cmd.args.first else { return .null }
        let rest = Array(cmd.args.dropFirst())
        switch first {
        case .field(let pos, let ids):
            return try evalFieldChain(dot: dot, receiver: dot, ids: ids, pos: pos, context: first.description,
                                      args: rest, final: final)
        case .variable(let pos, let ids):
            let v = try variable(ids[0], pos: pos)
            if ids.count == 1 {
                try notAFunction(first, rest, final)
                return v
            }
            return try evalFieldChain(dot: dot, receiver: v, ids: Array(ids.dropFirst()), pos: pos,
                                      context: first.description, args: rest, final: final)
        case .chain(let pos, let node, let fields):
            let base = try evalArg(node, dot: dot)
            return try evalFieldChain(dot: dot, receiver: base, ids: fields, pos: pos, context: first.description,
                                      args: rest, final: final)
        case .identifier(let pos, let name):
            return try evalFunction(name, pos: pos, dot: dot, args: rest, final: final,
                                    call: (cmd.pos, cmd.description))
        case .pipe(_, let p):
            // Go reports this at the enclosing pipeline, i.e. the whole command here.
            if !rest.isEmpty || final != nil {
                throw fail(first.pos, cmd.description, "can't give argument to non-function \(p.description)")
            }
            return try evalPipeline(p, dot: dot)
        case .null(let pos):
            throw fail(pos, "nil", "nil is not a command")
        default:
            try notAFunction(first, rest, final)
            return try evalArg(first, dot: dot)
        }
    }

    private func notAFunction(_ node: ArgNode, _ args: [ArgNode], _ final: TemplateValue?) throws(Failure) {
        if !args.isEmpty || final != nil {
            var text = node.description
            if case .pipe(_, let p) = node { text = p.description }
            throw fail(node.pos, node.description, "can't give argument to non-function \(text)")
        }
    }

    func evalFieldChain(dot: TemplateValue, receiver: TemplateValue, ids: [String], pos: Int, context: String,
                        args: [ArgNode], final: TemplateValue?) throws(Failure) -> TemplateValue {
        var r = receiver
        // Go reports the static type of each link: an element of a map[string]interface{}
        // is an `interface {}` (and a nil one is a nil pointer) until the pipeline ends.
        var staticType: String? = nil
        for (i, id) in ids.enumerated() {
            let last = i == ids.count - 1
            let before = r
            r = try evalField(dot: dot, name: id, receiver: r, staticType: staticType, pos: pos, context: context,
                              args: last ? args : [], final: last ? final : nil)
            staticType = nil
            if case .map(let m) = before, case .null = m.zero { staticType = "interface {}" }
        }
        return r
    }

    func evalField(dot: TemplateValue, name: String, receiver: TemplateValue, staticType: String? = nil, pos: Int,
                   context: String, args: [ArgNode], final: TemplateValue?) throws(Failure) -> TemplateValue {
        let hasArgs = !args.isEmpty || final != nil
        func argValues() throws(Failure) -> [TemplateValue] {
            var vals: [TemplateValue] = []
            for a in args { vals.append(try evalArg(a, dot: dot)) }
            if let f = final { vals.append(f) }
            return vals
        }
        switch receiver {
        case .null:
            // An absent value yields nothing; a nil interface{} element cannot be dereferenced.
            if let t = staticType { throw fail(pos, context, "nil pointer evaluating \(t).\(name)") }
            return .null
        case .map(let m):
            if hasArgs { throw fail(pos, context, "\(name) is not a method but has arguments") }
            return m.entries[name] ?? m.zero
        case .object(let o):
            let vals = try argValues()
            do throws(TemplateRuntimeError) {
                if let r = try o.method(name, args: vals) { return r }
            } catch let e {
                throw fail(pos, context, "error calling \(name): \(e.message)")
            }
            if let f = o.field(name) {
                if hasArgs { throw fail(pos, context, "\(name) has arguments but cannot be invoked as function") }
                return f
            }
            if case .map = o.underlying?.resolved {
                return try evalField(dot: dot, name: name, receiver: o.underlying!.resolved, pos: pos,
                                     context: context, args: args, final: final)
            }
            throw fail(pos, context, "can't evaluate field \(name) in type \(o.typeName)")
        case .time(let t):
            let vals = try argValues()
            do throws(TemplateRuntimeError) {
                if let r = try TimeMethods.call(t, name, vals) { return r }
            } catch let e {
                throw fail(pos, context, "error calling \(name): \(e.message)")
            }
        case .duration(let d):
            if let r = TimeMethods.duration(d, name) { return r }
        default: break
        }
        throw fail(pos, context, "can't evaluate field \(name) in type \(staticType ?? receiver.goTypeName)")
    }

    func evalArg(_ node: ArgNode, dot: TemplateValue) throws(Failure) -> TemplateValue {
        switch node {
        case .dot: return dot
        case .null: return .null
        case .bool(_, let b): return .bool(b)
        case .string(_, let s, _): return .string(s)
        case .number(_, let v, _): return v
        case .field(let pos, let ids):
            return try evalFieldChain(dot: dot, receiver: dot, ids: ids, pos: pos, context: node.description,
                                      args: [], final: nil)
        case .variable(let pos, let ids):
            let v = try variable(ids[0], pos: pos)
            if ids.count == 1 { return v }
            return try evalFieldChain(dot: dot, receiver: v, ids: Array(ids.dropFirst()), pos: pos,
                                      context: node.description, args: [], final: nil)
        case .chain(let pos, let base, let fields):
            let b = try evalArg(base, dot: dot)
            return try evalFieldChain(dot: dot, receiver: b, ids: fields, pos: pos, context: node.description,
                                      args: [], final: nil)
        case .pipe(_, let p):
            let mark = vars.count
            defer { vars.removeLast(vars.count - mark) }
            return try evalPipeline(p, dot: dot)
        case .identifier(let pos, let name):
            return try evalFunction(name, pos: pos, dot: dot, args: [], final: nil, call: (pos, name))
        }
    }

    /// `call` is the command (position and text) Go names in "error calling" failures.
    func evalFunction(_ name: String, pos: Int, dot: TemplateValue, args: [ArgNode],
                      final: TemplateValue?, call: (pos: Int, text: String)) throws(Failure) -> TemplateValue {
        if name == "and" || name == "or" {
            // Go 1.18+: short-circuit, returning the deciding operand itself.
            let n = args.count + (final == nil ? 0 : 1)
            guard n >= 1 else { throw fail(pos, name, "wrong number of args for \(name): want at least 1 got 0") }
            var v: TemplateValue = .null
            for (i, a) in args.enumerated() {
                v = try evalArg(a, dot: dot)
                let decided = name == "and" ? !v.isTrue : v.isTrue
                if decided && (i < args.count - 1 || final != nil) { return v }
            }
            if let f = final { v = f }
            return v
        }
        guard let fn = functions[name] else { throw fail(pos, name, "\"\(name)\" is not a defined function") }
        let want = fn.params.count
        let count = args.count + (final == nil ? 0 : 1)
        if fn.variadic == nil ? count != want : count < want {
            let atLeast = fn.variadic == nil ? "" : "at least "
            throw fail(pos, name, "wrong number of args for \(name): want \(atLeast)\(want) got \(count)")
        }
        var values: [TemplateValue] = []
        for (i, a) in args.enumerated() {
            let kind = i < want ? fn.params[i] : (fn.variadic ?? .any)
            values.append(try typedArg(a, kind: kind, dot: dot))
        }
        if let f = final {
            let kind = values.count < want ? fn.params[values.count] : (fn.variadic ?? .any)
            let (at, ctx) = args.last.map { ($0.pos, $0.description) } ?? (pos, name)
            guard let c = f.conformed(to: kind) else {
                if case .null = f { throw fail(at, ctx, "invalid value; expected \(kind.goName)") }
                throw fail(at, ctx, "wrong type for value; expected \(kind.goName); got \(FuncTypes.name(f))")
            }
            values.append(c)
        }
        do {
            return try fn.body(values)
        } catch {
            throw fail(call.pos, call.text, "error calling \(name): \(error.message)")
        }
    }

    /// Go's `evalArg` for a parameter of type `kind`: literals must already have the
    /// right kind ("expected string; found 1"), other values must be assignable.
    private func typedArg(_ node: ArgNode, kind: ParamKind, dot: TemplateValue) throws(Failure) -> TemplateValue {
        guard kind != .any else { return try evalArg(node, dot: dot) }
        let text = node.description
        switch (node, kind) {
        case (.null, .stringList): return .list([])
        case (.null, _): throw fail(node.pos, text, "cannot assign nil to \(kind.goName)")
        case (.string(_, let v, _), .string): return .string(v)
        case (.bool(_, let b), .bool): return .bool(b)
        case (.number(_, .int(let n), _), .int): return .int(n)
        case (.string, _), (.bool, _), (.number, _):
            switch kind {
            case .string: throw fail(node.pos, text, "expected string; found \(text)")
            case .bool: throw fail(node.pos, text, "expected bool; found \(text)")
            case .int: throw fail(node.pos, text, "expected integer; found \(text)")
            default: throw fail(node.pos, text, "can't handle \(text) for arg of type \(kind.goName)")
            }
        default: break
        }
        let v = try evalArg(node, dot: dot)
        guard let c = v.conformed(to: kind) else {
            if case .null = v {
                // A field yields a nil `interface {}` (map element); a variable or pipeline yields nothing.
                switch node {
                case .field, .chain: break
                case .variable(_, let ids) where ids.count > 1: break
                default: throw fail(node.pos, text, "invalid value; expected \(kind.goName)")
                }
                throw fail(node.pos, text, "wrong type for value; expected \(kind.goName); got interface {}")
            }
            throw fail(node.pos, text, "wrong type for value; expected \(kind.goName); got \(FuncTypes.name(v))")
        }
        return c
    }
}

enum FuncTypes {
    static func name(_ v: TemplateValue) -> String { GoFormat.typeName(v) }
}
