/// Thompson-NFA simulation with capture slots (Go's `regexp.machine`): every position is
/// visited once and each instruction at most once per position, so matching is linear in
/// the input and never backtracks. Threads are kept in priority order, which yields Go's
/// leftmost-first (Perl-like) submatch choice.
struct PikeVM {
    /// Threads at one input position: a sparse set of program counters in priority order,
    /// plus the capture slots of each consuming thread (indexed by the leaf index).
    struct Queue {
        let sparse: UnsafeMutablePointer<Int>
        let dense: UnsafeMutablePointer<Int>
        let caps: UnsafeMutablePointer<Int>
        var count = 0

        @inline(__always)
        func contains(_ pc: Int) -> Bool {
            let j = sparse[pc]
            return j >= 0 && j < count && dense[j] == pc
        }

        @inline(__always)
        mutating func insert(_ pc: Int) {
            sparse[pc] = count
            dense[count] = pc
            count += 1
        }
    }

    let prog: Program
    let ncap: Int
    private var runq: Queue
    private var nextq: Queue
    private let scratch: UnsafeMutablePointer<Int>
    private let caps: UnsafeMutablePointer<Int>
    /// Pending work of `add`: triples (pc, slot, value); slot -1 means "explore pc",
    /// otherwise "restore capture slot to value".
    private let stack: UnsafeMutablePointer<Int>
    private(set) var matched = false
    /// Whether the last `run` was stopped by its `interrupt`.
    private(set) var interrupted = false

    /// Runs `body` with a matcher whose state lives in one temporary allocation (on the
    /// stack when small). `ncap` is 0 for yes/no, 2 for bounds, `prog.numCap` for groups.
    static func with<R>(_ prog: Program, ncap: Int, _ body: (inout PikeVM) -> R) -> R {
        let nc = min(ncap, prog.numCap)
        let size = prog.insts.count
        let total = 4 * size + 2 * prog.leafCount * nc + 2 * nc + 3 * (size + 2) + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: total) { buf in
            guard let base = buf.baseAddress else {
                let heap = UnsafeMutablePointer<Int>.allocate(capacity: total)
                defer { heap.deallocate() }
                var vm = PikeVM(prog, ncap: nc, memory: heap)
                return body(&vm)
            }
            var vm = PikeVM(prog, ncap: nc, memory: base)
            return body(&vm)
        }
    }

    private init(_ prog: Program, ncap: Int, memory: UnsafeMutablePointer<Int>) {
        self.prog = prog
        self.ncap = ncap
        let size = prog.insts.count
        let capBlock = prog.leafCount * ncap
        memory.initialize(repeating: -1, count: 4 * size)
        runq = Queue(sparse: memory, dense: memory + size, caps: memory + 4 * size)
        nextq = Queue(sparse: memory + 2 * size, dense: memory + 3 * size, caps: memory + 4 * size + capBlock)
        scratch = memory + 4 * size + 2 * capBlock
        caps = scratch + ncap
        stack = caps + ncap
    }

    /// Capture slot `k` of the last match (-1 when unset).
    func matchCap(_ k: Int) -> Int { caps[k] }

    /// All capture slots of the last match.
    var matchCaps: [Int] { (0..<ncap).map { caps[$0] } }

    /// Input bytes between two calls of `run`'s `interrupt`: about a million instruction
    /// steps, rare enough to cost nothing, often enough that a big program over a long text
    /// stops within milliseconds.
    var interruptStride: Int { max(16, (1 << 20) / max(1, prog.insts.count)) }

    /// Searches `text` for the leftmost-first match starting at or after `start`.
    /// `interrupt` is asked every `interruptStride` bytes; when it says true the search ends
    /// unmatched and `interrupted` is set (the caller discards the answer).
    mutating func run(_ text: UnsafeBufferPointer<UInt8>, from start: Int, interrupt: (() -> Bool)? = nil) -> Bool {
        matched = false
        interrupted = false
        var nextCheck = interrupt == nil ? Int.max : start + interruptStride
        for k in 0..<ncap { caps[k] = -1 }
        if prog.impossible { return false }
        let anchored = prog.startCond.contains(.beginText)
        if anchored && start != 0 { return false }
        var pos = start
        var (r, width) = UTF8Scan.decode(text, pos)
        var (r1, width1) = width > 0 ? UTF8Scan.decode(text, pos + width) : (-1, 0)
        var flag = EmptyOp.context(start == 0 ? -1 : UTF8Scan.decodeBefore(text, pos), r)
        runq.count = 0
        nextq.count = 0
        while true {
            if runq.count == 0 && (matched || (anchored && pos != 0)) { break }
            if !matched && (pos == 0 || !anchored) {
                for k in 0..<ncap { scratch[k] = -1 }
                if ncap > 0 { scratch[0] = pos }
                add(&runq, pc: prog.start, pos: pos, flag: flag)
            }
            flag = EmptyOp.context(r, r1)
            step(pos: pos, nextPos: pos + width, c: r, flag: flag)
            if width == 0 { break }
            if ncap == 0 && matched { break }
            pos += width
            if pos >= nextCheck, let interrupt {
                nextCheck = pos + interruptStride
                if interrupt() {
                    interrupted = true
                    matched = false
                    break
                }
            }
            r = r1
            width = width1
            if width > 0 { (r1, width1) = UTF8Scan.decode(text, pos + width) } else { (r1, width1) = (-1, 0) }
            swap(&runq, &nextq)
        }
        return matched
    }

    /// Follows empty transitions from `pc`, recording consuming threads in `q` in priority
    /// order; `scratch` holds the captures of the path (restored as branches unwind).
    private func add(_ q: inout Queue, pc: Int, pos: Int, flag: EmptyOp) {
        var depth = 1
        stack[0] = pc
        stack[1] = -1
        while depth > 0 {
            depth -= 1
            let slot = stack[3 * depth + 1]
            if slot >= 0 { scratch[slot] = stack[3 * depth + 2]; continue }
            var pc = stack[3 * depth]
            follow: while pc != 0 && !q.contains(pc) {
                q.insert(pc)
                let inst = prog.insts[pc]
                switch inst.op {
                case .fail:
                    break follow
                case .alt:
                    stack[3 * depth] = Int(inst.arg)
                    stack[3 * depth + 1] = -1
                    depth += 1
                    pc = Int(inst.out)
                case .nop:
                    pc = Int(inst.out)
                case .empty:
                    guard EmptyOp(rawValue: UInt8(inst.arg)).isSubset(of: flag) else { break follow }
                    pc = Int(inst.out)
                case .capture:
                    let slot = Int(inst.arg)
                    if slot < ncap {
                        stack[3 * depth + 1] = slot
                        stack[3 * depth + 2] = scratch[slot]
                        depth += 1
                        scratch[slot] = pos
                    }
                    pc = Int(inst.out)
                case .match, .rune1, .runeSet, .any, .anyNotNL:
                    if ncap > 0 {
                        let base = Int(prog.leafIndex[pc]) * ncap
                        for k in 0..<ncap { q.caps[base + k] = scratch[k] }
                    }
                    break follow
                }
            }
        }
    }

    /// Advances every thread of `runq` over scalar `c` (-1 at the end of text) into `nextq`.
    private mutating func step(pos: Int, nextPos: Int, c: Int32, flag: EmptyOp) {
        var j = 0
        while j < runq.count {
            let pc = runq.dense[j]
            j += 1
            let inst = prog.insts[pc]
            let ok: Bool
            switch inst.op {
            case .match:
                if ncap > 0 {
                    let base = Int(prog.leafIndex[pc]) * ncap
                    for k in 0..<ncap { caps[k] = runq.caps[base + k] }
                    caps[1] = pos
                }
                matched = true
                runq.count = 0  // leftmost-first: lower-priority threads are cut off
                return
            case .rune1: ok = c == inst.arg
            case .runeSet: ok = c >= 0 && prog.sets[Int(inst.arg)].contains(UInt32(c))
            case .any: ok = c >= 0
            case .anyNotNL: ok = c >= 0 && c != 10
            default: continue
            }
            guard ok else { continue }
            if ncap > 0 {
                let base = Int(prog.leafIndex[pc]) * ncap
                for k in 0..<ncap { scratch[k] = runq.caps[base + k] }
            }
            add(&nextq, pc: Int(inst.out), pos: nextPos, flag: flag)
        }
        runq.count = 0
    }
}

/// UTF-8 decoding of a Swift string's (always valid) UTF-8 bytes.
enum UTF8Scan {
    /// The scalar at byte `i` and its width; (-1, 0) at the end.
    @inline(__always)
    static func decode(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int32, Int) {
        guard i < b.count else { return (-1, 0) }
        let b0 = Int32(b[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0, i + 1 < b.count { return (((b0 & 0x1F) << 6) | (Int32(b[i + 1]) & 0x3F), 2) }
        if b0 < 0xF0, i + 2 < b.count {
            return (((b0 & 0x0F) << 12) | ((Int32(b[i + 1]) & 0x3F) << 6) | (Int32(b[i + 2]) & 0x3F), 3)
        }
        if i + 3 < b.count {
            let v = ((b0 & 0x07) << 18) | ((Int32(b[i + 1]) & 0x3F) << 12)
                | ((Int32(b[i + 2]) & 0x3F) << 6) | (Int32(b[i + 3]) & 0x3F)
            return (v, 4)
        }
        return (0xFFFD, 1)
    }

    /// The scalar ending just before byte `i` (-1 at the start).
    static func decodeBefore(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int32 {
        guard i > 0 else { return -1 }
        var k = i - 1
        while k > 0 && b[k] & 0xC0 == 0x80 { k -= 1 }
        return decode(b, k).0
    }

    /// Byte width of the scalar at `i` (0 at the end).
    static func width(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int { decode(b, i).1 }
}
