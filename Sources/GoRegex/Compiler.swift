/// Compiles a `Node` tree to a `Program`, instruction for instruction as Go's
/// `syntax.Compile` does after `Simplify` (counted repeats expanded as `xx(x(x)?)?`,
/// a nullable `x*` compiled as `(x+)?` to keep Go's submatch priorities).
struct Compiler {
    /// A partial program: entry point, dangling exits to patch, and whether it can match "".
    struct Frag {
        var start: Int
        /// Encoded as pc * 2 (patch `out`) or pc * 2 + 1 (patch `arg`).
        var exits: [Int]
        var nullable: Bool
    }

    static let maxInsts = 200_000

    var prog = Program()
    private var setIndex: [[UInt32]: Int] = [:]

    static func compile(_ root: Node, numGroups: Int, pattern: String) throws(RE2Error) -> Program {
        var c = Compiler()
        c.prog.numCap = 2 * (numGroups + 1)
        let f = c.compile(root)
        if c.prog.insts.count > maxInsts { throw RE2Error(.large, pattern) }
        let m = c.emit(.match)
        c.patch(f.exits, to: m.start)
        c.prog.start = f.start
        c.prog.finish()
        return c.prog
    }

    private mutating func emit(_ op: Program.Op, arg: Int32 = 0) -> Frag {
        let pc = prog.insts.count
        prog.insts.append(Program.Inst(op: op, out: 0, arg: arg))
        let exits = (op == .match || op == .fail) ? [] : [pc * 2]
        return Frag(start: pc, exits: exits, nullable: op != .rune1 && op != .runeSet && op != .any && op != .anyNotNL)
    }

    private mutating func patch(_ exits: [Int], to target: Int) {
        for e in exits {
            if e & 1 == 0 { prog.insts[e >> 1].out = Int32(target) } else { prog.insts[e >> 1].arg = Int32(target) }
        }
    }

    private func fail() -> Frag { Frag(start: 0, exits: [], nullable: false) }

    private mutating func runeSet(_ ranges: [UInt32]) -> Frag {
        if ranges.isEmpty { return fail() }
        if ranges.count == 2 && ranges[0] == ranges[1] { return emit(.rune1, arg: Int32(ranges[0])) }
        let idx: Int
        if let known = setIndex[ranges] {
            idx = known
        } else {
            idx = prog.sets.count
            prog.sets.append(RuneSet(ranges))
            setIndex[ranges] = idx
        }
        return emit(.runeSet, arg: Int32(idx))
    }

    private mutating func cat(_ f1: Frag, _ f2: Frag) -> Frag {
        if f1.start == 0 || f2.start == 0 { return fail() }
        patch(f1.exits, to: f2.start)
        return Frag(start: f1.start, exits: f2.exits, nullable: f1.nullable && f2.nullable)
    }

    private mutating func alt(_ f1: Frag, _ f2: Frag) -> Frag {
        if f1.start == 0 { return f2 }
        if f2.start == 0 { return f1 }
        var f = emit(.alt)
        prog.insts[f.start].out = Int32(f1.start)
        prog.insts[f.start].arg = Int32(f2.start)
        f.exits = f1.exits + f2.exits
        f.nullable = f1.nullable || f2.nullable
        return f
    }

    private mutating func quest(_ f1: Frag, greedy: Bool) -> Frag {
        var f = emit(.alt)
        if greedy {
            prog.insts[f.start].out = Int32(f1.start)
            f.exits = [f.start * 2 + 1] + f1.exits
        } else {
            prog.insts[f.start].arg = Int32(f1.start)
            f.exits = [f.start * 2] + f1.exits
        }
        f.nullable = true
        return f
    }

    /// The loop of `x+` / `x*`: an alt after `x` that jumps back to it.
    private mutating func loop(_ f1: Frag, greedy: Bool) -> Frag {
        var f = emit(.alt)
        if greedy {
            prog.insts[f.start].out = Int32(f1.start)
            f.exits = [f.start * 2 + 1]
        } else {
            prog.insts[f.start].arg = Int32(f1.start)
            f.exits = [f.start * 2]
        }
        patch(f1.exits, to: f.start)
        f.nullable = true
        return f
    }

    private mutating func plus(_ f1: Frag, greedy: Bool) -> Frag {
        let l = loop(f1, greedy: greedy)
        return Frag(start: f1.start, exits: l.exits, nullable: f1.nullable)
    }

    private mutating func star(_ f1: Frag, greedy: Bool) -> Frag {
        if f1.nullable { return quest(plus(f1, greedy: greedy), greedy: greedy) }
        return loop(f1, greedy: greedy)
    }

    private mutating func compile(_ node: Node) -> Frag {
        switch node {
        case .noMatch: return fail()
        case .emptyMatch: return emit(.nop)
        case .literal(let r, let fold):
            if fold, let orbit = CaseFolding.orbit(r) {
                return runeSet(CharClass.normalize(orbit.flatMap { [$0, $0] }))
            }
            return emit(.rune1, arg: Int32(r))
        case .charClass(let ranges): return runeSet(ranges)
        case .anyCharNotNL: return emit(.anyNotNL)
        case .anyChar: return emit(.any)
        case .beginLine: return emit(.empty, arg: Int32(EmptyOp.beginLine.rawValue))
        case .endLine: return emit(.empty, arg: Int32(EmptyOp.endLine.rawValue))
        case .beginText: return emit(.empty, arg: Int32(EmptyOp.beginText.rawValue))
        case .endText: return emit(.empty, arg: Int32(EmptyOp.endText.rawValue))
        case .wordBoundary: return emit(.empty, arg: Int32(EmptyOp.wordBoundary.rawValue))
        case .noWordBoundary: return emit(.empty, arg: Int32(EmptyOp.noWordBoundary.rawValue))
        case .capture(let index, _, let sub):
            let bra = emit(.capture, arg: Int32(2 * index))
            let body = compile(sub)
            let ket = emit(.capture, arg: Int32(2 * index + 1))
            return cat(cat(bra, body), ket)
        case .star(let sub, let greedy): return star(compile(sub), greedy: greedy)
        case .plus(let sub, let greedy): return plus(compile(sub), greedy: greedy)
        case .quest(let sub, let greedy): return quest(compile(sub), greedy: greedy)
        case .repeatN(let sub, let lo, let hi, let greedy): return counted(sub, lo, hi, greedy)
        case .concat(let subs):
            var f = compile(subs[0])
            for sub in subs.dropFirst() {
                if prog.insts.count > Compiler.maxInsts { return f }
                f = cat(f, compile(sub))
            }
            return f
        case .alternate(let subs):
            var f = fail()
            for sub in subs { f = alt(f, compile(sub)) }
            return f
        }
    }

    /// Go's `Simplify` of `x{lo,hi}`: `x{0}` is empty, `x{n,}` is n-1 copies then `x+`,
    /// `x{n,m}` is n copies then nested optional copies.
    private mutating func counted(_ sub: Node, _ lo: Int, _ hi: Int, _ greedy: Bool) -> Frag {
        if lo == 0 && hi == 0 { return emit(.nop) }
        if hi == -1 {
            if lo == 0 { return star(compile(sub), greedy: greedy) }
            var f: Frag?
            for _ in 0..<(lo - 1) { f = f.map { cat($0, compile(sub)) } ?? compile(sub) }
            let tail = plus(compile(sub), greedy: greedy)
            return f.map { cat($0, tail) } ?? tail
        }
        var prefix: Frag?
        for _ in 0..<lo {
            if prog.insts.count > Compiler.maxInsts { break }
            prefix = prefix.map { cat($0, compile(sub)) } ?? compile(sub)
        }
        guard hi > lo else { return prefix ?? fail() }
        // Build (x(x(x)?)?)? from the inside out, as Go nests the optional copies.
        var suffix = quest(compile(sub), greedy: greedy)
        if hi - lo > 1 {
            for _ in (lo + 1)..<hi {
                if prog.insts.count > Compiler.maxInsts { break }
                suffix = quest(cat(compile(sub), suffix), greedy: greedy)
            }
        }
        return prefix.map { cat($0, suffix) } ?? suffix
    }
}
