import AlertCore

/// One inhibition rule: alerts matching `target` are muted while an alert matching
/// `source` fires with the same values for every `equal` label.
package struct InhibitRule: Sendable {
    package var sourceMatchers: [Matcher]
    package var targetMatchers: [Matcher]
    package var equal: [String]

    package init(sourceMatchers: [Matcher], targetMatchers: [Matcher], equal: [String]) {
        self.sourceMatchers = sourceMatchers
        self.targetMatchers = targetMatchers
        self.equal = equal.sorted()
    }

    /// The values of the `equal` labels ("" when absent: a label missing on both sides counts as equal).
    func equalKey(_ labels: LabelSet) -> [String] { equal.map { labels.value($0) } }
}

/// Per-rule cache of source alerts, indexed by their `equal` label values so that
/// checking a target costs one hash lookup instead of a scan of all sources.
struct SourceIndex: Sendable {
    var byFingerprint: [Fingerprint: Alert] = [:]
    var byKey: [[String]: Set<Fingerprint>] = [:]

    mutating func put(_ alert: Alert, key: [String]) {
        let fp = alert.fingerprint
        if byFingerprint[fp] == nil { byKey[key, default: []].insert(fp) }
        byFingerprint[fp] = alert
    }

    mutating func remove(_ fp: Fingerprint, key: [String]) {
        byFingerprint[fp] = nil
        byKey[key]?.remove(fp)
        if byKey[key]?.isEmpty == true { byKey[key] = nil }
    }

    func candidates(_ key: [String]) -> [Alert] {
        (byKey[key] ?? []).compactMap { byFingerprint[$0] }
    }
}
