import AlertCore
import Foundation

/// Mutes alerts matched by an active silence and records `silencedBy` on the marker,
/// as Alertmanager's `Silencer.Mutes` does, with its per-alert cache: when the silences
/// have not changed since the alert was last evaluated, only the silences it matched
/// before are re-checked (their matchers cannot change under the same ID).
package struct Silencer: Sendable {
    let silences: SilenceStore
    let marker: AlertMarker
    let clock: any TimeSource

    /// The silences' current version (to pass to `evaluate` for a batch of alerts).
    package var silencesVersion: Int { silences.version }

    package init(silences: SilenceStore, marker: AlertMarker, clock: any TimeSource) {
        self.silences = silences
        self.marker = marker
        self.clock = clock
    }

    /// True when at least one active silence matches `labels`.
    package func mutes(_ labels: LabelSet) -> Bool { mutes(labels, fingerprint: labels.fingerprint) }

    /// `mutes(_:)` for a caller that already knows the labels' fingerprint (the API's alert
    /// listing evaluates every alert on every GET; hashing the labels again costs as much as
    /// the cached check itself).
    package func mutes(_ labels: LabelSet, fingerprint fp: Fingerprint) -> Bool {
        let cached = marker.status(fp)
        if let cached, cached.silenceVersion == silences.version,
           cached.silencedBy.isEmpty, cached.pendingSilences.isEmpty
        {
            return false  // nothing matched at this version: the marker is already right
        }
        let r = evaluate(labels, cached: cached)
        marker.setSilenced(fp, version: r.version, active: r.active, pending: r.pending)
        return !r.active.isEmpty
    }

    /// The silencing of one alert, computed without touching the marker: the active and
    /// pending silence IDs matching it, and the silence-state version they were found at.
    package struct Check: Sendable, Equatable {
        package var version: Int
        package var active: [String]
        package var pending: [String]
    }

    /// `mutes`' evaluation for a caller that read the alert's marker status itself
    /// (`cached`) and records the result in its own marker write (the API's listing does
    /// both in one marker call for many alerts). Uses the same cache rule as `mutes`.
    /// `version`: the silences' version read once by a caller evaluating many alerts (as if
    /// they were all evaluated at that instant); nil reads it now.
    package func evaluate(_ labels: LabelSet, cached: AlertStatus?, version known: Int? = nil) -> Check {
        let current = known ?? silences.version
        let candidates: [Silence]
        var version = current
        if let cached, cached.silenceVersion == current {
            if cached.silencedBy.isEmpty, cached.pendingSilences.isEmpty {
                return Check(version: current, active: [], pending: [])
            }
            candidates = (cached.silencedBy + cached.pendingSilences).compactMap { silences.get($0) }
        } else {
            (candidates, version) = silences.matching(labels)
        }
        let now = clock.now()
        var active: [String] = [], pending: [String] = []
        for s in candidates {
            switch s.state(at: now) {
            case .active: active.append(s.id)
            case .pending: pending.append(s.id)
            case .expired: break
            }
        }
        return Check(version: version, active: active, pending: pending)
    }
}
