import Foundation
import Synchronization

/// Alertmanager's alert states as the API shows them.
package enum AlertState: String, Sendable, Hashable {
    case unprocessed, active, suppressed
}

/// `types.AlertStatus`: why an alert is (not) notified. `mutedBy` is 0.28's addition
/// (names of time intervals muting the alert's group).
package struct AlertStatus: Sendable, Hashable {
    package var silencedBy: [String] = []
    package var inhibitedBy: [String] = []
    package var mutedBy: [String] = []
    /// Silence IDs that match but are not active yet (kept for the silencer's cache).
    package var pendingSilences: [String] = []
    /// Silence-state version the silencing result was computed at.
    package var silenceVersion: Int = -1

    package init() {}

    package var state: AlertState {
        silencedBy.isEmpty && inhibitedBy.isEmpty && mutedBy.isEmpty ? .active : .suppressed
    }
}

/// The shared per-alert marker (`types.Marker`): written by the mute stages and by API
/// reads, read by the API and metrics. Thread-safe; one lock, short critical sections.
///
/// Memory: every stored alert ends up with an entry (the API marks each alert it lists), so
/// an entry is kept to 16 bytes: the silence version and, only when one of the four lists is
/// not empty, a shared box holding them. An `AlertStatus` inline would take 40.
package final class AlertMarker: Sendable {
    private let statuses = Mutex<[Fingerprint: Entry]>([:])

    /// A stored status in 16 bytes: most alerts are neither silenced, inhibited nor muted
    /// (`lists` nil). Also kept by the API's per-request status caches.
    package struct Entry: Sendable, Equatable {
        var version: Int
        var lists: Lists?

        package init(_ s: AlertStatus) {
            version = s.silenceVersion
            let empty = s.silencedBy.isEmpty && s.inhibitedBy.isEmpty && s.mutedBy.isEmpty && s.pendingSilences.isEmpty
            lists = empty ? nil : Lists(s)
        }

        package var status: AlertStatus {
            var s = AlertStatus()
            s.silenceVersion = version
            if let lists {
                s.silencedBy = lists.silencedBy
                s.inhibitedBy = lists.inhibitedBy
                s.mutedBy = lists.mutedBy
                s.pendingSilences = lists.pendingSilences
            }
            return s
        }

        package static func == (a: Entry, b: Entry) -> Bool { a.status == b.status }
    }

    final class Lists: Sendable {
        let silencedBy: [String], inhibitedBy: [String], mutedBy: [String], pendingSilences: [String]
        init(_ s: AlertStatus) {
            silencedBy = s.silencedBy
            inhibitedBy = s.inhibitedBy
            mutedBy = s.mutedBy
            pendingSilences = s.pendingSilences
        }
    }

    package init() {}

    /// The status of `fp`, `nil` when never evaluated (the API shows `unprocessed`).
    package func status(_ fp: Fingerprint) -> AlertStatus? { statuses.withLock { $0[fp]?.status } }

    package func state(_ fp: Fingerprint) -> AlertState { status(fp)?.state ?? .unprocessed }

    /// Applies `change` to the status of `fp` (a fresh one when it has none) under the lock.
    private func update(_ fp: Fingerprint, _ change: (inout AlertStatus) -> Void) {
        statuses.withLock { m in
            var s = m[fp]?.status ?? AlertStatus()
            change(&s)
            m[fp] = Entry(s)
        }
    }

    /// `SetActiveOrSilenced`: records active (sorted) and pending silence IDs.
    package func setSilenced(_ fp: Fingerprint, version: Int, active: [String], pending: [String]) {
        update(fp) { s in
            s.silencedBy = active.sorted()
            s.pendingSilences = pending
            s.silenceVersion = version
        }
    }

    /// `SetInhibited`: records the inhibiting alerts' fingerprints (empty clears).
    package func setInhibited(_ fp: Fingerprint, by ids: [String]) {
        update(fp) { $0.inhibitedBy = ids }
    }

    /// Re-evaluates many alerts for the API (Alertmanager's `SetInhibited` followed by
    /// `SetActiveOrSilenced` for each listed alert) with two lock round trips in all instead
    /// of several per alert: the cached statuses are read under one lock, `evaluate` runs
    /// for each alert without the lock (it gets the alert's index in `fps` and its cached
    /// status), and the results are recorded under one lock. Returns the resulting statuses
    /// in `fps` order; `mutedBy` is kept as it is. An unchanged status is not rewritten.
    package func reevaluate(_ fps: [Fingerprint], _ evaluate: (_ index: Int, _ cached: AlertStatus?) -> MuteEvaluation)
        -> [AlertStatus]
    {
        let cached: [AlertStatus?] = statuses.withLock { m in fps.map { m[$0]?.status } }
        var results: [MuteEvaluation] = []
        results.reserveCapacity(fps.count)
        for i in fps.indices { results.append(evaluate(i, cached[i])) }
        return statuses.withLock { m in
            var out: [AlertStatus] = []
            out.reserveCapacity(fps.count)
            for i in fps.indices {
                let fp = fps[i], r = results[i]
                let old = m[fp]?.status
                var s = old ?? AlertStatus()
                s.inhibitedBy = r.inhibitedBy
                s.silencedBy = r.silencedBy.count > 1 ? r.silencedBy.sorted() : r.silencedBy
                s.pendingSilences = r.pendingSilences
                s.silenceVersion = r.silenceVersion
                if old != s { m[fp] = Entry(s) }
                out.append(s)
            }
            return out
        }
    }

    /// Records the time intervals muting the alert's group (0.28 `mutedBy`).
    package func setMuted(_ fp: Fingerprint, by names: [String]) {
        update(fp) { $0.mutedBy = names }
    }

    /// Forgets `fp` (its alert was garbage-collected).
    package func delete(_ fp: Fingerprint) { _ = statuses.withLock { $0.removeValue(forKey: fp) } }

    /// Counts of marked alerts per state, for `alertmanager_marked_alerts`.
    package func countByState() -> [AlertState: Int] {
        statuses.withLock { m in
            var c: [AlertState: Int] = [.active: 0, .suppressed: 0, .unprocessed: 0]
            for e in m.values { c[e.status.state, default: 0] += 1 }
            return c
        }
    }
}

/// One alert's inhibition and silencing as the API re-evaluates them (`AlertMarker.reevaluate`).
package struct MuteEvaluation: Sendable, Equatable {
    package var inhibitedBy: [String]
    package var silenceVersion: Int
    package var silencedBy: [String]
    package var pendingSilences: [String]

    package init(inhibitedBy: [String], silenceVersion: Int, silencedBy: [String], pendingSilences: [String]) {
        self.inhibitedBy = inhibitedBy
        self.silenceVersion = silenceVersion
        self.silencedBy = silencedBy
        self.pendingSilences = pendingSilences
    }
}
