import GoCompat

/// Runs a parsed template against data with Go `text/template` semantics
/// (Alertmanager's `missingkey=zero` option). In HTML mode every interpolated
/// value is HTML-escaped unless it is `safeHtml` output, approximating
/// `html/template` in text context.
final class Executor {
    struct Failure: Error { var message: String }
    enum Flow { case normal, breakLoop, continueLoop }

    let templates: [String: ParsedTemplate]
    let functions: [String: TemplateFunction]
    let htmlMode: Bool
    var out = ""
    var vars: [(name: String, value: TemplateValue)] = []
    var tmpl: ParsedTemplate
    var depth = 0
    /// Go allows 100000 nested template calls; Swift stacks are smaller, so we stop earlier.
    static let maxDepth = 1000

    init(templates: [String: ParsedTemplate], functions: [String: TemplateFunction], htmlMode: Bool,
         root: ParsedTemplate) {
        self.templates = templates
        self.functions = functions
        self.htmlMode = htmlMode
        tmpl = root
    }

    func run(_ data: TemplateValue) throws(TemplateError) -> String {
        vars = [("$", data)]
        do {
            _ = try walkList(tmpl.root, dot: data)
        } catch {
            throw TemplateError(kind: .execution, message: error.message)
        }
        return out
    }

    /// Go's `state.errorf` text: location, template name and the node being evaluated.
    func fail(_ pos: Int, _ context: String, _ msg: String) -> Failure {
        // Go 1.19's ErrorContext prints the node in full (later Go releases truncate to 20 bytes).
        Failure(message: "template: \(tmpl.location(pos)): executing \"\(tmpl.name)\" at <\(context)>: \(msg)")
    }

    func walkList(_ nodes: [Node], dot: TemplateValue) throws(Failure) -> Flow {
        for n in nodes {
            let f = try walk(n, dot: dot)
            if f != .normal { return f }
        }
        return .normal
    }

    func walk(_ node: Node, dot: TemplateValue) throws(Failure) -> Flow {
        switch node {
        case .text(let t): out += t
        case .action(let pipe):
            let v = try evalPipeline(pipe, dot: dot)
            if pipe.decl.isEmpty { out += printed(v) }
        case .branch(let b):
            let mark = vars.count
            defer { vars.removeLast(vars.count - mark) }
            switch b.kind {
            case .ifBranch, .with:
                let v = try evalPipeline(b.pipe, dot: dot)
                if v.isTrue { return try walkList(b.list, dot: b.kind == .with ? v : dot) }
                if let e = b.elseList { return try walkList(e, dot: dot) }
            case .rangeLoop:
                return try walkRange(b, dot: dot)
            }
        case .template(let pos, let name, let pipe):
            // Go's TemplateNode.String(), positioned at the name token.
            let call = "{{template \(GoQuote.quote(name))" + (pipe.map { " \($0)" } ?? "") + "}}"
            guard let t = templates[name] else {
                throw fail(pos, call, "template \(GoQuote.quote(name)) not defined")
            }
            let newDot = try pipe.map { p throws(Failure) in try evalPipeline(p, dot: dot) } ?? .null
            guard depth < Executor.maxDepth else {
                throw fail(pos, call, "exceeded maximum template depth (\(Executor.maxDepth))")
            }
            let saved = (tmpl, vars)
            tmpl = t
            vars = [("$", newDot)]
            depth += 1
            defer { (tmpl, vars) = saved; depth -= 1 }
            _ = try walkList(t.root, dot: newDot)
        case .breakLoop: return .breakLoop
        case .continueLoop: return .continueLoop
        }
        return .normal
    }

    private func walkRange(_ b: BranchNode, dot: TemplateValue) throws(Failure) -> Flow {
        var pipe = b.pipe
        let decl = pipe.decl
        pipe.decl = []
        let value = try evalPipeline(pipe, dot: dot)
        var items: [(TemplateValue, TemplateValue)] = []
        switch value.resolved {
        case .list(let l): items = l.enumerated().map { (.int($0.offset), $0.element) }
        case .map(let m): items = m.sortedKeys.map { (.string($0), m.entries[$0] ?? m.zero) }
        case .null: break
        default:
            // Go reports at the node it evaluated last: the final command's operand.
            let (at, ctx) = Executor.lastEvaluated(pipe)
            throw fail(at ?? b.pos, ctx ?? "range", "range can't iterate over \(printed(value))")
        }
        if items.isEmpty {
            if let e = b.elseList { return try walkList(e, dot: dot) }
            return .normal
        }
        let mark = vars.count
        for (key, elem) in items {
            if decl.count == 1 { setOrPush(decl[0], elem, assign: b.pipe.isAssign) }
            if decl.count == 2 {
                setOrPush(decl[0], key, assign: b.pipe.isAssign)
                setOrPush(decl[1], elem, assign: b.pipe.isAssign)
            }
            let f = try walkList(b.list, dot: elem)
            vars.removeLast(vars.count - mark)
            if f == .breakLoop { break }
        }
        return .normal
    }

    /// Approximates Go's `state.node` after evaluating `pipe`: the last argument of a
    /// function call, otherwise the first operand of the last command.
    static func lastEvaluated(_ pipe: PipeNode) -> (Int?, String?) {
        guard let cmd = pipe.cmds.last, let first = cmd.args.first else { return (nil, nil) }
        let node: ArgNode
        if case .identifier = first, let last = cmd.args.last, cmd.args.count > 1 { node = last } else { node = first }
        return (node.pos, node.description)
    }

    private func setOrPush(_ name: String, _ v: TemplateValue, assign: Bool) {
        if assign, let i = vars.lastIndex(where: { $0.name == name }) { vars[i].value = v } else { vars.append((name, v)) }
    }

    /// The text an action prints: Go's `printValue`, with `<no value>` for nil.
    func printed(_ v: TemplateValue) -> String {
        let s: String
        if case .null = v { s = "<no value>" } else { s = GoFormat.formatV(v) }
        guard htmlMode else { return s }
        if case .html(let raw) = v { return raw }
        return Escaping.htmlTextEscape(s)
    }

    func evalPipeline(_ pipe: PipeNode, dot: TemplateValue) throws(Failure) -> TemplateValue {
        var value: TemplateValue? = nil
        for cmd in pipe.cmds { value = try evalCommand(cmd, dot: dot, final: value) }
        let v = value ?? .null
        for name in pipe.decl { setOrPush(name, v, assign: pipe.isAssign) }
        return v
    }

    func variable(_ name: String, pos: Int) throws(Failure) -> TemplateValue {
        guard let v = vars.last(where: { $0.name == name }) else {
            throw fail(pos, name, "undefined variable: \(name)")
        }
        return v.value
    }
}
