/// Where the marker keeps each alert's status: the alert store, in its table beside the
/// alert (AlertStore's `InMemoryAlerts`; AlertCore cannot see it, hence a protocol).
///
/// A status lives as long as its alert: it survives updates of the alert (same
/// fingerprint) and goes when the store deletes the alert. A status recorded for an alert
/// the store does not hold (already garbage-collected while an aggregation group still
/// flushes it) is dropped: no listing can show it.
package protocol MarkStorage: AnyObject, Sendable {
    /// The status of the alert stored under `fp`; nil when it was never evaluated or is
    /// not stored.
    func status(_ fp: Fingerprint) -> AlertStatus?

    /// `status` of each of `fps`, in order, each of the store's locks taken once per run of
    /// neighbouring `fps` it guards (a listing's batch is one shard's: one lock).
    func statuses(_ fps: [Fingerprint]) -> [AlertStatus?]

    /// Calls `change` with each of `fps`'s index in `fps` and its status (a fresh one when
    /// it has none), under the lock guarding it, and records the result when the alert is
    /// stored and the status changed. Locks are taken as `statuses` takes them.
    func updateStatuses(_ fps: [Fingerprint], _ change: (_ index: Int, _ status: inout AlertStatus) -> Void)

    /// Stored alerts with a status, per state (`alertmanager_marked_alerts`).
    func markedCounts() -> [AlertState: Int]
}

/// The per-alert marker (`types.Marker`): written by the mute stages and by API reads, read
/// by the API and metrics. Thread-safe as its storage is. What each write means is decided
/// here; the storage only reads and writes whole statuses.
package struct AlertMarker: Sendable {
    private let storage: any MarkStorage

    package init(_ storage: any MarkStorage) { self.storage = storage }

    /// The status of `fp`, `nil` when never evaluated (the API shows `unprocessed`).
    package func status(_ fp: Fingerprint) -> AlertStatus? { storage.status(fp) }

    package func state(_ fp: Fingerprint) -> AlertState { status(fp)?.state ?? .unprocessed }

    /// `SetActiveOrSilenced`: records active (sorted) and pending silence IDs.
    package func setSilenced(_ fp: Fingerprint, version: Int, active: [String], pending: [String]) {
        storage.updateStatuses([fp]) { _, s in
            s.silencedBy = active.sorted()
            s.pendingSilences = pending
            s.silenceVersion = version
        }
    }

    /// `SetInhibited`: records the inhibiting alerts' fingerprints (empty clears).
    package func setInhibited(_ fp: Fingerprint, by ids: [String]) {
        storage.updateStatuses([fp]) { _, s in s.inhibitedBy = ids }
    }

    /// Records the time intervals muting the alerts' group (0.28 `mutedBy`).
    package func setMuted(_ fps: [Fingerprint], by names: [String]) {
        storage.updateStatuses(fps) { _, s in s.mutedBy = names }
    }

    /// Re-evaluates many alerts for the API (Alertmanager's `SetInhibited` followed by
    /// `SetActiveOrSilenced` for each listed alert) with two lock round trips in all instead
    /// of several per alert: the cached statuses are read in one pass, `evaluate` runs for
    /// each alert with no lock held (it gets the alert's index in `fps` and its cached
    /// status), and the results are recorded in a second pass. Returns the resulting
    /// statuses in `fps` order; `mutedBy` is kept as it is.
    package func reevaluate(_ fps: [Fingerprint], _ evaluate: (_ index: Int, _ cached: AlertStatus?) -> MuteEvaluation)
        -> [AlertStatus]
    {
        let cached = storage.statuses(fps)
        var results: [MuteEvaluation] = []
        results.reserveCapacity(fps.count)
        for i in fps.indices { results.append(evaluate(i, cached[i])) }
        var out = [AlertStatus](repeating: AlertStatus(), count: fps.count)
        storage.updateStatuses(fps) { i, s in
            let r = results[i]
            s.inhibitedBy = r.inhibitedBy
            s.silencedBy = r.silencedBy.count > 1 ? r.silencedBy.sorted() : r.silencedBy
            s.pendingSilences = r.pendingSilences
            s.silenceVersion = r.silenceVersion
            out[i] = s
        }
        return out
    }
}
