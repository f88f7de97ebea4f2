import AlertCore

/// The store is where the marker keeps its statuses: each one in the alert's table slot,
/// under the alert's shard lock, so it survives updates of the alert and goes when GC or
/// `delete` removes the alert.
extension InMemoryAlerts: MarkStorage {
    /// The marker over this store's statuses (the server makes one and shares it).
    package var marker: AlertMarker { AlertMarker(self) }

    package func status(_ fp: Fingerprint) -> AlertStatus? {
        shard(fp).alerts.withLock { $0.status(fp) }
    }

    package func statuses(_ fps: [Fingerprint]) -> [AlertStatus?] {
        var out: [AlertStatus?] = []
        out.reserveCapacity(fps.count)
        forEachShardRun(fps) { table, range in
            for i in range { out.append(table.status(fps[i])) }
        }
        return out
    }

    package func updateStatuses(_ fps: [Fingerprint], _ change: (_ index: Int, _ status: inout AlertStatus) -> Void) {
        forEachShardRun(fps) { table, range in
            for i in range { table.updateStatus(fps[i]) { change(i, &$0) } }
        }
    }

    package func markedCounts() -> [AlertState: Int] {
        var counts: [AlertState: Int] = [.active: 0, .suppressed: 0, .unprocessed: 0]
        for s in shards { s.alerts.withLock { $0.countByState(into: &counts, marked: true) } }
        return counts
    }

    /// Calls `body` under each shard's lock with the shard's table and each maximal run of
    /// neighbouring `fps` in that shard, in order: one lock for a batch from one shard.
    private func forEachShardRun(_ fps: [Fingerprint], _ body: (inout AlertTable, Range<Int>) -> Void) {
        var start = 0
        while start < fps.count {
            let s = shard(fps[start])
            var end = start + 1
            while end < fps.count, shard(fps[end]) === s { end += 1 }
            s.alerts.withLock { body(&$0, start..<end) }
            start = end
        }
    }
}
