/// Repetition operators: `* + ?`, `{n}`, `{n,}`, `{n,m}`, lazy `?` suffixes, and Go's
/// checks for stacked operators (`a**`, `a*+`) and the 1000 repeat-count limit.
enum RepeatKind { case star, plus, quest, counted }

extension Parser {
    /// Applies a repetition to the top of the stack; returns the index after the operator.
    mutating func repeatOp(
        _ kind: RepeatKind, min lo: Int, max hi: Int, before: Int, after: Int, lastRepeat: Int?
    ) throws(RE2Error) -> Int {
        var after = after
        var fl = flags
        if at(after) == "?" {
            after += 1
            fl.formSymmetricDifference(.nonGreedy)
        }
        if let last = lastRepeat { throw RE2Error(.invalidRepeatOp, text(last, after)) }
        guard case .node(let sub)? = stack.last else {
            throw RE2Error(.missingRepeatArgument, text(before, after))
        }
        let greedy = !fl.contains(.nonGreedy)
        let node: Node
        switch kind {
        case .star: node = .star(sub, greedy: greedy)
        case .plus: node = .plus(sub, greedy: greedy)
        case .quest: node = .quest(sub, greedy: greedy)
        case .counted: node = .repeatN(sub, min: lo, max: hi, greedy: greedy)
        }
        stack[stack.count - 1] = .node(node)
        if kind == .counted && (lo >= 2 || hi >= 2) && !Parser.repeatIsValid(node, Parser.maxRepeat) {
            throw RE2Error(.invalidRepeatSize, text(before, after))
        }
        return after
    }

    /// Go's `repeatIsValid`: nested counted repeats may not multiply past `n`.
    static func repeatIsValid(_ node: Node, _ n: Int) -> Bool {
        var n = n
        switch node {
        case .repeatN(let sub, let lo, let hi, _):
            var m = hi
            if m == 0 { return true }
            if m < 0 { m = lo }
            if m > n { return false }
            if m > 0 { n /= m }
            return repeatIsValid(sub, n)
        case .star(let sub, _), .plus(let sub, _), .quest(let sub, _), .capture(_, _, let sub):
            return repeatIsValid(sub, n)
        case .concat(let subs), .alternate(let subs):
            return subs.allSatisfy { repeatIsValid($0, n) }
        default:
            return true
        }
    }

    /// Parses `{n}`, `{n,}` or `{n,m}` at `k`; nil means the `{` is a literal.
    /// A number too large to represent comes back as -1 (rejected by the caller).
    func parseRepeat(_ k: Int) -> (Int, Int, Int)? {
        guard at(k) == "{" else { return nil }
        guard let (lo, afterLo) = parseInt(k + 1), let c = at(afterLo) else { return nil }
        var hi: Int
        var j = afterLo
        var lo2 = lo
        if c != "," {
            hi = lo
        } else {
            j += 1
            guard let c2 = at(j) else { return nil }
            if c2 == "}" {
                hi = -1
            } else {
                guard let (m, afterHi) = parseInt(j) else { return nil }
                hi = m
                j = afterHi
                if m < 0 { lo2 = -1 }
            }
        }
        guard at(j) == "}" else { return nil }
        return (lo2, hi, j + 1)
    }

    /// Decimal digits without leading zeros; value -1 when it would exceed 1e8.
    func parseInt(_ k: Int) -> (Int, Int)? {
        guard let c = at(k), isDigit(c) else { return nil }
        if c == "0", let d = at(k + 1), isDigit(d) { return nil }
        var j = k
        var n = 0
        while let d = at(j), isDigit(d) {
            if n >= 0 {
                n = n >= 100_000_000 ? -1 : n * 10 + Int(d.value - 48)
            }
            j += 1
        }
        return (n, j)
    }

    func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
}
