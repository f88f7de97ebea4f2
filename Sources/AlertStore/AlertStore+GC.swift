import AlertCore
import Foundation

extension AlertStore {
    /// Deletes every alert resolved at `now` (`endsAt` set and not after `now`), as
    /// Alertmanager's store GC does every `--alerts.gc-interval`, and returns them. Each
    /// shard is checked and pruned under its own lock, so an alert re-fired concurrently
    /// is never lost. `onDeleted` is called for each deleted alert after its shard's lock is
    /// released (the server deletes the alert's marker entry there).
    @discardableResult
    public func collectGarbage(now: Date, onDeleted: (Alert) -> Void = { _ in }) -> [Alert] {
        var deleted: [Alert] = []
        for s in shards {
            let gone = s.alerts.withLock { m -> [Alert] in
                let out = m.values.filter { $0.isResolved(at: now) }
                // Removing after the scan keeps the dictionary uniquely referenced (no copy).
                for a in out { m.removeValue(forKey: a.fingerprint) }
                return out
            }
            for a in gone { onDeleted(a) }
            deleted.append(contentsOf: gone)
        }
        return deleted
    }

    /// Runs `collectGarbage` every `interval` seconds until the task is cancelled; the
    /// server wraps this in its GC service. `now` is read from `clock` at each tick.
    public func runGarbageCollection(
        every interval: TimeInterval, clock: any TimeSource,
        onDeleted: @escaping @Sendable (Alert) -> Void
    ) async {
        let nanos = UInt64(max(interval, 0.001) * 1_000_000_000)
        while !Task.isCancelled {
            do { try await Task.sleep(nanoseconds: nanos) } catch { return }
            collectGarbage(now: clock.now(), onDeleted: onDeleted)
        }
    }
}
