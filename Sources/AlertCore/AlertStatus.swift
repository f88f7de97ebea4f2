import Foundation
import Synchronization

/// Alertmanager's alert states as the API shows them.
public enum AlertState: String, Sendable, Hashable {
    case unprocessed, active, suppressed
}

/// `types.AlertStatus`: why an alert is (not) notified. `mutedBy` is 0.28's addition
/// (names of time intervals muting the alert's group).
public struct AlertStatus: Sendable, Hashable {
    public var silencedBy: [String] = []
    public var inhibitedBy: [String] = []
    public var mutedBy: [String] = []
    /// Silence IDs that match but are not active yet (kept for the silencer's cache).
    public var pendingSilences: [String] = []
    /// Silence-state version the silencing result was computed at.
    public var silenceVersion: Int = -1

    public init() {}

    public var state: AlertState {
        silencedBy.isEmpty && inhibitedBy.isEmpty && mutedBy.isEmpty ? .active : .suppressed
    }
}

/// The shared per-alert marker (`types.Marker`): written by the mute stages and by API
/// reads, read by the API and metrics. Thread-safe; one lock, short critical sections.
public final class AlertMarker: Sendable {
    private let statuses = Mutex<[Fingerprint: AlertStatus]>([:])

    public init() {}

    /// The status of `fp`, `nil` when never evaluated (the API shows `unprocessed`).
    public func status(_ fp: Fingerprint) -> AlertStatus? { statuses.withLock { $0[fp] } }

    public func state(_ fp: Fingerprint) -> AlertState { status(fp)?.state ?? .unprocessed }

    /// `SetActiveOrSilenced`: records active (sorted) and pending silence IDs.
    public func setSilenced(_ fp: Fingerprint, version: Int, active: [String], pending: [String]) {
        statuses.withLock { m in
            var s = m[fp] ?? AlertStatus()
            s.silencedBy = active.sorted()
            s.pendingSilences = pending
            s.silenceVersion = version
            m[fp] = s
        }
    }

    /// `SetInhibited`: records the inhibiting alerts' fingerprints (empty clears).
    public func setInhibited(_ fp: Fingerprint, by ids: [String]) {
        statuses.withLock { m in
            var s = m[fp] ?? AlertStatus()
            s.inhibitedBy = ids
            m[fp] = s
        }
    }

    /// Records the time intervals muting the alert's group (0.28 `mutedBy`).
    public func setMuted(_ fp: Fingerprint, by names: [String]) {
        statuses.withLock { m in
            var s = m[fp] ?? AlertStatus()
            s.mutedBy = names
            m[fp] = s
        }
    }

    /// Forgets `fp` (its alert was garbage-collected).
    public func delete(_ fp: Fingerprint) { _ = statuses.withLock { $0.removeValue(forKey: fp) } }

    /// Counts of marked alerts per state, for `alertmanager_marked_alerts`.
    public func countByState() -> [AlertState: Int] {
        statuses.withLock { m in
            var c: [AlertState: Int] = [.active: 0, .suppressed: 0, .unprocessed: 0]
            for s in m.values { c[s.state, default: 0] += 1 }
            return c
        }
    }
}
