import GoCompat

/// Builds parse trees from tokens, following Go's `text/template/parse`: top-level
/// `define`s become separate templates, control structures nest with `else`
/// chaining (`else if`; Go 1.19 has no `else with`), variables must be declared before use, and
/// called functions must exist.
struct Parser {
    private var toks: [Token]
    private var k = 0
    private let name: String
    private let source: [UInt8]
    private let functions: Set<String>
    private var vars: [String] = ["$"]
    private var rangeDepth = 0
    private(set) var defined: [ParsedTemplate] = []
    /// The lexing error the token stream ends with, reported if the parser reaches it.
    private let lexFailure: ParseFailure?

    init(name: String, text: String, functions: Set<String>) throws(ParseFailure) {
        self.name = name
        source = Array(text.utf8)
        self.functions = functions
        (toks, lexFailure) = Lexer.tokenizeUntilError(text)
    }

    /// Parses everything: returns the top-level template and all `define`d ones.
    static func parse(name: String, text: String, functions: Set<String>)
        throws(TemplateError) -> [ParsedTemplate] {
        do throws(ParseFailure) {
            var p = try Parser(name: name, text: text, functions: functions)
            let root: [Node]
            do throws(ParseFailure) { root = try p.parseTop() } catch {
                if error.atLexError, let lex = p.lexFailure { throw lex }
                throw error
            }
            if let lex = p.lexFailure { throw lex }
            return [ParsedTemplate(name: name, parseName: name, source: p.source, root: root)] + p.defined
        } catch {
            throw TemplateError.parse(name: name, line: error.line, message: error.message)
        }
    }

    // MARK: token helpers (spaces are skipped except where Go cares about them)

    private var cur: Token { toks[min(k, toks.count - 1)] }
    private mutating func next() -> Token { let t = cur; k += 1; return t }
    private mutating func nextNonSpace() -> Token {
        while cur.kind == .space { k += 1 }
        return next()
    }
    private mutating func peekNonSpace() -> Token {
        while cur.kind == .space { k += 1 }
        return cur
    }
    private func fail(_ msg: String, _ t: Token? = nil) -> ParseFailure {
        ParseFailure(line: (t ?? cur).line, message: msg, atLexError: (t ?? cur).pos < 0)
    }
    private func describe(_ t: Token) -> String {
        switch t.kind {
        case .eof: return "EOF"
        case .keyword(let kw): return "<\(kw)>"
        default:
            // Go's item.String(): the quoted text, cut to 10 runes when longer than 10 bytes.
            if t.text.utf8.count > 10 { return GoQuote.quote(String(t.text.prefix(10))) + "..." }
            return GoQuote.quote(t.text)
        }
    }
    private mutating func expect(_ kind: TokenKind, _ context: String) throws(ParseFailure) -> Token {
        let t = nextNonSpace()
        guard t.kind == kind else { throw fail("unexpected \(describe(t)) in \(context)", t) }
        return t
    }

    // MARK: structure

    private mutating func parseTop() throws(ParseFailure) -> [Node] {
        var nodes: [Node] = []
        while cur.kind != .eof {
            if cur.kind == .leftDelim {
                let save = k
                k += 1
                if case .keyword("define") = peekNonSpace().kind {
                    _ = next()
                    try parseDefinition()
                    continue
                }
                k = save
            }
            switch try textOrAction() {
            case .node(let n): nodes.append(n)
            case .end(let t): throw fail("unexpected \(t)")
            }
        }
        return nodes
    }

    private enum Item { case node(Node), end(String) }

    private mutating func parseDefinition() throws(ParseFailure) {
        let (_, tname) = try templateName(in: "define clause")
        _ = try expect(.rightDelim, "define clause")
        try defineBody(tname)
    }

    /// The quoted name after `define`, `template` or `block`, and its token.
    private mutating func templateName(in context: String) throws(ParseFailure) -> (Token, String) {
        let nameTok = nextNonSpace()
        guard nameTok.kind == .string || nameTok.kind == .rawString else {
            throw fail("unexpected \(describe(nameTok)) in \(context)", nameTok)
        }
        return (nameTok, try unquote(nameTok))
    }

    /// The body of `define` or `block` up to `{{end}}`, defined as template `tname` (with its
    /// own variable scope, `$` only).
    private mutating func defineBody(_ tname: String) throws(ParseFailure) {
        let savedVars = vars
        vars = ["$"]
        let (list, stop) = try itemList()
        vars = savedVars
        guard stop == "{{end}}" else { throw fail("unexpected {{else}}") }
        defined.append(ParsedTemplate(name: tname, parseName: name, source: source, root: list))
    }

    /// Items until `{{end}}` or `{{else`; returns which one stopped it.
    private mutating func itemList() throws(ParseFailure) -> ([Node], String) {
        var nodes: [Node] = []
        while true {
            if cur.kind == .eof { throw fail("unexpected EOF") }
            switch try textOrAction() {
            case .node(let n): nodes.append(n)
            case .end(let e): return (nodes, e)
            }
        }
    }

    private mutating func textOrAction() throws(ParseFailure) -> Item {
        let t = next()
        switch t.kind {
        case .text: return .node(.text(t.text))
        case .leftDelim: return try action()
        default: throw fail("unexpected \(describe(t)) in input", t)
        }
    }

    private mutating func action() throws(ParseFailure) -> Item {
        let t = peekNonSpace()
        if case .keyword(let kw) = t.kind {
            _ = next()
            switch kw {
            case "end":
                _ = try expect(.rightDelim, "end")
                return .end("{{end}}")
            case "else": return .end("{{else}}")
            case "if": return .node(.branch(try control(.ifBranch, pos: t.pos)))
            case "range": return .node(.branch(try control(.rangeLoop, pos: t.pos)))
            case "with": return .node(.branch(try control(.with, pos: t.pos)))
            case "template", "block": return .node(try templateCall(block: kw == "block", pos: t.pos))
            case "break", "continue":
                guard rangeDepth > 0 else { throw fail("{{\(kw)}} outside {{range}}", t) }
                _ = try expect(.rightDelim, kw)
                return .node(kw == "break" ? .breakLoop(pos: t.pos) : .continueLoop(pos: t.pos))
            default: throw fail("unexpected \"\(kw)\" in command", t)
            }
        }
        return .node(.action(try pipeline("command", end: .rightDelim)))
    }

    private mutating func control(_ kind: BranchKind, pos: Int) throws(ParseFailure) -> BranchNode {
        let depth = vars.count
        let pipe = try pipeline(kind.rawValue, end: .rightDelim)
        if kind == .rangeLoop { rangeDepth += 1 }
        let (list, stop) = try itemList()
        if kind == .rangeLoop { rangeDepth -= 1 }
        var elseList: [Node]? = nil
        if stop == "{{else}}" {
            let nt = peekNonSpace()
            // Go 1.19 (Alertmanager 0.25's toolchain) chains only `{{else if}}`; `{{else with}}`
            // arrived in Go 1.23 and is "unexpected <with> in else" here.
            if nt.kind == .keyword("if") {
                // `{{else if ...}}` is an else branch holding one nested if sharing our {{end}}.
                _ = next()
                elseList = [.branch(try control(kind, pos: nt.pos))]
            } else {
                _ = try expect(.rightDelim, "else")
                let (el, stop2) = try itemList()
                guard stop2 == "{{end}}" else { throw fail("expected end; found {{else}}") }
                elseList = el
            }
        }
        vars.removeLast(vars.count - depth)
        return BranchNode(kind: kind, pos: pos, pipe: pipe, list: list, elseList: elseList)
    }

    private mutating func templateCall(block: Bool, pos: Int) throws(ParseFailure) -> Node {
        let context = block ? "block clause" : "template clause"
        let (nameTok, tname) = try templateName(in: context)
        var pipe: PipeNode? = nil
        if peekNonSpace().kind != .rightDelim { pipe = try pipeline(context, end: .rightDelim) } else { _ = next() }
        if block { try defineBody(tname) }
        return .template(pos: nameTok.pos, name: tname, pipe: pipe)
    }

    // MARK: pipelines

    private mutating func pipeline(_ context: String, end: TokenKind) throws(ParseFailure) -> PipeNode {
        var pipe = PipeNode(pos: peekNonSpace().pos)
        // Declarations: `$x :=`, `$x =`, `$i, $e :=` (range only).
        let save = k
        if peekNonSpace().kind == .variable {
            let v = next()
            let after = peekNonSpace()
            switch after.kind {
            case .declare, .assign:
                _ = next()
                pipe.isAssign = after.kind == .assign
                pipe.decl = [v.text]
                if pipe.isAssign { guard vars.contains(v.text) else { throw fail("undefined variable \"\(v.text)\"", v) } }
                else { vars.append(v.text) }
            case .comma:
                _ = next()
                guard context == "range" else { throw fail("too many declarations in \(context)", after) }
                let v2 = nextNonSpace()
                guard v2.kind == .variable else { throw fail("range can only initialize variables", v2) }
                let op = nextNonSpace()
                if op.kind == .comma { throw fail("too many declarations in range", op) }
                guard op.kind == .declare || op.kind == .assign else {
                    throw fail("range can only initialize variables", v2)
                }
                pipe.isAssign = op.kind == .assign
                pipe.decl = [v.text, v2.text]
                if !pipe.isAssign { vars.append(v.text); vars.append(v2.text) }
            default: k = save
            }
        }
        while true {
            let t = peekNonSpace()
            if t.kind == end {
                _ = next()
                guard !pipe.cmds.isEmpty else { throw fail("missing value for \(context)", t) }
                try checkPipeline(pipe, context)
                return pipe
            }
            switch t.kind {
            case .bool, .char, .dot, .field, .identifier, .number, .null, .rawString, .string, .variable, .leftParen:
                pipe.cmds.append(try command(end: end))
            default:
                throw fail("unexpected \(describe(t)) in \(context)", t)
            }
        }
    }

    /// Go's `checkPipeline`: later stages must be callable (a leading nil is an execution error).
    private func checkPipeline(_ pipe: PipeNode, _ context: String) throws(ParseFailure) {
        for (i, c) in pipe.cmds.enumerated().dropFirst() {
            switch c.args[0] {
            case .bool, .dot, .null, .number, .string:
                throw fail("non executable command in pipeline stage \(i + 1)")
            default: break
            }
        }
    }

    private mutating func command(end: TokenKind) throws(ParseFailure) -> CommandNode {
        var cmd = CommandNode(pos: peekNonSpace().pos)
        loop: while true {
            _ = peekNonSpace()
            if let op = try operand() { cmd.args.append(op) }
            let t = cur
            switch t.kind {
            case .space: _ = next(); continue loop
            case end, .rightDelim, .rightParen: break
            case .pipe: _ = next()
            default: throw fail("unexpected \(describe(t)) in operand", t)
            }
            break
        }
        guard !cmd.args.isEmpty else { throw fail("empty command") }
        return cmd
    }

    private mutating func operand() throws(ParseFailure) -> ArgNode? {
        guard let term = try term() else { return nil }
        guard cur.kind == .field else { return term }
        // Go positions a chained operand (`.A.B`, `$x.A`, `(p).A`) at its first chained field.
        let chainPos = cur.pos
        var fields: [String] = []
        while cur.kind == .field { fields.append(String(next().text.dropFirst())) }
        switch term {
        case .field(_, let ids): return .field(pos: chainPos, idents: ids + fields)
        case .variable(_, let ids): return .variable(pos: chainPos, idents: ids + fields)
        case .bool, .string, .number, .null, .dot:
            throw fail("unexpected . after term \"\(term)\"")
        default: return .chain(pos: chainPos, node: term, fields: fields)
        }
    }

    private mutating func term() throws(ParseFailure) -> ArgNode? {
        let t = cur
        switch t.kind {
        case .identifier:
            _ = next()
            guard functions.contains(t.text) else { throw fail("function \"\(t.text)\" not defined", t) }
            return .identifier(pos: t.pos, name: t.text)
        case .dot: _ = next(); return .dot(pos: t.pos)
        case .null: _ = next(); return .null(pos: t.pos)
        case .bool: _ = next(); return .bool(pos: t.pos, t.text == "true")
        case .variable:
            _ = next()
            guard vars.contains(t.text) else { throw fail("undefined variable \"\(t.text)\"", t) }
            return .variable(pos: t.pos, idents: [t.text])
        case .field: _ = next(); return .field(pos: t.pos, idents: [String(t.text.dropFirst())])
        case .number, .char:
            _ = next()
            guard let v = Literals.number(t.text, isChar: t.kind == .char) else {
                throw fail("bad number syntax: \"\(t.text)\"", t)
            }
            return .number(pos: t.pos, value: v, text: t.text)
        case .string, .rawString:
            _ = next()
            return .string(pos: t.pos, value: try unquote(t), quoted: t.text)
        case .leftParen:
            _ = next()
            let p = try pipeline("parenthesized pipeline", end: .rightParen)
            return .pipe(pos: t.pos, p)
        default: return nil
        }
    }

    private func unquote(_ t: Token) throws(ParseFailure) -> String {
        if t.kind == .rawString { return String(t.text.dropFirst().dropLast()) }
        guard let s = Literals.unquote(t.text) else { throw fail("bad string syntax: \(t.text)", t) }
        return s
    }
}
