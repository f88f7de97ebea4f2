/// An inverted index from label pairs (`name="value"`) to positions in an `AlertTable`, so
/// that an equality filter reads the alerts carrying the pair instead of scanning them all.
///
/// Keys are 64-bit hashes of the pair, not the strings: a key costs 8 bytes instead of two
/// strings, and a rare collision only adds candidates, which the caller checks against the
/// full matchers anyway. A pair carried by one alert (an `instance`, an `id`) keeps that one
/// position inline; only shared pairs allocate a set.
package struct LabelPairIndex: Sendable {
    /// The positions carrying one pair.
    package enum Posting: Sendable {
        case one(UInt32)
        case many(Set<UInt32>)

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
            case .many(let s): for p in s { body(p) }
            }
        }
    }

    /// Pairs carried by one position, and pairs carried by several. Two dictionaries rather
    /// than one of `Posting`s: an enum with a set payload takes 16 bytes a bucket, a bare
    /// position 4, and most keys (an `instance`, a `pod`) are carried by a single alert.
    private var ones: [UInt64: UInt32] = [:]
    private var many: [UInt64: Set<UInt32>] = [:]

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
        if let p = ones[key] { return .one(p) }
        return many[key].map { .many($0) }
    }

    private mutating func add(_ key: UInt64, _ p: UInt32) {
        if many[key] != nil {
            many[key]!.insert(p)
        } else if let q = ones[key] {
            if q != p {
                ones[key] = nil
                many[key] = [q, p]
            }
        } else {
            ones[key] = p
        }
    }

    private mutating func drop(_ key: UInt64, _ p: UInt32) {
        if let q = ones[key] {
            if q == p { ones[key] = nil }
        } else if many[key] != nil {
            many[key]!.remove(p)
            if many[key]!.count == 1, let only = many[key]!.first {
                many[key] = nil
                ones[key] = only
            }
        }
    }
}
