import AlertCore

/// Narrows the silences an alert can match, so the silencer does not test every silence
/// against every alert (10k silences × 100k alerts would be 10⁹ matcher checks).
///
/// Each silence is filed under exactly one of its equality matchers with a non-empty value
/// (`name="value"`), the one whose bucket is smallest when the silence is filed: an alert
/// can only match such a silence if it carries that exact label, so looking up the alert's
/// own labels finds every candidate. Silences without such a matcher (only regex, negative
/// or empty-value matchers) are kept apart and always tested. Candidates still go through
/// the full matcher check, so the result equals a scan of every silence.
struct SilenceIndex: Sendable {
    private struct Key: Hashable, Sendable {
        var name: String
        var value: String
    }

    private var buckets: [String: [String: Set<String>]] = [:]
    /// Where each indexed silence is filed (absent: unindexed or unknown).
    private var keyOf: [String: Key] = [:]
    private var unindexed: Set<String> = []

    /// Files `silence` (replacing its previous filing: matchers of an ID never change in
    /// Alertmanager, but a gossiped entry is not trusted to keep them). `isNew`: the ID has
    /// never been filed, so there is nothing to replace (most of a snapshot's load).
    mutating func insert(_ silence: Silence, isNew: Bool = false) {
        if !isNew { remove(silence.id) }
        // Several sets: an alert may match any of them, so no one label is required.
        if silence.matcherSets.count > 1 {
            unindexed.insert(silence.id)
            return
        }
        var best: Key?
        var bestCount = Int.max
        for m in silence.matchers where m.type == .equal && !m.value.isEmpty {
            let n = buckets[m.name]?[m.value]?.count ?? 0
            if n < bestCount {
                best = Key(name: m.name, value: m.value)
                bestCount = n
            }
        }
        guard let key = best else {
            unindexed.insert(silence.id)
            return
        }
        buckets[key.name, default: [:]][key.value, default: []].insert(silence.id)
        keyOf[silence.id] = key
    }

    mutating func remove(_ id: String) {
        if let key = keyOf.removeValue(forKey: id) {
            buckets[key.name]?[key.value]?.remove(id)
            if buckets[key.name]?[key.value]?.isEmpty == true { buckets[key.name]?[key.value] = nil }
            if buckets[key.name]?.isEmpty == true { buckets[key.name] = nil }
        } else {
            unindexed.remove(id)
        }
    }

    /// Calls `body` once with the ID of every silence that may match `labels`.
    func forEachCandidate(_ labels: LabelSet, _ body: (String) -> Void) {
        for id in unindexed { body(id) }
        if buckets.isEmpty { return }
        // Decode a value only for a name that has a bucket (names are short inline strings).
        labels.forEachUTF8 { name, value in
            if let byValue = buckets[String(decoding: name, as: UTF8.self)],
               let ids = byValue[String(decoding: value, as: UTF8.self)] {
                for id in ids { body(id) }
            }
            return true
        }
    }
}
