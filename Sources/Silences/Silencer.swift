import AlertCore
import Foundation

/// Mutes alerts matched by an active silence and records `silencedBy` on the marker,
/// as Alertmanager's `Silencer.Mutes` does, with its per-alert cache: when the silences
/// have not changed since the alert was last evaluated, only the silences it matched
/// before are re-checked (their matchers cannot change under the same ID).
public struct Silencer: Sendable {
    let silences: Silences
    let marker: AlertMarker
    let clock: any TimeSource

    public init(silences: Silences, marker: AlertMarker, clock: any TimeSource) {
        self.silences = silences
        self.marker = marker
        self.clock = clock
    }

    /// True when at least one active silence matches `labels`.
    public func mutes(_ labels: LabelSet) -> Bool { mutes(labels, fingerprint: labels.fingerprint) }

    /// `mutes(_:)` for a caller that already knows the labels' fingerprint (the API's alert
    /// listing evaluates every alert on every GET; hashing the labels again costs as much as
    /// the cached check itself).
    public func mutes(_ labels: LabelSet, fingerprint fp: Fingerprint) -> Bool {
        let now = clock.now()
        let cached = marker.status(fp)
        let current = silences.version
        var candidates: [Silence]
        var version = current
        if let cached, cached.silenceVersion == current {
            let ids = cached.silencedBy + cached.pendingSilences
            if ids.isEmpty { return false }
            candidates = ids.compactMap { silences.get($0) }
        } else {
            (candidates, version) = silences.matching(labels)
        }
        var active: [String] = [], pending: [String] = []
        for s in candidates {
            switch s.state(at: now) {
            case .active: active.append(s.id)
            case .pending: pending.append(s.id)
            case .expired: break
            }
        }
        marker.setSilenced(fp, version: version, active: active, pending: pending)
        return !active.isEmpty
    }
}
