/// Simple Unicode case folding orbits, the equivalence Go's `unicode.SimpleFold` walks and
/// `(?i)` matching uses (e.g. `k`, `K` and KELVIN SIGN U+212A are one orbit; so are `s`,
/// `S` and LONG S U+017F). Derived once, lazily, from the stdlib's single-scalar case
/// mappings; U+0130 and U+0131 (Turkish dotted/dotless i) have no simple folding and stay alone.
enum CaseFolding {
    /// Go's `minFold`/`maxFold`: no scalar outside this range folds to another.
    static let minFold: UInt32 = 0x41
    static let maxFold: UInt32 = 0x1E943

    private struct Table: Sendable {
        /// Sorted scalars that have at least one fold-equivalent.
        var keys: [UInt32] = []
        /// For each key (same index), the sorted members of its orbit including itself.
        var orbits: [[UInt32]] = []
    }

    private static let table: Table = build()

    private static func build() -> Table {
        var parent: [UInt32: UInt32] = [:]
        func find(_ x: UInt32) -> UInt32 {
            var x = x
            while let p = parent[x], p != x { x = p }
            return x
        }
        func union(_ a: UInt32, _ b: UInt32) {
            if parent[a] == nil { parent[a] = a }
            if parent[b] == nil { parent[b] = b }
            let ra = find(a), rb = find(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        func single(_ s: String) -> UInt32? {
            var it = s.unicodeScalars.makeIterator()
            guard let first = it.next(), it.next() == nil else { return nil }
            return first.value
        }
        for v in minFold...maxFold {
            guard v != 0x130, v != 0x131, let sc = Unicode.Scalar(v) else { continue }
            let p = sc.properties
            guard p.changesWhenCaseMapped else { continue }
            for mapped in [p.lowercaseMapping, p.uppercaseMapping, p.titlecaseMapping] {
                if let m = single(mapped), m != v, m != 0x130, m != 0x131 { union(v, m) }
            }
        }
        var groups: [UInt32: [UInt32]] = [:]
        for key in parent.keys { groups[find(key), default: []].append(key) }
        var t = Table()
        var pairs: [(UInt32, [UInt32])] = []
        for (_, members) in groups where members.count > 1 {
            let sorted = members.sorted()
            for m in sorted { pairs.append((m, sorted)) }
        }
        pairs.sort { $0.0 < $1.0 }
        t.keys = pairs.map(\.0)
        t.orbits = pairs.map(\.1)
        return t
    }

    /// The orbit of `r` (sorted, including `r`), or nil when `r` folds only to itself.
    static func orbit(_ r: UInt32) -> [UInt32]? {
        if r < minFold || r > maxFold { return nil }
        if r < 128 {
            let isUpper = r >= 0x41 && r <= 0x5A, isLower = r >= 0x61 && r <= 0x7A
            guard isUpper || isLower else { return nil }
        }
        let t = table
        let i = lowerBound(t.keys, r)
        return i < t.keys.count && t.keys[i] == r ? t.orbits[i] : nil
    }

    /// Appends the orbit members of every scalar in `lo...hi` as single-scalar ranges.
    static func appendOrbits(lo: UInt32, hi: UInt32, into out: inout [UInt32]) {
        if lo <= minFold && hi >= maxFold { return }  // already closed under folding
        let lo = max(lo, minFold), hi = min(hi, maxFold)
        guard lo <= hi else { return }
        let t = table
        var i = lowerBound(t.keys, lo)
        while i < t.keys.count && t.keys[i] <= hi {
            for m in t.orbits[i] { out.append(m); out.append(m) }
            i += 1
        }
    }

    private static func lowerBound(_ a: [UInt32], _ x: UInt32) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let m = (lo + hi) / 2
            if a[m] < x { lo = m + 1 } else { hi = m }
        }
        return lo
    }
}
