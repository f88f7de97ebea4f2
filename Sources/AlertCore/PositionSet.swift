/// The positions carrying one shared label pair in an `AlertTable` (`LabelPairIndex`'s
/// postings of two or more alerts): a sorted array while few of the table's alerts carry the
/// pair, a bitmap once many do.
///
/// Why not `Set<UInt32>`: a set costs 5-11 bytes a member (4-byte buckets at a load of
/// 3/8-3/4, doubling) and the pairs the load generator shares (`job`, `severity`, `team`,
/// ...) put six such memberships on every alert. A sorted array takes 4-5 bytes a member; a
/// bitmap over the table's positions takes 1/8 byte a position, which is less than the
/// array once a thirty-second of the positions carry the pair (a `severity` of three, a
/// `team` of four). The bitmap also keeps inserting and removing O(1) for such pairs, where
/// the array would move thousands of members on each removal (`AlertTable.removeValue` moves
/// the last alert into the freed position, so postings change in the middle); arrays stay
/// short enough (under a thirty-second of the table) for that move to be a small memmove.
/// A posting is converted back to an array only at half the density it became a bitmap at,
/// so one alert coming and going does not convert it back and forth.
///
/// Reads go through raw pointers, as `PositionTable`'s do, for the debug build's sake.
package struct PositionSet: Sendable {
    /// Exactly one of the two is in use; the other is empty (no allocation).
    private var sorted: ContiguousArray<UInt32> = []
    private var bits: ContiguousArray<UInt64> = []
    package private(set) var count = 0

    package init() {}

    package init(_ positions: [UInt32]) {
        for p in positions { insert(p) }
    }

    /// True while the positions are kept in `bits` (a stored flag: reading `bits.isEmpty`
    /// retains and releases the array in the debug build, on every insert).
    package private(set) var isBitmap = false

    /// Bytes the storage takes on the heap (tests, memory accounting).
    package var allocatedBytes: Int { sorted.capacity * 4 + bits.capacity * 8 }

    package func contains(_ p: UInt32) -> Bool {
        if isBitmap {
            let w = Int(p >> 6)
            return w < bits.count && bits.withUnsafeBufferPointer { $0.baseAddress![w] } & (1 << UInt64(p & 63)) != 0
        }
        return sorted.withUnsafeBufferPointer { buf in
            let i = Self.lowerBound(buf, p)
            return i < buf.count && buf.baseAddress![i] == p
        }
    }

    /// One of the positions (the only one, when `count` is 1).
    package var any: UInt32? {
        if isBitmap {
            for (w, word) in bits.enumerated() where word != 0 { return UInt32(w * 64 + word.trailingZeroBitCount) }
            return nil
        }
        return sorted.first
    }

    /// Calls `body` with each position, in increasing order.
    package func forEach(_ body: (UInt32) -> Void) {
        if isBitmap {
            bits.withUnsafeBufferPointer { buf in
                let b = buf.baseAddress!
                var w = 0
                while w < buf.count {
                    var rest = b[w]
                    while rest != 0 {
                        body(UInt32(truncatingIfNeeded: w &* 64 &+ rest.trailingZeroBitCount))
                        rest &= rest &- 1
                    }
                    w += 1
                }
            }
        } else {
            sorted.withUnsafeBufferPointer { buf in
                guard let b = buf.baseAddress else { return }
                var i = 0
                while i < buf.count {
                    body(b[i])
                    i += 1
                }
            }
        }
    }

    package mutating func insert(_ p: UInt32) {
        if isBitmap {
            let w = Int(p >> 6), bit: UInt64 = 1 << UInt64(p & 63)
            if w >= bits.count, count + 1 < w + 1 {
                // So far out that the bitmap would be sparser than an array is allowed to
                // become one (a set of two or three small positions, then a large one).
                toSorted()
                insert(p)
                return
            }
            if w >= bits.count {
                if w >= bits.capacity { bits.reserveCapacity(w + 1 + (w + 1) / 4) }
                bits.append(contentsOf: repeatElement(0, count: w + 1 - bits.count))
            }
            let added = bits.withUnsafeMutableBufferPointer { buf -> Bool in
                let word = buf.baseAddress! + w
                guard word.pointee & bit == 0 else { return false }
                word.pointee |= bit
                return true
            }
            if added { count += 1 }
            return
        }
        // New alerts take the table's next position, so most inserts append.
        let i = sorted.withUnsafeBufferPointer { buf in
            buf.isEmpty || buf.baseAddress![buf.count - 1] < p ? buf.count : Self.lowerBound(buf, p)
        }
        if i < sorted.count, sorted[i] == p { return }
        if sorted.count == sorted.capacity {
            // A quarter more, not double: a just-doubled array is half empty.
            sorted.reserveCapacity(sorted.count + max(4, sorted.count / 4))
        }
        sorted.insert(p, at: i)
        count += 1
        if count * 32 >= Int(sorted[sorted.count - 1]) + 1 { toBitmap() }
    }

    /// Removes `p` if it is a member; returns how many remain.
    @discardableResult
    package mutating func remove(_ p: UInt32) -> Int {
        if isBitmap {
            let w = Int(p >> 6), bit: UInt64 = 1 << UInt64(p & 63)
            guard w < bits.count else { return count }
            let removed = bits.withUnsafeMutableBufferPointer { buf -> Bool in
                let word = buf.baseAddress! + w
                guard word.pointee & bit != 0 else { return false }
                word.pointee &= ~bit
                return true
            }
            guard removed else { return count }
            count -= 1
            // The table's highest positions go first (its last alert fills each freed one).
            while let last = bits.last, last == 0 { bits.removeLast() }
            // Half the density it became a bitmap at: fewer members than 64-bit words.
            if count < bits.count || bits.isEmpty { toSorted() }
            return count
        }
        let i = sorted.withUnsafeBufferPointer { Self.lowerBound($0, p) }
        guard i < sorted.count, sorted[i] == p else { return count }
        sorted.remove(at: i)
        count -= 1
        return count
    }

    /// The first index of `buf` (sorted) holding a position not below `p`.
    private static func lowerBound(_ buf: UnsafeBufferPointer<UInt32>, _ p: UInt32) -> Int {
        guard let b = buf.baseAddress else { return 0 }
        var lo = 0, hi = buf.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if b[mid] < p { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private mutating func toBitmap() {
        var b = ContiguousArray<UInt64>(repeating: 0, count: Int(sorted[sorted.count - 1] >> 6) + 1)
        for p in sorted { b[Int(p >> 6)] |= 1 << UInt64(p & 63) }
        bits = b
        sorted = []
        isBitmap = true
    }

    private mutating func toSorted() {
        var s = ContiguousArray<UInt32>()
        s.reserveCapacity(count)
        forEach { s.append($0) }
        sorted = s
        bits = []
        isBitmap = false
    }
}
