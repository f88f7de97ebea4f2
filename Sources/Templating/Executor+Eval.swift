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
            return try evalFunction(name, pos: pos, dot: dot, args: rest, final: final)
        case .pipe(_, let p):
            try notAFunction(first, rest, final)
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
        for (i, id) in ids.enumerated() {
            let last = i == ids.count - 1
            r = try evalField(dot: dot, name: id, receiver: r, pos: pos, context: context,
                              args: last ? args : [], final: last ? final : nil)
        }
        return r
    }

    func evalField(dot: TemplateValue, name: String, receiver: TemplateValue, pos: Int, context: String,
                   args: [ArgNode], final: TemplateValue?) throws(Failure) -> TemplateValue {
        let hasArgs = !args.isEmpty || final != nil
        func argValues() throws(Failure) -> [TemplateValue] {
            var vals: [TemplateValue] = []
            for a in args { vals.append(try evalArg(a, dot: dot)) }
            if let f = final { vals.append(f) }
            return vals
        }
        switch receiver {
        case .null:
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
        throw fail(pos, context, "can't evaluate field \(name) in type \(receiver.goTypeName)")
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
            return try evalFunction(name, pos: pos, dot: dot, args: [], final: nil)
        }
    }

    func evalFunction(_ name: String, pos: Int, dot: TemplateValue, args: [ArgNode],
                      final: TemplateValue?) throws(Failure) -> TemplateValue {
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
        var argNodes: [ArgNode?] = args.map { $0 }
        var values: [TemplateValue] = []
        for a in args { values.append(try evalArg(a, dot: dot)) }
        if let f = final { values.append(f); argNodes.append(nil) }
        let want = fn.params.count
        if fn.variadic == nil ? values.count != want : values.count < want {
            let atLeast = fn.variadic == nil ? "" : "at least "
            throw fail(pos, name, "wrong number of args for \(name): want \(atLeast)\(want) got \(values.count)")
        }
        for i in values.indices {
            let kind = i < want ? fn.params[i] : (fn.variadic ?? .any)
            guard let c = values[i].conformed(to: kind) else {
                let ctx = argNodes[i].map(\.description) ?? name
                let at = argNodes[i]?.pos ?? pos
                if case .null = values[i] { throw fail(at, ctx, "invalid value; expected \(kind.goName)") }
                throw fail(at, ctx, "wrong type for value; expected \(kind.goName); got \(FuncTypes.name(values[i]))")
            }
            values[i] = c
        }
        do {
            return try fn.body(values)
        } catch {
            throw fail(pos, name, "error calling \(name): \(error.message)")
        }
    }
}

enum FuncTypes {
    static func name(_ v: TemplateValue) -> String { GoFormat.typeName(v) }
}
