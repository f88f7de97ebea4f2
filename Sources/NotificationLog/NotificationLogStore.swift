import AlertCore
import CoreMetrics
import Foundation
import Synchronization
import Wire

/// The node's notification log (Alertmanager's `nflog.Log`): a thread-safe shell around
/// ``NotificationLogState`` that records metrics and hands every local write to a
/// broadcaster (the mesh gossips it under the key `nfl`).
package final class NotificationLogStore: Sendable {
    private let state: Mutex<NotificationLogState>
    private let broadcaster = Mutex<Callback<[UInt8]>?>(nil)
    private let metrics: NotificationLogMetrics
    /// Where every accepted entry is appended (`persistChanges`); nil: nowhere (tests).
    private let journal = Mutex<SnapshotJournal?>(nil)

    /// - Parameters:
    ///   - retention: `--data.retention`, the longest an entry lives.
    ///   - metricsFactory: where `alertmanager_nflog_*` metrics go (tests pass a test factory).
    package init(retention: TimeInterval, metricsFactory: any MetricsFactory = MetricsSystem.factory) {
        state = Mutex(NotificationLogState(retention: retention))
        metrics = NotificationLogMetrics(factory: metricsFactory)
    }

    /// Sets the function that receives each local write as one delimited `MeshEntry`
    /// (the gossip delta). Called outside the lock.
    package func setBroadcaster(_ broadcast: @escaping @Sendable ([UInt8]) -> Void) {
        broadcaster.withLock { $0 = Callback(broadcast) }
    }

    /// Appends every later accepted entry (local or from a peer) to `path`, the snapshot
    /// file, so a crashed node does not notify again what it already sent. Call after
    /// `loadSnapshot` and a first full write, so appends start on a complete file.
    package func persistChanges(to path: String, onError: @escaping @Sendable (String) -> Void) {
        journal.withLock { $0 = SnapshotJournal(path: path, onError: onError) }
    }

    /// Rewrites the journaled file compactly, in order with the appends; returns once it is
    /// on disk. Without `persistChanges`, does nothing.
    package func writeSnapshot() async {
        guard let j = journal.withLock({ $0 }) else { return }
        let start = DispatchTime.now().uptimeNanoseconds
        let (seq, size) = state.withLock { st in
            let bytes = st.snapshot()
            return (j.rewrite(bytes), bytes.count)
        }
        await j.waitDurable(seq)
        metrics.snapshotDuration.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        metrics.snapshotSize.record(size)
    }

    /// Returns once every entry accepted so far is on disk (tests, shutdown).
    package func flush() async { await journal.withLock({ $0 })?.flush() }

    package var count: Int { state.withLock { $0.count } }

    /// Records a successful notification; see ``NotificationLogState/log(receiver:groupKey:firing:resolved:receiverData:expiry:now:)``.
    package func log(receiver: NotificationLogReceiver, groupKey: String, firing: [UInt64], resolved: [UInt64],
                    receiverData: [String: ReceiverDataValue] = [:], expiry: TimeInterval, now: Date) {
        let bytes: [UInt8]? = state.withLock { st in
            guard let stored = st.log(receiver: receiver, groupKey: groupKey, firing: firing, resolved: resolved,
                                      receiverData: receiverData, expiry: expiry, now: now),
                  let bytes = try? Delimited.write(stored) else { return nil }
            journal.withLock { $0 }?.append(bytes)
            return bytes
        }
        guard let bytes, let send = broadcaster.withLock({ $0 }) else { return }
        send.call(bytes)
    }

    /// The entry for one group and integration (`Log.Query`). Like Alertmanager, a miss or an
    /// empty group key counts in `alertmanager_nflog_query_errors_total`.
    package func query(receiver: NotificationLogReceiver, groupKey: String) -> NotificationLogEntry? {
        let start = DispatchTime.now().uptimeNanoseconds
        metrics.queries.increment()
        let found = groupKey.isEmpty ? nil : state.withLock { $0.query(receiver: receiver, groupKey: groupKey) }
        if found == nil { metrics.queryErrors.increment() }
        metrics.queryDuration.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        return found
    }

    /// Every entry, sorted by state key.
    package var allEntries: [NotificationLogEntry] { state.withLock { $0.allEntries } }

    /// Merges gossip bytes (one or more delimited `MeshEntry`), as `Log.Merge`: any decode
    /// error rejects the whole buffer. - Returns: how many entries were accepted; when > 0
    /// the mesh re-broadcasts the bytes (if small enough).
    package func merge(_ bytes: [UInt8], now: Date) throws(NotificationLogError) -> Int {
        let incoming = try NotificationLogState.incoming(bytes)
        return state.withLock { st in
            let accepted = st.merge(incoming, now: now)
            // Only accepted entries: a stale one appended last would win at the next load.
            if !accepted.isEmpty, let j = journal.withLock({ $0 }), let bytes = try? Delimited.write(accepted) {
                j.append(bytes)
            }
            return accepted.count
        }
    }

    /// Removes expired entries. - Returns: how many were removed.
    @discardableResult
    package func gc(now: Date) -> Int {
        let start = DispatchTime.now().uptimeNanoseconds
        let removed = state.withLock { $0.gc(now: now) }
        metrics.gcDuration.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        return removed
    }

    /// The full state as delimited `MeshEntry` messages: the snapshot file's content
    /// (`ordered`, by state key) and the `nfl` part of a gossip push-pull (not ordered).
    package func snapshot(ordered: Bool = true) -> [UInt8] {
        let start = DispatchTime.now().uptimeNanoseconds
        let bytes = state.withLock { $0.snapshot(ordered: ordered) }
        metrics.snapshotDuration.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        metrics.snapshotSize.record(bytes.count)
        return bytes
    }

    /// Replaces the state with a snapshot. Damaged input keeps the valid entries before the
    /// damage and throws. - Returns: the number of entries loaded.
    @discardableResult
    package func loadSnapshot(_ bytes: [UInt8]) throws(NotificationLogError) -> Int {
        try state.withLock { (st: inout NotificationLogState) throws(NotificationLogError) -> Int in
            try st.load(bytes)
        }
    }
}
