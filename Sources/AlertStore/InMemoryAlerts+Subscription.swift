import AlertCore
import Foundation

/// The continuations of the current subscribers; lives inside the store's writer lock.
struct Subscribers: Sendable {
    private var continuations: [Int: AsyncStream<[Alert]>.Continuation] = [:]
    private var nextID = 0

    mutating func add(_ c: AsyncStream<[Alert]>.Continuation) -> Int {
        nextID += 1
        continuations[nextID] = c
        return nextID
    }

    mutating func remove(_ id: Int) -> AsyncStream<[Alert]>.Continuation? {
        continuations.removeValue(forKey: id)
    }

    mutating func removeAll() -> [AsyncStream<[Alert]>.Continuation] {
        defer { continuations = [:] }
        return Array(continuations.values)
    }

    var count: Int { continuations.count }

    func broadcast(_ batch: [Alert]) {
        for c in continuations.values { c.yield(batch) }
    }
}

extension InMemoryAlerts {
    /// Subscribes to stored alerts, as Alertmanager's dispatcher and inhibitor do
    /// (`Alerts.Subscribe`): the stream first yields every alert currently stored (resolved ones
    /// not yet garbage-collected included, in batches of at most `initialBatch`), then one batch
    /// per `put`, each holding the alerts as stored (merged).
    ///
    /// Buffering is unbounded: `put` never waits for a slow subscriber (Alertmanager's channel
    /// blocks the writer once its 200-slot buffer is full), so a subscriber that stops reading
    /// makes memory grow by the alerts put since. The two consumers (dispatcher, inhibitor) do
    /// little work per alert, so in practice the buffer stays short; an AsyncStream was chosen
    /// over a callback because it keeps the subscriber's processing off the ingest path.
    ///
    /// The stream ends when the consuming task is cancelled or `finishSubscriptions` is called.
    package func subscribe(initialBatch: Int = 4096) -> AsyncStream<[Alert]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [Alert].self, bufferingPolicy: .unbounded)
        let id = writer.withLock { subs -> Int in
            var batch: [Alert] = []
            batch.reserveCapacity(initialBatch)
            for s in shards {
                s.alerts.withLock { m in
                    for a in m.values {
                        batch.append(a)
                        if batch.count >= initialBatch {
                            continuation.yield(batch)
                            batch.removeAll(keepingCapacity: true)
                        }
                    }
                }
            }
            if !batch.isEmpty { continuation.yield(batch) }
            return subs.add(continuation)
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.writer.withLock { $0.remove(id) }
        }
        return stream
    }

    /// Number of live subscriptions.
    package var subscriberCount: Int { writer.withLock { $0.count } }

    /// Ends every subscription stream (at shutdown).
    package func finishSubscriptions() {
        // finish() runs onTermination synchronously, which takes the writer lock: call it outside.
        let all = writer.withLock { $0.removeAll() }
        for c in all { c.finish() }
    }
}
