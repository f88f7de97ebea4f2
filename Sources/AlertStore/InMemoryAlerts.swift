import AlertCore
import Foundation
import Synchronization

/// The in-memory alert store (Alertmanager's `provider/mem.Alerts`): alerts keyed by
/// fingerprint, merged on arrival, broadcast to subscribers, garbage-collected once resolved.
/// It also holds each alert's marker status, beside the alert (`InMemoryAlerts+Marks.swift`).
///
/// Concurrency: the alerts live in `shardCount` shards chosen by fingerprint, each behind its
/// own `Mutex`. Readers (`get`, `snapshot`, counts) take one shard lock at a time for a short
/// copy, so a GET over 100k alerts never holds up ingestion for more than one shard's copy.
/// Writers (`put`) are serialised by one writer lock that also guards the subscriber list:
/// the merge is cheap (JSON decoding happens before), and serialising it keeps the order in
/// which subscribers see versions of one alert equal to the order they were stored, and lets
/// a new subscriber receive a consistent "everything stored so far" followed by later puts.
///
/// Memory: the store keeps plain `Alert` values. Their label arrays and strings are
/// copy-on-write buffers, so the copies held by aggregation groups and the inhibitor share
/// the store's storage instead of duplicating it.
package final class InMemoryAlerts: Sendable {
    /// One slice of the key space; a class so the noncopyable `Mutex` can live in an array.
    final class Shard: Sendable {
        let alerts = Mutex<AlertTable>(AlertTable(indexed: true))
    }

    let shards: [Shard]
    private let shardMask: UInt64
    /// Guards writes and the subscriber list (see the type's documentation).
    let writer = Mutex<Subscribers>(Subscribers())
    /// `--alerts.per-alertname-limit`; taken only inside the writer lock (and by GC).
    let limiter: Mutex<AlertNameLimiter>
    /// Called, outside every lock, with each alert the per-name limit refused.
    private let onLimited: @Sendable (Alert) -> Void

    /// - Parameters:
    ///   - shardCount: rounded up to a power of two (default 32).
    ///   - perAlertNameLimit: fingerprints each alert name may have (0 or less: no limit).
    ///   - onLimited: told of each alert refused by that limit (the server counts and logs it).
    package init(shardCount: Int = 32, perAlertNameLimit: Int = 0, onLimited: @escaping @Sendable (Alert) -> Void = { _ in }) {
        var n = 1
        while n < max(1, shardCount) { n <<= 1 }
        shards = (0..<n).map { _ in Shard() }
        shardMask = UInt64(n - 1)
        limiter = Mutex(AlertNameLimiter(capacity: max(0, perAlertNameLimit)))
        self.onLimited = onLimited
    }

    func shard(_ fp: Fingerprint) -> Shard {
        // FNV's low bits are well mixed; fold the high half in anyway.
        shards[Int((fp.rawValue ^ (fp.rawValue >> 32)) & shardMask)]
    }

    /// Stores `alerts` as Alertmanager's `Put` does: an alert whose active interval overlaps
    /// the stored one is merged into it (`Alert.storing`), otherwise it replaces it. Every
    /// stored result is then broadcast to subscribers (one batch per call).
    /// Returns the alerts as stored, in input order.
    @discardableResult
    package func put(_ alerts: [Alert], now: Date) -> [Alert] {
        put(alerts, now: now, maxAlerts: 0).stored
    }

    /// `put` that refuses an alert with a new fingerprint once the store holds `maxAlerts`
    /// (0: no limit); alerts already stored are always updated. `refused` are input indices.
    /// Alerts over the per-alert-name limit are dropped as Alertmanager drops them (the
    /// request still succeeds): they are in neither list, and `onLimited` hears of them.
    package func put(_ alerts: [Alert], now: Date, maxAlerts: Int) -> (stored: [Alert], refused: [Int]) {
        if alerts.isEmpty { return ([], []) }
        let limitByName = limiter.withLock { $0.capacity > 0 }
        var limited: [Alert] = []
        let out = writer.withLock { subs in
            var stored: [Alert] = []
            var refused: [Int] = []
            stored.reserveCapacity(alerts.count)
            // Writers are serialised by `writer`, so only GC can shrink the count meanwhile.
            var held = maxAlerts > 0 ? count : 0
            for (i, alert) in alerts.enumerated() {
                let fp = alert.fingerprint
                var overNameLimit = false
                let result = shard(fp).alerts.withLock { m -> Alert? in
                    let old = m[fp]
                    if old == nil, maxAlerts > 0, held >= maxAlerts { return nil }
                    let value = old.map { $0.storing(alert, now: now) } ?? alert
                    if limitByName, !limiter.withLock({ $0.admit(value, fingerprint: fp, now: now) }) {
                        overNameLimit = true
                        return nil
                    }
                    if old == nil, maxAlerts > 0 { held += 1 }
                    m[fp] = value
                    return value
                }
                if let result {
                    stored.append(result)
                } else if overNameLimit {
                    limited.append(alert)
                } else {
                    refused.append(i)
                }
            }
            if !stored.isEmpty { subs.broadcast(stored) }
            return (stored, refused)
        }
        for alert in limited { onLimited(alert) }
        return out
    }

    /// The stored alert with fingerprint `fp`, if any (resolved ones included until GC).
    package func get(_ fp: Fingerprint) -> Alert? {
        shard(fp).alerts.withLock { $0[fp] }
    }

    /// Removes the alert with fingerprint `fp`; returns it when it was stored.
    @discardableResult
    package func delete(_ fp: Fingerprint) -> Alert? {
        shard(fp).alerts.withLock { $0.removeValue(forKey: fp) }
    }

    /// Number of stored alerts (resolved ones included until GC).
    package var count: Int {
        shards.reduce(0) { n, s in n + s.alerts.withLock { $0.count } }
    }

    /// A copy of every stored alert, in no particular order. Takes one shard lock at a time,
    /// so it is not an atomic picture across shards (as Alertmanager's iterator is not either).
    package func snapshot() -> [Alert] {
        var out: [Alert] = []
        out.reserveCapacity(count + 64)
        for s in shards { s.alerts.withLock { m in out.append(contentsOf: m.values) } }
        return out
    }

    /// Number of shards (for readers that take them one at a time, e.g. in parallel).
    package var shardCount: Int { shards.count }

    /// Shard `i`'s alerts carrying every pair of `pairs` (through its index), or all of its
    /// alerts when `pairs` is empty, with their fingerprints.
    ///
    /// The index's few alerts are copied under one lock. All of a shard (31k alerts at a
    /// million) is copied ``listingSlice`` alerts at a time, so an ingest into the shard waits
    /// for one slice's copy, not the whole shard's; the fingerprints are computed after, with
    /// no lock held. Alerts added meanwhile are read too if they arrive before the end; if one
    /// is removed meanwhile (GC), positions have moved, and the shard is copied again at once.
    package func entries(inShard i: Int, carrying pairs: [(name: String, value: String)]) -> [(fingerprint: Fingerprint, alert: Alert)] {
        if !pairs.isEmpty { return shards[i].alerts.withLock { $0.entries(carrying: pairs) ?? $0.entries() } }
        var alerts: [Alert] = []
        let since = shards[i].alerts.withLock { $0.removals }
        while true {
            let from = alerts.count
            guard let slice = shards[i].alerts.withLock({ $0.slice(from: from, limit: Self.listingSlice, since: since) }) else {
                return shards[i].alerts.withLock { $0.entries() }
            }
            if slice.isEmpty { break }
            alerts.append(contentsOf: slice)
        }
        return alerts.map { (fingerprint: $0.fingerprint, alert: $0) }
    }

    /// Alerts copied under one lock by a full listing (a slice of 256 measured no better).
    package static let listingSlice = 2048

    /// Alerts not resolved at `now`: what `alertmanager_alerts` counts (0.25 excludes resolved).
    package func countFiring(now: Date) -> Int {
        shards.reduce(0) { n, s in
            n + s.alerts.withLock { m in m.values.reduce(0) { $0 + ($1.isResolved(at: now) ? 0 : 1) } }
        }
    }

    /// Non-resolved alerts per marker state, for `alertmanager_alerts{state}`: the statuses
    /// are read in place, beside the alerts (`InMemoryAlerts+Marks.swift`).
    package func countByState(now: Date) -> [AlertState: Int] {
        var counts: [AlertState: Int] = [.active: 0, .suppressed: 0, .unprocessed: 0]
        for s in shards { s.alerts.withLock { $0.countByState(into: &counts, firingAt: now) } }
        return counts
    }
}
