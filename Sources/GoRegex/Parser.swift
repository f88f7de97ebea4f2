/// Parses Go `regexp` syntax (the `syntax.Perl` flag set that `regexp.Compile` uses) with the
/// same stack discipline as Go's `regexp/syntax` parser, so errors are reported for the same
/// inputs with the same texts and the same offending fragment.
struct Parser {
    enum Item {
        case node(Node)
        case leftParen(cap: Int, name: String, flags: ParseFlags)
        case verticalBar
    }

    let s: [Unicode.Scalar]
    let whole: String
    var i = 0
    var flags: ParseFlags = []
    var stack: [Item] = []
    var numCap = 0
    /// Group names by index; index 0 is the whole match ("").
    var names: [String] = [""]
    var depth = 0

    static let maxRepeat = 1000
    static let maxDepth = 1000

    init(_ pattern: String) {
        s = Array(pattern.unicodeScalars)
        whole = pattern
    }

    /// The text of scalars `from..<to`, for error messages.
    func text(_ from: Int, _ to: Int) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s[from..<min(to, s.count)])
        return String(v)
    }

    func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }

    mutating func parse() throws(RE2Error) -> Node {
        var lastRepeat: Int?
        while i < s.count {
            var repeatStart: Int?
            let c = s[i]
            switch c {
            case "(":
                if at(i + 1) == "?" {
                    try parsePerlFlags()
                } else {
                    numCap += 1
                    names.append("")
                    try openParen(cap: numCap, name: "")
                    i += 1
                }
            case "|":
                concat()
                stack.append(.verticalBar)
                i += 1
            case ")":
                try parseRightParen()
                i += 1
            case "^":
                push(flags.contains(.multiLine) ? .beginLine : .beginText); i += 1
            case "$":
                push(flags.contains(.multiLine) ? .endLine : .endText); i += 1
            case ".":
                push(flags.contains(.dotNL) ? .anyChar : .anyCharNotNL); i += 1
            case "[":
                try parseClass()
            case "*", "+", "?":
                let kind: RepeatKind = c == "*" ? .star : c == "+" ? .plus : .quest
                let before = i
                i = try repeatOp(kind, min: 0, max: 0, before: before, after: i + 1, lastRepeat: lastRepeat)
                repeatStart = before
            case "{":
                let before = i
                guard let (lo, hi, after) = parseRepeat(i) else {
                    literal(c.value); i += 1
                    break
                }
                if lo < 0 || lo > Parser.maxRepeat || hi > Parser.maxRepeat || (hi >= 0 && lo > hi) {
                    throw RE2Error(.invalidRepeatSize, text(before, after))
                }
                i = try repeatOp(.counted, min: lo, max: hi, before: before, after: after, lastRepeat: lastRepeat)
                repeatStart = before
            case "\\":
                try parseBackslash()
            default:
                literal(c.value); i += 1
            }
            lastRepeat = repeatStart
        }
        concat()
        alternate()
        guard stack.count == 1, case .node(let root) = stack[0] else {
            throw RE2Error(.missingParen, whole)
        }
        return root
    }

    mutating func push(_ n: Node) { stack.append(.node(n)) }

    mutating func literal(_ r: UInt32) {
        let fold = flags.contains(.foldCase) && CaseFolding.orbit(r) != nil
        push(.literal(r, fold: fold))
    }

    mutating func openParen(cap: Int, name: String) throws(RE2Error) {
        depth += 1
        if depth > Parser.maxDepth { throw RE2Error(.nestingDepth, whole) }
        stack.append(.leftParen(cap: cap, name: name, flags: flags))
    }

    /// Collapses the nodes above the nearest `(` or `|` into one concatenation.
    mutating func concat() {
        var k = stack.count
        while k > 0, case .node = stack[k - 1] { k -= 1 }
        collapse(from: k, none: .emptyMatch, many: Node.concat)
    }

    /// Collapses `a | b | c` above the nearest `(` into one alternation.
    mutating func alternate() {
        var k = stack.count
        while k > 0 {
            if case .leftParen = stack[k - 1] { break }
            k -= 1
        }
        collapse(from: k, none: .noMatch, many: Node.alternate)
    }

    /// Replaces the nodes on the stack from `k` up by one: `none` when there are none, the
    /// node itself when there is one, else `many` of them all.
    private mutating func collapse(from k: Int, none: Node, many: ([Node]) -> Node) {
        let subs = stack[k...].compactMap { item -> Node? in
            if case .node(let n) = item { return n }
            return nil
        }
        stack.removeSubrange(k...)
        switch subs.count {
        case 0: push(none)
        case 1: push(subs[0])
        default: push(many(subs))
        }
    }

    mutating func parseRightParen() throws(RE2Error) {
        concat()
        alternate()
        let n = stack.count
        guard n >= 2, case .node(let body) = stack[n - 1],
            case .leftParen(let cap, let name, let saved) = stack[n - 2]
        else { throw RE2Error(.unexpectedParen, whole) }
        stack.removeLast(2)
        depth -= 1
        flags = saved
        push(cap == 0 ? body : .capture(index: cap, name: name, body))
    }
}
