/// Sets of Unicode scalars as sorted, merged `[lo, hi]` pairs in a flat array, the form
/// Go's `regexp/syntax` uses for `OpCharClass` (`Rune` holds lo/hi pairs).
enum CharClass {
    static let maxRune: UInt32 = 0x10FFFF

    /// Sorts pairs by low end and merges overlapping or adjacent ranges (Go's `cleanClass`).
    static func normalize(_ flat: [UInt32]) -> [UInt32] {
        var pairs: [(UInt32, UInt32)] = []
        pairs.reserveCapacity(flat.count / 2)
        var i = 0
        while i + 1 < flat.count { pairs.append((flat[i], flat[i + 1])); i += 2 }
        pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        var out: [UInt32] = []
        out.reserveCapacity(flat.count)
        for (lo, hi) in pairs {
            if let last = out.last, lo <= last &+ 1 {
                if hi > last { out[out.count - 1] = hi }
            } else {
                out.append(lo); out.append(hi)
            }
        }
        return out
    }

    /// The complement of a normalized class within 0...0x10FFFF (Go's `negateClass`).
    static func negate(_ cls: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        var next: UInt32 = 0
        var i = 0
        while i + 1 < cls.count {
            if cls[i] > next { out.append(next); out.append(cls[i] - 1) }
            next = cls[i + 1] &+ 1
            i += 2
        }
        if next <= maxRune { out.append(next); out.append(maxRune) }
        return out
    }

    /// Adds every simple-case-fold equivalent of the members (Go's `appendFoldedClass`).
    static func folded(_ cls: [UInt32]) -> [UInt32] {
        var out = cls
        var i = 0
        while i + 1 < cls.count {
            CaseFolding.appendOrbits(lo: cls[i], hi: cls[i + 1], into: &out)
            i += 2
        }
        return normalize(out)
    }

    /// Binary search membership test on a normalized class.
    static func contains(_ cls: [UInt32], _ r: UInt32) -> Bool {
        var lo = 0
        var hi = cls.count / 2
        while lo < hi {
            let m = (lo + hi) / 2
            if r < cls[2 * m] { hi = m } else if r > cls[2 * m + 1] { lo = m + 1 } else { return true }
        }
        return false
    }
}

/// A compiled class for the matcher: an ASCII bitmap for the common case plus the ranges.
struct RuneSet: Sendable {
    let low: UInt64
    let high: UInt64
    let ranges: [UInt32]

    init(_ ranges: [UInt32]) {
        self.ranges = ranges
        var low: UInt64 = 0
        var high: UInt64 = 0
        for c in UInt32(0)..<128 where CharClass.contains(ranges, c) {
            if c < 64 { low |= 1 << UInt64(c) } else { high |= 1 << UInt64(c - 64) }
        }
        self.low = low
        self.high = high
    }

    @inline(__always)
    func contains(_ r: UInt32) -> Bool {
        if r < 64 { return low & (1 << UInt64(r)) != 0 }
        if r < 128 { return high & (1 << UInt64(r - 64)) != 0 }
        return CharClass.contains(ranges, r)
    }
}
