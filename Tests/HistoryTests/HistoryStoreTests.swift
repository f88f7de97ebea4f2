import Foundation
import History
import MetricsTestKit
import Testing

@Suite struct HistoryStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func record(_ outcome: NotificationRecord.Outcome, at offset: Double, attempt: Int = 1, receiver: String = "team",
                firing: [String] = ["0123456789abcdef"]) -> NotificationRecord {
        NotificationRecord(time: t0.addingTimeInterval(offset), receiver: receiver, integration: "webhook",
                           integrationIndex: 0, groupKey: "{}:{alertname=\"A\"}", groupLabels: ["alertname": "A"],
                           firing: firing, resolved: [], attempt: attempt, outcome: outcome,
                           error: outcome == .failed ? "unexpected status code 500" : "")
    }

    func tempPath() -> String {
        NSTemporaryDirectory() + "history-\(UUID().uuidString)"
    }

    @Test func journalRoundTripKeepsEveryField() throws {
        var r = record(.deduplicated, at: 1.5, attempt: 0)
        r.node = "node-1"
        r.peer = "node-2"
        r.notifiedAt = t0
        r.willRetry = true
        r.durationSeconds = 0.25
        let loaded = HistoryJournal.decode(HistoryJournal.encode(r))
        #expect(loaded.records.map(\.record) == [r])
    }

    @Test func tornTailIsCutOnLoadAndAppendingGoesOn() throws {
        let path = tempPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let good = HistoryJournal.encode(record(.success, at: 0))
        let torn = Array(HistoryJournal.encode(record(.failed, at: 1)).dropLast(7))
        FileManager.default.createFile(atPath: path, contents: Data(good + torn))
        let store = HistoryStore(node: "n1", retention: 3600, path: path)
        let result = try store.load(now: t0)
        #expect(result.records == 1)
        #expect(result.cutBytes == torn.count)
        store.record(record(.failed, at: 2))
        store.close()
        let again = HistoryStore(node: "n1", retention: 3600, path: path)
        #expect(try again.load(now: t0).records == 2)
        #expect(again.query(HistoryQuery()).map(\.outcome) == [.failed, .success])
    }

    @Test func retentionDropsOldRecordsFromMemoryAndFile() throws {
        let path = tempPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = HistoryStore(node: "n1", retention: 60, path: path)
        try store.load(now: t0)
        store.record(record(.success, at: 0))
        store.record(record(.failed, at: 100))
        store.gc(now: t0.addingTimeInterval(120))
        #expect(store.query(HistoryQuery()).map(\.outcome) == [.failed])
        store.close()
        let again = HistoryStore(node: "n1", retention: 60, path: path)
        #expect(try again.load(now: t0.addingTimeInterval(120)).records == 1)
    }

    @Test func sizeCapDropsTheOldestAndCountsThem() throws {
        let metrics = TestMetrics()
        let path = tempPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = HistoryStore(node: "n1", retention: 86400, maxBytes: 4096, path: path, factory: metrics)
        try store.load(now: t0)
        for i in 0..<100 { store.record(record(.failed, at: Double(i), attempt: i + 1)) }
        let kept = store.query(HistoryQuery())
        #expect(kept.count < 100)
        #expect(kept.first?.attempt == 100)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(size <= 4096)
        let dropped = try metrics.expectCounter("tocsin_history_dropped_total").totalValue
        #expect(dropped == Int64(100 - kept.count))
        #expect(try metrics.expectGauge("tocsin_history_records").lastValue == Double(kept.count))
    }

    @Test func deduplicationAgainstOwnSendIsNotRecordedButAPeersSendOnce() {
        let store = HistoryStore(node: "n1", retention: 86400)
        store.record(record(.success, at: 10))
        var own = record(.deduplicated, at: 70, attempt: 0)
        own.notifiedAt = t0.addingTimeInterval(10.001)
        store.record(own)
        #expect(store.count == 1)
        var peer = record(.deduplicated, at: 400, attempt: 0)
        peer.notifiedAt = t0.addingTimeInterval(300)
        store.record(peer)
        var again = peer
        again.time = t0.addingTimeInterval(700)
        store.record(again)
        #expect(store.query(HistoryQuery()).map(\.outcome) == [.deduplicated, .success])
        #expect(store.query(HistoryQuery()).first?.node == "n1")
    }

    @Test func queryFiltersAndOrdersNewestFirst() {
        let records = [record(.success, at: 0, receiver: "a"), record(.failed, at: 5, receiver: "b", firing: ["ff"]),
                       record(.success, at: 10, receiver: "b")]
        #expect(HistoryQuery(receiver: "b").apply(records).map(\.time) == [t0.addingTimeInterval(10), t0.addingTimeInterval(5)])
        #expect(HistoryQuery(fingerprint: "ff").apply(records).count == 1)
        #expect(HistoryQuery(outcome: .success, since: t0.addingTimeInterval(1)).apply(records).map(\.receiver) == ["b"])
        #expect(HistoryQuery(until: t0.addingTimeInterval(5)).apply(records).count == 2)
        #expect(HistoryQuery(limit: 1).apply(records).map(\.time) == [t0.addingTimeInterval(10)])
    }

    @Test func deduplicationsNameTheNodeThatSentAtTheLogEntrysTime() {
        var sent = record(.success, at: 10)
        sent.node = "n1"
        var dedup = record(.deduplicated, at: 20, attempt: 0)
        dedup.node = "n2"
        dedup.notifiedAt = t0.addingTimeInterval(10.002)
        var unrelated = dedup
        unrelated.notifiedAt = t0.addingTimeInterval(500)
        let named = HistoryQuery.attributePeers([sent, dedup, unrelated])
        #expect(named.map(\.peer) == ["", "n1", ""])
    }
}
