import AlertCore
import Foundation
import Synchronization

/// Alertmanager's inhibitor: fed every alert the store receives, it keeps each rule's
/// source alerts and answers whether a target alert is inhibited, recording
/// `inhibitedBy` (the source's fingerprint) on the marker.
package final class Inhibitor: Sendable {
    package let rules: [InhibitRule]
    private let indexes: Mutex<[SourceIndex]>
    private let marker: AlertMarker
    private let clock: any TimeSource

    package init(rules: [InhibitRule], marker: AlertMarker, clock: any TimeSource) {
        self.rules = rules
        self.marker = marker
        self.clock = clock
        indexes = Mutex(Array(repeating: SourceIndex(), count: rules.count))
    }

    /// Records alerts (firing or resolved) that match any rule's source side.
    package func ingest(_ alerts: [Alert]) {
        indexes.withLock { idx in
            for a in alerts {
                for (i, r) in rules.enumerated() where r.sourceMatchers.matches(a.labels) {
                    idx[i].put(a, key: r.equalKey(a.labels))
                }
            }
        }
    }

    /// Drops resolved source alerts (Alertmanager does this every 15 minutes).
    package func gc() {
        let now = clock.now()
        indexes.withLock { idx in
            for i in idx.indices {
                let stale = idx[i].byFingerprint.values.filter { $0.isResolved(at: now) }
                for a in stale { idx[i].remove(a.fingerprint, key: rules[i].equalKey(a.labels)) }
            }
        }
    }

    /// `Inhibitor.Mutes`: the first rule (in config order) whose target side matches and
    /// that has a firing source with equal labels inhibits. An alert matching both sides
    /// may only be inhibited by a source that does not itself match the target side.
    package func mutes(_ labels: LabelSet) -> Bool { mutes(labels, fingerprint: labels.fingerprint) }

    /// `mutes(_:)` for a caller that already knows the labels' fingerprint.
    package func mutes(_ labels: LabelSet, fingerprint fp: Fingerprint) -> Bool {
        let hit = inhibitingAlert(labels)
        marker.setInhibited(fp, by: hit.map { [$0.description] } ?? [])
        return hit != nil
    }

    /// `mutes`' evaluation without the marker write: the fingerprint of the source alert
    /// inhibiting `labels`, nil when none does (no lock taken when there are no rules).
    /// The API's listing records it together with the silencing in one marker call.
    package func inhibitingAlert(_ labels: LabelSet) -> Fingerprint? {
        if rules.isEmpty { return nil }
        let now = clock.now()
        return indexes.withLock { idx in
            for (i, r) in rules.enumerated() where r.targetMatchers.matches(labels) {
                let alsoSource = r.sourceMatchers.matches(labels)
                for src in idx[i].candidates(r.equalKey(labels)) where !src.isResolved(at: now) {
                    if alsoSource, r.targetMatchers.matches(src.labels) { continue }
                    return src.fingerprint
                }
            }
            return nil
        }
    }

    /// For the "why" of one alert: the first rule (index in config order) inhibiting
    /// `labels`, with every firing source alert of that rule that does, nil when none.
    package func inhibition(_ labels: LabelSet) -> (rule: Int, sources: [Fingerprint])? {
        if rules.isEmpty { return nil }
        let now = clock.now()
        return indexes.withLock { idx in
            for (i, r) in rules.enumerated() where r.targetMatchers.matches(labels) {
                let alsoSource = r.sourceMatchers.matches(labels)
                var sources: [Fingerprint] = []
                for src in idx[i].candidates(r.equalKey(labels)) where !src.isResolved(at: now) {
                    if alsoSource, r.targetMatchers.matches(src.labels) { continue }
                    sources.append(src.fingerprint)
                }
                if !sources.isEmpty { return (i, sources.sorted()) }
            }
            return nil
        }
    }
}
