/// An open-addressing hash table from 64-bit keys that are already hashes (fingerprints,
/// label-pair hashes) to `UInt32` positions in an array its owner keeps: `AlertTable`'s
/// fingerprint index and `LabelPairIndex`'s single-alert pairs, about three entries per
/// alert in all.
///
/// Why not `[UInt64: UInt32]`: a `Dictionary` keeps its load under 3/4 by doubling, so a
/// 12-byte entry costs 16-32 bytes (25 B at a million alerts, 31k per store shard, in 65,536
/// buckets). Here the load stays between 7/12 and 7/8 (growth by half, not doubling) and a
/// slot is 8 or 12 bytes:
/// - `exactKeys: false`: 8 bytes, a 32-bit tag of the key and the position. Keys with equal
///   tags are the same key to the table, so the owner must treat them so (the pair index keys
///   all its postings by the tag, see `tag(_:)`, and a merged posting only adds candidates).
/// - `exactKeys: true`: 12 bytes, the whole key (tag plus the other 32 bits of the mixed key,
///   which is invertible) and the position, so lookups need nothing from the owner and the
///   keys can be listed. `AlertTable` uses this: with 8-byte slots every lookup that hits
///   would have to hash the stored alert's labels to check its fingerprint, and listing the
///   fingerprints (metrics, full GETs) would hash every alert under the shard's lock.
///
/// Probing is linear in Robin Hood order: the home slot is the tag scaled to the capacity
/// (monotone, so any capacity works and growth need not double), an entry farther from its
/// home takes the slot of one nearer to its own, and a lookup stops at the first entry nearer
/// to its home than the probe is. Removal shifts the rest of the run back one slot, so there
/// are no tombstones and no rebuilds after churn.
///
/// The slots are read through raw pointers: in a debug build (the tests') an array subscript
/// is a generic call and a pointer's is inlined even without optimisation (lookups were 6-10
/// times slower than `Dictionary`'s through `ContiguousArray` subscripts there).
package struct PositionTable: Sendable {
    /// Slot `i` is words `i * width ..< (i + 1) * width`: the tag, the position plus one (zero:
    /// empty), and with exact keys the mixed key's low half. One allocation, no padding.
    private var words: ContiguousArray<UInt32> = []
    private let width: Int
    package private(set) var count = 0
    /// Slots allocated; `words.count / width`.
    package private(set) var capacity = 0

    package init(exactKeys: Bool) {
        width = exactKeys ? 3 : 2
    }

    package var isEmpty: Bool { count == 0 }
    package var exactKeys: Bool { width == 3 }

    /// Bytes the slots take on the heap (tests, memory accounting).
    package var allocatedBytes: Int { words.capacity * 4 }

    /// The key, mixed by an invertible function (so exact keys can be listed): fingerprints'
    /// and pair hashes' bits are good, but the store picks a key's shard from some of them,
    /// so they are folded and multiplied before the table uses any.
    package static func mix(_ key: UInt64) -> UInt64 { (key ^ (key >> 32)) &* 0x9E37_79B9_7F4A_7C15 }
    /// `mix`'s inverse: the multiplier's inverse mod 2^64, then the fold undone (it is its own).
    package static func unmix(_ x: UInt64) -> UInt64 {
        let y = x &* 0xF1DE_83E1_9937_733D
        return y ^ (y >> 32)
    }

    /// The 32 bits of `key` a slot keeps without exact keys: the identity of the key there.
    package static func tag(_ key: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: mix(key) >> 32) }

    /// The position stored under `key` (without exact keys: under a key with its tag).
    package func position(of key: UInt64) -> UInt32? {
        guard count > 0 else { return nil }
        let m = Self.mix(key), capacity = capacity, width = width
        return words.withUnsafeBufferPointer { buf -> UInt32? in
            let w = buf.baseAddress!
            let i = Self.find(w, capacity, width, UInt32(truncatingIfNeeded: m >> 32), UInt32(truncatingIfNeeded: m), 0)
            return i < 0 ? nil : w[i * width + 1] - 1
        }
    }

    /// Adds `key` at `position`. The caller knows the key is not stored yet (it looked).
    package mutating func insert(_ key: UInt64, at position: UInt32) {
        precondition(position < UInt32.max, "positions are stored plus one")
        if (count + 1) * 8 > capacity * 7 { grow() }
        let m = Self.mix(key), capacity = capacity, width = width
        words.withUnsafeMutableBufferPointer { buf in
            Self.place(buf.baseAddress!, capacity, width, UInt32(truncatingIfNeeded: m >> 32), position + 1,
                       UInt32(truncatingIfNeeded: m))
        }
        count += 1
    }

    /// Removes `key`'s entry at `position`; false when there is none.
    @discardableResult
    package mutating func remove(_ key: UInt64, at position: UInt32) -> Bool {
        guard count > 0 else { return false }
        let m = Self.mix(key), capacity = capacity, width = width
        let removed = words.withUnsafeMutableBufferPointer { buf -> Bool in
            let w = buf.baseAddress!
            var hole = Self.find(w, capacity, width, UInt32(truncatingIfNeeded: m >> 32), UInt32(truncatingIfNeeded: m),
                                 position + 1)
            guard hole >= 0 else { return false }
            // Backward shift: each following entry not at its home moves one slot back.
            var next = hole + 1 == capacity ? 0 : hole + 1
            while w[next * width + 1] != 0, Self.home(w[next * width], capacity) != next {
                (w + hole * width).update(from: w + next * width, count: width)
                hole = next
                next = next + 1 == capacity ? 0 : next + 1
            }
            (w + hole * width).update(repeating: 0, count: width)
            return true
        }
        if removed { count -= 1 }
        return removed
    }

    /// Changes `key`'s entry at `from` to `to` in place (its slot depends on the key only).
    package mutating func move(_ key: UInt64, from: UInt32, to: UInt32) {
        precondition(to < UInt32.max, "positions are stored plus one")
        let m = Self.mix(key), capacity = capacity, width = width
        let moved = count > 0 && words.withUnsafeMutableBufferPointer { buf -> Bool in
            let w = buf.baseAddress!
            let i = Self.find(w, capacity, width, UInt32(truncatingIfNeeded: m >> 32), UInt32(truncatingIfNeeded: m), from + 1)
            if i >= 0 { w[i * width + 1] = to + 1 }
            return i >= 0
        }
        precondition(moved, "no entry to move")
    }

    /// Every (key, position) entry, in no particular order. Exact keys only.
    package func forEach(_ body: (UInt64, UInt32) -> Void) {
        precondition(width == 3, "only exact keys can be listed")
        words.withUnsafeBufferPointer { buf in
            guard let w = buf.baseAddress else { return }
            var i = 0
            while i < buf.count {
                if w[i + 1] != 0 { body(Self.unmix(UInt64(w[i]) << 32 | UInt64(w[i + 2])), w[i + 1] - 1) }
                i += 3
            }
        }
    }

    /// The tag scaled to the capacity: monotone in the tag, so entries sit in tag order.
    private static func home(_ tag: UInt32, _ capacity: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(tag) &* UInt64(truncatingIfNeeded: capacity)) >> 32)
    }

    /// The slot of the entry with `tag` (and `low`, with exact keys), and when `stored` is not
    /// zero, with that stored position; -1 when there is none. The table is not empty.
    private static func find(_ w: UnsafePointer<UInt32>, _ capacity: Int, _ width: Int,
                             _ tag: UInt32, _ low: UInt32, _ stored: UInt32) -> Int {
        var i = home(tag, capacity), probe = 0
        while true {
            let slot = w + i * width
            if slot[1] == 0 { return -1 }
            if slot[0] == tag {
                if stored == 0 || slot[1] == stored, width == 2 || slot[2] == low { return i }
            } else {
                // Robin Hood order: an entry nearer its home than we are to ours ends the search.
                let h = home(slot[0], capacity)
                if (i >= h ? i - h : i + capacity - h) < probe { return -1 }
            }
            i = i + 1 == capacity ? 0 : i + 1
            probe += 1
        }
    }

    /// Robin Hood insertion of one entry, swapping it with any entry nearer its home.
    private static func place(_ w: UnsafeMutablePointer<UInt32>, _ capacity: Int, _ width: Int,
                              _ tag: UInt32, _ stored: UInt32, _ low: UInt32) {
        var entry = (tag, stored, low)
        var i = home(tag, capacity), probe = 0
        while true {
            let slot = w + i * width
            if slot[1] == 0 {
                slot[0] = entry.0
                slot[1] = entry.1
                if width == 3 { slot[2] = entry.2 }
                return
            }
            let h = home(slot[0], capacity)
            let d = i >= h ? i - h : i + capacity - h
            if d < probe {
                let held = (slot[0], slot[1], width == 3 ? slot[2] : 0)
                slot[0] = entry.0
                slot[1] = entry.1
                if width == 3 { slot[2] = entry.2 }
                entry = held
                probe = d
            }
            i = i + 1 == capacity ? 0 : i + 1
            probe += 1
        }
    }

    /// Half as many slots again (at least 4): a doubled table would sit half empty.
    private mutating func grow() {
        let old = words, width = width
        let capacity = max(4, capacity + capacity / 2)
        var bigger = ContiguousArray<UInt32>(repeating: 0, count: capacity * width)
        bigger.withUnsafeMutableBufferPointer { to in
            old.withUnsafeBufferPointer { from in
                guard let f = from.baseAddress else { return }
                var i = 0
                while i < from.count {
                    if f[i + 1] != 0 { Self.place(to.baseAddress!, capacity, width, f[i], f[i + 1], width == 3 ? f[i + 2] : 0) }
                    i += width
                }
            }
        }
        words = bigger
        self.capacity = capacity
    }
}
