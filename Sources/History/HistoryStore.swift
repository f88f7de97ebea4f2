import CoreMetrics
import Foundation
import Synchronization
import Wire

/// This node's notification history: every attempt its pipeline reports, kept in memory and
/// appended to a journal file (when given), bounded by `retention` and `maxBytes`. When the
/// journal would pass `maxBytes` the oldest records are dropped (counted in
/// `tocsin_history_dropped_total`) and the file is rewritten with the rest.
package final class HistoryStore: Sendable {
    package let node: String
    package let retention: TimeInterval
    package let maxBytes: Int
    let path: String?
    let recordsGauge: Gauge
    let droppedCounter: Counter
    private let state: Mutex<State>

    struct State {
        var records: [(record: NotificationRecord, bytes: Int)] = []
        var bytes = 0
        /// Per notification-log key: when this node last succeeded, and the log entry time of
        /// the last deduplication recorded (one record per peer send, not one per flush).
        var ownSuccess: [String: Date] = [:]
        var lastDedup: [String: Date] = [:]
        var file: FileHandle?
    }

    package init(node: String, retention: TimeInterval, maxBytes: Int = 64 << 20, path: String? = nil,
                factory: any MetricsFactory = MetricsSystem.factory) {
        self.node = node
        self.retention = retention
        self.maxBytes = max(maxBytes, 4096)
        self.path = path
        recordsGauge = Gauge(label: "tocsin_history_records", factory: factory)
        droppedCounter = Counter(label: "tocsin_history_dropped_total", factory: factory)
        state = Mutex(State())
    }

    /// Loads the journal (cutting a torn tail) and opens it for appending.
    /// - Returns: how many records were loaded and how many bytes of torn tail were cut.
    @discardableResult
    package func load(now: Date) throws -> (records: Int, cutBytes: Int) {
        guard let path else { return (0, 0) }
        let fm = FileManager.default
        if !fm.fileExists(atPath: path) { fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) }
        let data = Array(fm.contents(atPath: path) ?? Data())
        let loaded = HistoryJournal.decode(data)
        let cut = data.count - loaded.goodBytes
        if cut > 0 {
            guard truncate(path, off_t(loaded.goodBytes)) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        let count = state.withLock { s in
            s.file = handle
            s.records = loaded.records
            s.bytes = loaded.goodBytes
            for (r, _) in s.records where r.outcome == .success { s.ownSuccess[r.logKey] = r.time }
            return s.records.count
        }
        gc(now: now)
        recordsGauge.record(Double(state.withLock { $0.records.count }))
        return (count, cut)
    }

    /// Records one attempt (the pipeline's observer calls this). Deduplications against this
    /// node's own sends, and repeats of one already recorded for the same peer send, are not news.
    package func record(_ record: NotificationRecord) {
        var record = record
        if record.node.isEmpty { record.node = node }
        let key = record.logKey
        let count: Int? = state.withLock { s in
            switch record.outcome {
            case .success:
                s.ownSuccess[key] = record.time
            case .deduplicated:
                guard let at = record.notifiedAt else { return nil }
                if let own = s.ownSuccess[key], at >= own, at.timeIntervalSince(own) < 1 { return nil }
                if s.lastDedup[key] == at { return nil }
                s.lastDedup[key] = at
            case .failed, .suppressed:
                break
            }
            let line = HistoryJournal.encode(record)
            if s.bytes + line.count > maxBytes { compact(&s, extra: line.count) }
            s.records.append((record, line.count))
            s.bytes += line.count
            if let file = s.file {
                // A record the journal could not take is still answered from memory until a
                // restart; count it as dropped (it will not survive one).
                do { try file.write(contentsOf: line) } catch { droppedCounter.increment() }
            }
            return s.records.count
        }
        if let count { recordsGauge.record(Double(count)) }
    }

    /// The matching records, newest first.
    package func query(_ q: HistoryQuery) -> [NotificationRecord] {
        let all = state.withLock { s in s.records.map(\.record) }
        return q.apply(all)
    }

    package var count: Int { state.withLock { $0.records.count } }

    /// Drops records older than the retention and rewrites the journal without them.
    package func gc(now: Date) {
        let cutoff = now.addingTimeInterval(-retention)
        let count = state.withLock { s in
            let before = s.records.count
            s.records.removeAll { $0.record.time < cutoff }
            s.ownSuccess = s.ownSuccess.filter { $0.value >= cutoff }
            s.lastDedup = s.lastDedup.filter { $0.value >= cutoff }
            if s.records.count != before { rewrite(&s) }
            return s.records.count
        }
        recordsGauge.record(Double(count))
    }

    /// Makes room for `extra` bytes: drops the oldest records down to three quarters of the cap.
    private func compact(_ s: inout State, extra: Int) {
        let target = maxBytes * 3 / 4 - extra
        var drop = 0
        var bytes = s.bytes
        while drop < s.records.count, bytes > target {
            bytes -= s.records[drop].bytes
            drop += 1
        }
        s.records.removeFirst(drop)
        droppedCounter.increment(by: drop)
        rewrite(&s)
    }

    /// Writes the kept records over the journal the way the snapshots are written (synced
    /// temporary file renamed over it, owner-only), then appends to the new file.
    private func rewrite(_ s: inout State) {
        s.bytes = s.records.reduce(0) { $0 + $1.bytes }
        guard let path, s.file != nil else { return }
        var data = [UInt8]()
        data.reserveCapacity(s.bytes)
        for (r, _) in s.records { data += HistoryJournal.encode(r) }
        do {
            try AtomicFile.write(data, to: path)
            try? s.file?.close()
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.seekToEnd()
            s.file = handle
        } catch {
            // Keep appending to the old file; the next compaction tries again.
        }
    }

    package func close() {
        state.withLock { s in
            try? s.file?.synchronize()
            try? s.file?.close()
            s.file = nil
        }
    }
}
