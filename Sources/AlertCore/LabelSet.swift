import GoCompat

/// One label: a name and its value.
package struct Label: Hashable, Sendable {
    package var name: String
    package var value: String
    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A set of labels kept sorted by name (byte-wise, as Prometheus sorts them).
///
/// Stored as one byte array: the label count, then each name and value as a field: a LEB128
/// tag, `length << 1` followed by the UTF-8 bytes, or `entry << 1 | 1`, a reference to
/// `LabelIntern`'s process-wide table (every label name, and the values of a name until its
/// budget there is spent). Why not `[Label]`: every alert holds two label sets and a server
/// holds up to a million alerts. An array of `Label`s costs 32 bytes per label plus a
/// separate heap string (≥ 48 bytes) for every name or value longer than 15 bytes; here a
/// label costs two to six bytes when its name and value are common, its bytes plus two when
/// not, in one allocation per set. The encoding is canonical (sorted, unique names, and a
/// string is referenced in every set or in none), so equality and hashing are plain byte
/// comparisons, and the fingerprint and the JSON writers read the bytes without making strings.
package struct LabelSet: Hashable, Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// Empty for the empty set (no allocation).
    @usableFromInline let bytes: [UInt8]

    package init() { bytes = [] }

    /// Builds a set from a dictionary; names are unique by construction.
    package init(_ dict: [String: String]) {
        var labels = dict.map { Label(name: $0.key, value: $0.value) }
        labels.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        self.init(sorted: labels)
    }

    package init(dictionaryLiteral elements: (String, String)...) {
        var d: [String: String] = [:]
        for (k, v) in elements { d[k] = v }
        self.init(d)
    }

    /// Builds a set from labels that are already sorted by name with unique names.
    package init(sorted labels: some Collection<Label>) {
        self.init(count: labels.count) { body in
            for l in labels {
                var name = l.name, value = l.value
                name.withUTF8 { n in value.withUTF8 { v in body(n, v) } }
            }
        }
    }

    /// Builds a set from name/value byte ranges of `utf8`, already sorted by name (byte-wise)
    /// with unique names and valid UTF-8: a decoder's labels copied once, without strings.
    package init(sortedRanges ranges: [(name: Range<Int>, value: Range<Int>)], in utf8: UnsafeBufferPointer<UInt8>) {
        self.init(count: ranges.count) { body in
            for r in ranges { body(UnsafeBufferPointer(rebasing: utf8[r.name]), UnsafeBufferPointer(rebasing: utf8[r.value])) }
        }
    }

    /// Encodes `count` labels that `each` hands over (twice: to size, then to copy), in order.
    private init(count: Int, _ each: ((UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) -> Void) {
        guard count > 0 else {
            bytes = []
            return
        }
        bytes = withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * count) { ids in
            var size = Self.varintSize(count)
            var k = 0
            // Names and values are looked up (and entered) under one lock for the whole set.
            LabelIntern.withTable { table in
                each { n, v in
                    let name = table.id(n, scope: -1)
                    let value = name >= 0 ? table.id(v, scope: name) : -1
                    ids[k] = name
                    ids[k + 1] = value
                    k += 2
                    size += Self.fieldSize(n, name) + Self.fieldSize(v, value)
                }
            }
            // Exact capacity: appending would leave up to half the buffer unused.
            return [UInt8](unsafeUninitializedCapacity: size) { buf, written in
                var w = Self.putVarint(count, buf, at: 0)
                k = 0
                each { n, v in
                    w = Self.put(n, id: ids[k], buf, at: w)
                    w = Self.put(v, id: ids[k + 1], buf, at: w)
                    k += 2
                }
                written = w
            }
        }
    }

    /// The labels, decoded into strings (allocates; hot paths use `forEachUTF8`).
    package var labels: [Label] { Array(self) }

    package var count: Int {
        guard !bytes.isEmpty else { return 0 }
        return bytes.withUnsafeBufferPointer { p in
            var i = 0
            return Self.varint(p, &i)
        }
    }

    package var isEmpty: Bool { bytes.isEmpty }

    /// Bytes of the packed form (memory accounting, tests).
    package var encodedByteCount: Int { bytes.count }
    package var names: [String] { map(\.name) }

    package var dictionary: [String: String] {
        var d = [String: String](minimumCapacity: count)
        for l in self { d[l.name] = l.value }
        return d
    }

    /// Calls `body` with each label's name and value bytes, in name order, until it returns false.
    @inlinable
    package func forEachUTF8(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) throws -> Bool) rethrows {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBufferPointer { p in
            var i = 0
            var n = Self.varint(p, &i)
            while n > 0 {
                let name = Self.field(p, &i)
                let value = Self.field(p, &i)
                n -= 1
                guard try body(name, value) else { return }
            }
        }
    }

    /// Calls `body` with the value bytes of `name` (nil when absent) and returns its result.
    @inlinable
    package func withValueUTF8<R>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        var name = name
        return try name.withUTF8 { wanted in
            try bytes.withUnsafeBufferPointer { p in try body(Self.find(wanted, in: p)) }
        }
    }

    /// The value bytes of the label named `wanted` in an encoded set.
    @inlinable
    static func find(_ wanted: UnsafeBufferPointer<UInt8>, in p: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard !p.isEmpty else { return nil }
        var i = 0
        var n = varint(p, &i)
        while n > 0 {
            let name = field(p, &i)
            let value = field(p, &i)
            if name.elementsEqual(wanted) { return value }
            n -= 1
        }
        return nil
    }

    /// The value of `name`, or nil when absent.
    package subscript(name: String) -> String? {
        get { withValueUTF8(name) { v in v.map { String(decoding: $0, as: UTF8.self) } } }
        set {
            var labels = self.labels
            if let i = labels.firstIndex(where: { $0.name == name }) {
                if let v = newValue { labels[i].value = v } else { labels.remove(at: i) }
            } else if let v = newValue {
                let i = labels.firstIndex { !$0.name.utf8.lexicographicallyPrecedes(name.utf8) } ?? labels.count
                labels.insert(Label(name: name, value: v), at: i)
            }
            self = LabelSet(sorted: labels)
        }
    }

    /// The value of `name`, or "" when absent: how matchers see a missing label.
    package func value(_ name: String) -> String { self[name] ?? "" }

    /// A copy without the labels whose value is empty (Alertmanager drops them on ingest).
    package func removingEmptyValues() -> LabelSet {
        LabelSet(sorted: filter { !$0.value.isEmpty })
    }

    /// Only the labels whose names `keep` admits.
    package func filtered(_ keep: (String) -> Bool) -> LabelSet {
        filteredUTF8 { keep(String(decoding: $0, as: UTF8.self)) }
    }

    /// Only the labels whose names `keep` admits, given the name's bytes. The kept labels'
    /// encoded fields are copied as they are, without decoding them or looking them up in
    /// `LabelIntern` again: the encoding is canonical, so the copy is byte for byte the set
    /// built from those labels. The dispatcher cuts every alert's group labels this way.
    package func filteredUTF8(_ keep: (UnsafeBufferPointer<UInt8>) -> Bool) -> LabelSet {
        guard !bytes.isEmpty else { return self }
        return bytes.withUnsafeBufferPointer { p in
            withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: p.count) { kept in
                var i = 0, n = Self.varint(p, &i), k = 0, size = 0
                while n > 0 {
                    let start = i
                    let name = Self.field(p, &i)
                    _ = Self.field(p, &i)
                    n -= 1
                    if keep(name) {
                        kept[k] = start..<i
                        size += i - start
                        k += 1
                    }
                }
                if k == 0 { return LabelSet() }
                if size + Self.varintSize(k) == p.count { return self }
                return LabelSet(encoded: [UInt8](unsafeUninitializedCapacity: size + Self.varintSize(k)) { buf, written in
                    var w = Self.putVarint(k, buf, at: 0)
                    for r in kept[0..<k] {
                        (buf.baseAddress! + w).initialize(from: p.baseAddress! + r.lowerBound, count: r.count)
                        w += r.count
                    }
                    written = w
                })
            }
        }
    }

    /// A set from bytes already in the canonical encoding (cut from another set's).
    private init(encoded: [UInt8]) { bytes = encoded }

    /// Prometheus `LabelSet.String()`: `{a="1", b="2"}`, values quoted like Go's `%q`.
    /// Used in aggregation group keys, so it must match Alertmanager byte for byte.
    package var goString: String {
        var s = "{"
        for (i, l) in enumerated() {
            if i > 0 { s += ", " }
            s += l.name
            s += "="
            s += GoQuote.quote(l.value)
        }
        return s + "}"
    }

    /// Prometheus `LabelSet.Before`: fewer labels first; otherwise walk the sorted union of
    /// names: the set missing a name comes first, then the smaller value.
    package func before(_ other: LabelSet) -> Bool {
        if count != other.count { return count < other.count }
        var a = makeIterator(), b = other.makeIterator()
        while true {
            guard let x = a.next() else { return false }
            // Same count: `b` runs out together with `a`.
            guard let y = b.next() else { return false }
            if x.name != y.name {
                // The smaller name is missing from the other set.
                return !x.name.utf8.lexicographicallyPrecedes(y.name.utf8)
            }
            if x.value != y.value { return x.value.utf8.lexicographicallyPrecedes(y.value.utf8) }
        }
    }

    package static func == (a: LabelSet, b: LabelSet) -> Bool { a.bytes == b.bytes }

    package func hash(into h: inout Hasher) { bytes.withUnsafeBytes { h.combine(bytes: $0) } }

    package struct Iterator: IteratorProtocol {
        let bytes: [UInt8]
        var at = 0
        var left = 0

        package mutating func next() -> Label? {
            guard left > 0 else { return nil }
            left -= 1
            return bytes.withUnsafeBufferPointer { p in
                Label(name: LabelSet.string(p, &at), value: LabelSet.string(p, &at))
            }
        }
    }

    package func makeIterator() -> Iterator {
        var it = Iterator(bytes: bytes)
        if !bytes.isEmpty { bytes.withUnsafeBufferPointer { p in it.left = Self.varint(p, &it.at) } }
        return it
    }

    package var underestimatedCount: Int { count }

    // MARK: encoding

    @inlinable
    static func varint(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int {
        var v = 0, shift = 0
        while true {
            let b = p[i]
            i += 1
            v |= Int(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
    }

    /// One name or value at `i` (literal bytes, or an interned entry's), moving `i` past it.
    @inlinable
    static func field(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> UnsafeBufferPointer<UInt8> {
        let tag = varint(p, &i)
        if tag & 1 == 1 { return LabelIntern.bytes(tag >> 1) }
        let n = tag >> 1
        defer { i += n }
        return UnsafeBufferPointer(rebasing: p[i..<(i + n)])
    }

    static func string(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> String {
        String(decoding: field(p, &i), as: UTF8.self)
    }

    /// Encoded size of one field: a reference to entry `id`, or the literal bytes (`id` < 0).
    static func fieldSize(_ u: UnsafeBufferPointer<UInt8>, _ id: Int32) -> Int {
        id >= 0 ? varintSize(Int(id) << 1 | 1) : varintSize(u.count << 1) + u.count
    }

    static func varintSize(_ v: Int) -> Int {
        var v = v, n = 1
        while v >= 0x80 {
            v >>= 7
            n += 1
        }
        return n
    }

    static func putVarint(_ v: Int, _ buf: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> Int {
        var v = v, i = i
        while v >= 0x80 {
            buf[i] = UInt8(v & 0x7F) | 0x80
            v >>= 7
            i += 1
        }
        buf[i] = UInt8(v)
        return i + 1
    }

    static func put(_ u: UnsafeBufferPointer<UInt8>, id: Int32, _ buf: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> Int {
        if id >= 0 { return putVarint(Int(id) << 1 | 1, buf, at: i) }
        let at = putVarint(u.count << 1, buf, at: i)
        if let base = u.baseAddress { (buf.baseAddress! + at).initialize(from: base, count: u.count) }
        return at + u.count
    }
}
