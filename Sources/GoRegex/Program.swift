/// A compiled pattern: the instruction list the Pike VM runs (Go's `syntax.Prog`).
/// Instruction 0 is always `fail`, so a branch target of 0 means "no such branch".
struct Program: Sendable {
    enum Op: UInt8, Sendable {
        case fail, match, alt, nop, capture, empty, rune1, runeSet, any, anyNotNL
    }

    struct Inst: Sendable {
        var op: Op
        /// Next instruction (the preferred branch of `alt`).
        var out: Int32 = 0
        /// `alt`: the other branch; `capture`: slot; `empty`: `EmptyOp` bits;
        /// `rune1`: the scalar; `runeSet`: index into `sets`.
        var arg: Int32 = 0
    }

    var insts: [Inst] = [Inst(op: .fail)]
    var sets: [RuneSet] = []
    var start = 0
    /// Capture slots including the whole match: 2 * (groups + 1).
    var numCap = 2
    /// For each instruction that consumes input or matches, its dense index; else -1.
    var leafIndex: [Int32] = []
    var leafCount = 0
    /// Empty-width conditions every match must satisfy at its start (Go's `StartCond`).
    var startCond: EmptyOp = []
    /// True when no match is possible at all (the start is `fail`).
    var impossible = false

    mutating func finish() {
        leafIndex = Array(repeating: -1, count: insts.count)
        leafCount = 0
        for (pc, inst) in insts.enumerated() {
            switch inst.op {
            case .match, .rune1, .runeSet, .any, .anyNotNL:
                leafIndex[pc] = Int32(leafCount)
                leafCount += 1
            default: break
            }
        }
        var pc = start
        var cond: EmptyOp = []
        scan: while true {
            let inst = insts[pc]
            switch inst.op {
            case .empty: cond.formUnion(EmptyOp(rawValue: UInt8(inst.arg)))
            case .capture, .nop: break
            case .fail: impossible = true; break scan
            default: break scan
            }
            pc = Int(inst.out)
        }
        startCond = cond
    }
}

/// Zero-width assertions (Go's `syntax.EmptyOp`).
struct EmptyOp: OptionSet, Sendable {
    let rawValue: UInt8
    static let beginLine = EmptyOp(rawValue: 1)
    static let endLine = EmptyOp(rawValue: 2)
    static let beginText = EmptyOp(rawValue: 4)
    static let endText = EmptyOp(rawValue: 8)
    static let wordBoundary = EmptyOp(rawValue: 16)
    static let noWordBoundary = EmptyOp(rawValue: 32)

    /// Which assertions hold between scalar `r1` and scalar `r2` (-1 = edge of text),
    /// Go's `EmptyOpContext`; word characters are ASCII `[0-9A-Za-z_]`.
    static func context(_ r1: Int32, _ r2: Int32) -> EmptyOp {
        var op: EmptyOp = .noWordBoundary
        var boundary = false
        if isWordChar(r1) {
            boundary = true
        } else if r1 == 10 {
            op.insert(.beginLine)
        } else if r1 < 0 {
            op.formUnion([.beginText, .beginLine])
        }
        if isWordChar(r2) {
            boundary.toggle()
        } else if r2 == 10 {
            op.insert(.endLine)
        } else if r2 < 0 {
            op.formUnion([.endText, .endLine])
        }
        if boundary { op.formSymmetricDifference([.wordBoundary, .noWordBoundary]) }
        return op
    }

    @inline(__always)
    static func isWordChar(_ r: Int32) -> Bool {
        (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5A) || (r >= 0x61 && r <= 0x7A) || r == 0x5F
    }
}
