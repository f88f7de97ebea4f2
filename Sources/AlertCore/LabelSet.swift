/// One label: a name and its value.
public struct Label: Hashable, Sendable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A set of labels kept sorted by name (byte-wise, as Prometheus sorts them).
///
/// Sorted storage makes the fingerprint a single pass and keeps an alert's labels in one
/// small contiguous array, which matters when a million alerts are held in memory.
public struct LabelSet: Hashable, Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var labels: [Label]

    public init() { labels = [] }

    /// Builds a set from a dictionary; names are unique by construction.
    public init(_ dict: [String: String]) {
        labels = dict.map { Label(name: $0.key, value: $0.value) }
        labels.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        var d: [String: String] = [:]
        for (k, v) in elements { d[k] = v }
        self.init(d)
    }

    /// Builds a set from labels that are already sorted by name with unique names.
    public init(sorted: [Label]) { labels = sorted }

    public var count: Int { labels.count }
    public var isEmpty: Bool { labels.isEmpty }
    public var names: [String] { labels.map(\.name) }
    public func makeIterator() -> IndexingIterator<[Label]> { labels.makeIterator() }

    public var dictionary: [String: String] {
        var d = [String: String](minimumCapacity: labels.count)
        for l in labels { d[l.name] = l.value }
        return d
    }

    /// The value of `name`, or nil when absent.
    public subscript(name: String) -> String? {
        get {
            // Label sets are small (typically < 20): a linear scan beats hashing.
            for l in labels where l.name == name { return l.value }
            return nil
        }
        set {
            if let i = labels.firstIndex(where: { $0.name == name }) {
                if let v = newValue { labels[i].value = v } else { labels.remove(at: i) }
            } else if let v = newValue {
                let i = labels.firstIndex { !$0.name.utf8.lexicographicallyPrecedes(name.utf8) } ?? labels.count
                labels.insert(Label(name: name, value: v), at: i)
            }
        }
    }

    /// The value of `name`, or "" when absent: how matchers see a missing label.
    public func value(_ name: String) -> String { self[name] ?? "" }

    /// A copy without the labels whose value is empty (Alertmanager drops them on ingest).
    public func removingEmptyValues() -> LabelSet {
        LabelSet(sorted: labels.filter { !$0.value.isEmpty })
    }

    /// Only the labels whose names are in `keep`.
    public func filtered(_ keep: (String) -> Bool) -> LabelSet {
        LabelSet(sorted: labels.filter { keep($0.name) })
    }

    /// Prometheus `LabelSet.String()`: `{a="1", b="2"}`, values quoted like Go's `%q`.
    /// Used in aggregation group keys, so it must match Alertmanager byte for byte.
    public var goString: String {
        var s = "{"
        for (i, l) in labels.enumerated() {
            if i > 0 { s += ", " }
            s += l.name
            s += "="
            s += GoQuote.quote(l.value)
        }
        return s + "}"
    }

    /// Prometheus `LabelSet.Before`: fewer labels first; otherwise walk the sorted union of
    /// names: the set missing a name comes first, then the smaller value.
    public func before(_ other: LabelSet) -> Bool {
        if labels.count != other.labels.count { return labels.count < other.labels.count }
        var i = 0, j = 0
        while i < labels.count || j < other.labels.count {
            let a = i < labels.count ? labels[i] : nil
            let b = j < other.labels.count ? other.labels[j] : nil
            guard let a else { return true }
            guard let b else { return false }
            if a.name != b.name {
                // The smaller name is missing from the other set.
                return !a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
            }
            if a.value != b.value { return a.value.utf8.lexicographicallyPrecedes(b.value.utf8) }
            i += 1
            j += 1
        }
        return false
    }
}
