import AlertCore
import Foundation

extension InMemoryAlerts {
    /// Deletes every alert resolved at `now` (`endsAt` set and not after `now`), as
    /// Alertmanager's store GC does every `--alerts.gc-interval`, and returns them. Each
    /// shard is checked and pruned under its own lock, so an alert re-fired concurrently
    /// is never lost. An alert's marker status goes with it (it lives in the alert's slot).
    @discardableResult
    package func collectGarbage(now: Date) -> [Alert] {
        limiter.withLock { $0.collectGarbage(now: now) }
        var deleted: [Alert] = []
        for s in shards {
            let gone = s.alerts.withLock { m -> [Alert] in
                let out = m.values.filter { $0.isResolved(at: now) }
                // Removing after the scan keeps the dictionary uniquely referenced (no copy).
                for a in out { m.removeValue(forKey: a.fingerprint) }
                return out
            }
            deleted.append(contentsOf: gone)
        }
        return deleted
    }
}
