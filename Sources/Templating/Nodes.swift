/// Parse tree of a template, mirroring Go's `text/template/parse` node kinds.
indirect enum Node: Sendable {
    case text(String)
    case action(PipeNode)
    case branch(BranchNode)
    case template(pos: Int, name: String, pipe: PipeNode?)
    case breakLoop(pos: Int)
    case continueLoop(pos: Int)
}

enum BranchKind: String, Sendable { case ifBranch = "if", rangeLoop = "range", with = "with" }

/// `if`, `range` and `with`: a pipeline, a body and an optional else body.
struct BranchNode: Sendable {
    var kind: BranchKind
    var pos: Int
    var pipe: PipeNode
    var list: [Node]
    var elseList: [Node]?
}

/// A pipeline, optionally declaring (`:=`) or assigning (`=`) variables.
struct PipeNode: Sendable, CustomStringConvertible {
    var pos: Int
    var isAssign = false
    var decl: [String] = []
    var cmds: [CommandNode] = []

    var description: String {
        let c = cmds.map(\.description).joined(separator: " | ")
        if decl.isEmpty { return c }
        return decl.joined(separator: ", ") + (isAssign ? " = " : " := ") + c
    }
}

struct CommandNode: Sendable, CustomStringConvertible {
    var pos: Int
    var args: [ArgNode] = []
    var description: String {
        args.map { a in
            if case .pipe(_, let p) = a { return "(\(p))" }
            return a.description
        }.joined(separator: " ")
    }
}

/// One operand of a command.
indirect enum ArgNode: Sendable, CustomStringConvertible {
    case field(pos: Int, idents: [String])
    /// `$x.A.B`: idents[0] is the variable name including `$`.
    case variable(pos: Int, idents: [String])
    case dot(pos: Int)
    case identifier(pos: Int, name: String)
    case chain(pos: Int, node: ArgNode, fields: [String])
    case pipe(pos: Int, PipeNode)
    case string(pos: Int, value: String, quoted: String)
    case number(pos: Int, value: TemplateValue, text: String)
    case bool(pos: Int, Bool)
    case null(pos: Int)

    var pos: Int {
        switch self {
        case .field(let p, _), .variable(let p, _), .dot(let p), .identifier(let p, _), .chain(let p, _, _),
             .pipe(let p, _), .string(let p, _, _), .number(let p, _, _), .bool(let p, _), .null(let p):
            return p
        }
    }

    var description: String {
        switch self {
        case .field(_, let ids): return ids.map { "." + $0 }.joined()
        case .variable(_, let ids): return ids.joined(separator: ".")
        case .dot: return "."
        case .identifier(_, let n): return n
        case .chain(_, let n, let f):
            let base: String
            if case .pipe(_, let p) = n { base = "(\(p))" } else { base = n.description }
            return base + f.map { "." + $0 }.joined()
        case .pipe(_, let p): return "(\(p))"
        case .string(_, _, let q): return q
        case .number(_, _, let t): return t
        case .bool(_, let b): return b ? "true" : "false"
        case .null: return "nil"
        }
    }
}

/// A parsed named template: its body plus the source it came from (for Go's
/// `name:line:col` error locations, computed from byte offsets).
struct ParsedTemplate: Sendable {
    var name: String
    /// Name of the top-level template being parsed when this one was defined (Go's ParseName).
    var parseName: String
    var source: [UInt8]
    var root: [Node]

    /// Go's `ErrorContext` location: "parseName:line:col" (col is the 0-based byte column).
    func location(_ pos: Int) -> String {
        let p = min(max(pos, 0), source.count)
        let prefix = source[0..<p]
        let line = 1 + prefix.lazy.filter { $0 == 10 }.count
        let col: Int
        if let nl = prefix.lastIndex(of: 10) { col = p - (nl + 1) } else { col = p }
        return "\(parseName):\(line):\(col)"
    }

    /// True if the body holds nothing but white space (Go's `IsEmptyTree`).
    var isEmpty: Bool {
        root.allSatisfy { n in
            if case .text(let t) = n { return t.allSatisfy(\.isWhitespace) }
            return false
        }
    }
}
