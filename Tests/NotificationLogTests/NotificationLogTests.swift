import Foundation
import MetricsTestKit
import NotificationLog
import Synchronization
import Wire
import XCTest

final class NotificationLogTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    let recv = NotificationLogReceiver(groupName: "r", integration: "email", index: 2)

    func test_log_withBroadcaster_sendsOneDelimitedMeshEntry() throws {
        let log = NotificationLogStore(retention: 3600, metricsFactory: TestMetrics())
        let sent = Mutex<[[UInt8]]>([])
        log.setBroadcaster { bytes in sent.withLock { $0.append(bytes) } }
        log.log(receiver: recv, groupKey: "g", firing: [9], resolved: [], expiry: 0, now: t0)
        let messages = sent.withLock { $0 }
        XCTAssertEqual(messages.count, 1)
        let decoded = try NotificationLogState.decode(messages[0])
        XCTAssertEqual(decoded.first?.entry.receiver.idx, 2)
        XCTAssertEqual(decoded.first?.entry.firingAlerts, [9])
    }

    /// Local records and accepted gossip reach the file without a snapshot; a stale gossip
    /// entry is not appended (it would win at the next load); a restarted log reads the
    /// newest record; a snapshot compacts the file.
    func test_persistChanges_recordsOnDiskInOrder_restartReadsNewest() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nfl-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("nflog").path
        let log = NotificationLogStore(retention: 3600, metricsFactory: TestMetrics())
        log.persistChanges(to: path) { XCTFail($0) }
        let peer = NotificationLogStore(retention: 3600, metricsFactory: TestMetrics())
        let gossip = Mutex<[UInt8]>([])
        peer.setBroadcaster { bytes in gossip.withLock { $0 = bytes } }
        peer.log(receiver: recv, groupKey: "g", firing: [1], resolved: [], expiry: 0, now: t0)
        let stale = gossip.withLock { $0 }

        log.log(receiver: recv, groupKey: "g", firing: [1, 2], resolved: [], expiry: 0, now: t0 + 10)
        XCTAssertEqual(try log.merge(stale, now: t0 + 10), 0)
        let other = NotificationLogReceiver(groupName: "other", integration: "webhook", index: 0)
        peer.log(receiver: other, groupKey: "h", firing: [7], resolved: [], expiry: 0, now: t0 + 11)
        XCTAssertEqual(try log.merge(gossip.withLock { $0 }, now: t0 + 11), 1)
        await log.flush()

        let onDisk = try NotificationLogState.decode(Array(FileManager.default.contents(atPath: path) ?? Data()))
        XCTAssertEqual(onDisk.map(\.entry.firingAlerts), [[1, 2], [7]])
        let restarted = NotificationLogStore(retention: 3600, metricsFactory: TestMetrics())
        XCTAssertEqual(try restarted.loadSnapshot(Array(FileManager.default.contents(atPath: path) ?? Data())), 2)
        XCTAssertEqual(restarted.query(receiver: recv, groupKey: "g")?.firingAlerts, [1, 2])

        log.log(receiver: recv, groupKey: "g", firing: [3], resolved: [], expiry: 0, now: t0 + 20)
        await log.flush()
        XCTAssertEqual(try NotificationLogState.decode(Array(FileManager.default.contents(atPath: path) ?? Data())).count, 3)
        await log.writeSnapshot()
        XCTAssertEqual(try NotificationLogState.decode(Array(FileManager.default.contents(atPath: path) ?? Data())).count, 2)
    }

    func test_merge_gossipFromPeer_isAcceptedOnceAndQueryable() throws {
        let a = NotificationLogStore(retention: 3600, metricsFactory: TestMetrics())
        let b = NotificationLogStore(retention: 3600, metricsFactory: TestMetrics())
        let sent = Mutex<[UInt8]>([])
        a.setBroadcaster { bytes in sent.withLock { $0 = bytes } }
        a.log(receiver: recv, groupKey: "g", firing: [1, 2], resolved: [3], expiry: 0, now: t0)
        let bytes = sent.withLock { $0 }
        XCTAssertEqual(try b.merge(bytes, now: t0), 1)
        XCTAssertEqual(try b.merge(bytes, now: t0), 0)
        XCTAssertEqual(b.query(receiver: recv, groupKey: "g")?.resolvedAlerts, [3])
    }

    func test_merge_corruptGossip_rejectsWholeBuffer() throws {
        let a = NotificationLogStore(retention: 3600, metricsFactory: TestMetrics())
        a.log(receiver: recv, groupKey: "g", firing: [1], resolved: [], expiry: 0, now: t0)
        let good = a.snapshot()
        let b = NotificationLogStore(retention: 3600, metricsFactory: TestMetrics())
        XCTAssertThrowsError(try b.merge(good + [0x10, 0x01], now: t0))
        XCTAssertEqual(b.count, 0)
    }

    func test_query_missAndHit_countQueriesAndErrorsLikeAlertmanager() throws {
        let metrics = TestMetrics()
        let log = NotificationLogStore(retention: 3600, metricsFactory: metrics)
        XCTAssertNil(log.query(receiver: recv, groupKey: "g"))
        log.log(receiver: recv, groupKey: "g", firing: [1], resolved: [], expiry: 0, now: t0)
        XCTAssertNotNil(log.query(receiver: recv, groupKey: "g"))
        XCTAssertEqual(try metrics.expectCounter("alertmanager_nflog_queries_total").totalValue, 2)
        XCTAssertEqual(try metrics.expectCounter("alertmanager_nflog_query_errors_total").totalValue, 1)
        XCTAssertEqual(try metrics.expectTimer("alertmanager_nflog_query_duration_seconds").values.count, 2)
    }

    func test_snapshot_recordsSizeAndLoadRestores() throws {
        let metrics = TestMetrics()
        let log = NotificationLogStore(retention: 3600, metricsFactory: metrics)
        log.log(receiver: recv, groupKey: "g", firing: [1], resolved: [], expiry: 0, now: t0)
        let bytes = log.snapshot()
        XCTAssertEqual(try metrics.expectGauge("alertmanager_nflog_snapshot_size_bytes").lastValue, Double(bytes.count))
        let restored = NotificationLogStore(retention: 3600, metricsFactory: TestMetrics())
        XCTAssertEqual(try restored.loadSnapshot(bytes), 1)
        XCTAssertEqual(restored.allEntries, log.allEntries)
    }

    func test_gc_removesExpiredAndRecordsDuration() throws {
        let metrics = TestMetrics()
        let log = NotificationLogStore(retention: 60, metricsFactory: metrics)
        log.log(receiver: recv, groupKey: "g", firing: [1], resolved: [], expiry: 0, now: t0)
        XCTAssertEqual(log.gc(now: t0.addingTimeInterval(60)), 1)
        XCTAssertEqual(log.count, 0)
        XCTAssertEqual(try metrics.expectTimer("alertmanager_nflog_gc_duration_seconds").values.count, 1)
    }
}
