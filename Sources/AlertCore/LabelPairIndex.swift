/// An inverted index from label pairs (`name="value"`) to positions in an `AlertTable`, so
/// that an equality filter reads the alerts carrying the pair instead of scanning them all.
///
/// Keys are hashes of the pair, not the strings: the pair's 64-bit hash reduced to the 32-bit
/// tag `PositionTable` keeps in an 8-byte slot (`PositionTable.tag`), so that both tables below
/// agree on which pairs are one key. Two pairs with one tag in a shard (about one query in
/// 40,000 with 100k distinct pairs there) share a posting: that only adds candidates, which
/// the caller checks against the full matchers anyway, and never loses an alert. A pair
/// carried by one alert (an `instance`, an `id`) keeps that one position in a slot of its
/// own; only shared pairs allocate a `PositionSet` (a sorted array, or a bitmap when dense).
package struct LabelPairIndex: Sendable {
    /// The positions carrying one pair.
    package enum Posting: Sendable {
        case one(UInt32)
        case many(PositionSet)

        package var count: Int {
            switch self {
            case .one: 1
            case .many(let s): s.count
            }
        }

        package func contains(_ p: UInt32) -> Bool {
            switch self {
            case .one(let q): q == p
            case .many(let s): s.contains(p)
            }
        }

        /// Calls `body` with each position.
        package func forEach(_ body: (UInt32) -> Void) {
            switch self {
            case .one(let q): body(q)
            case .many(let s): s.forEach(body)
            }
        }
    }

    /// Pairs carried by one position, and pairs carried by several. Two tables rather than
    /// one of `Posting`s: most keys (an `instance`, a `pod`) are carried by a single alert,
    /// and their 8-byte slots (two per alert) take 9-14 B an entry where a dictionary's
    /// 12-byte buckets took 16-32 B (load 3/8-3/4). A tag is in at most one of them.
    private var ones = PositionTable(exactKeys: false)
    private var many: [UInt32: PositionSet] = [:]

    package init() {}

    /// Distinct keys held (tests, memory accounting).
    package var keyCount: Int { ones.count + many.count }

    /// The key of `name="value"`: the value's bytes hashed with the name's hash as the seed.
    package static func key(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) -> UInt64 {
        XXHash64.hash(UnsafeRawBufferPointer(value), seed: XXHash64.hash(UnsafeRawBufferPointer(name)))
    }

    package static func key(name: String, value: String) -> UInt64 {
        var n = name, v = value
        return n.withUTF8 { nb in v.withUTF8 { vb in key(name: nb, value: vb) } }
    }

    /// Records that the alert at `position` carries every pair of `labels`.
    package mutating func insert(_ labels: LabelSet, at position: UInt32) {
        labels.forEachUTF8 { n, v in
            add(Self.key(name: n, value: v), position)
            return true
        }
    }

    /// Forgets the pairs of `labels` for `position`.
    package mutating func remove(_ labels: LabelSet, at position: UInt32) {
        labels.forEachUTF8 { n, v in
            drop(Self.key(name: n, value: v), position)
            return true
        }
    }

    /// The positions carrying `name="value"` (a superset when keys collide), nil when none.
    package func posting(name: String, value: String) -> Posting? {
        let key = Self.key(name: name, value: value)
        if let p = ones.position(of: key) { return .one(p) }
        return many[PositionTable.tag(key)].map { .many($0) }
    }

    private mutating func add(_ key: UInt64, _ p: UInt32) {
        let tag = PositionTable.tag(key)
        // Optional chaining mutates the set in place; `many[tag] != nil` would copy it first.
        if many[tag]?.insert(p) != nil { return }
        if let q = ones.position(of: key) {
            if q != p {
                ones.remove(key, at: q)
                many[tag] = PositionSet([q, p])
            }
        } else {
            ones.insert(key, at: p)
        }
    }

    private mutating func drop(_ key: UInt64, _ p: UInt32) {
        let tag = PositionTable.tag(key)
        if let left = many[tag]?.remove(p) {
            if left == 1, let only = many[tag]!.any {
                many[tag] = nil
                ones.insert(key, at: only)
            }
        } else {
            ones.remove(key, at: p)
        }
    }
}
