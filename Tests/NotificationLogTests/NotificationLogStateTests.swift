import Foundation
import MetricsTestKit
import NotificationLog
import SwiftProtobuf
import Wire
import XCTest

final class NotificationLogStateTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    let recv = NotificationLogReceiver(groupName: "team-X", integration: "webhook", index: 0)
    let gk = "{}:{alertname=\"Foo\"}"

    func test_key_receiverAndGroup_matchesAlertmanagerStateKey() {
        XCTAssertEqual(NotificationLogState.key(groupKey: gk, receiver: recv), "{}:{alertname=\"Foo\"}:team-X/webhook/0")
    }

    func test_log_thenQuery_returnsEntryWithHashesAndTimes() {
        var st = NotificationLogState(retention: 120 * 3600)
        XCTAssertNotNil(st.log(receiver: recv, groupKey: gk, firing: [1, 300], resolved: [7], expiry: 0, now: t0))
        let e = st.query(receiver: recv, groupKey: gk)
        XCTAssertEqual(e?.firingAlerts, [1, 300])
        XCTAssertEqual(e?.resolvedAlerts, [7])
        XCTAssertEqual(e?.timestamp, t0)
        XCTAssertEqual(e?.expiresAt, t0.addingTimeInterval(120 * 3600))
        XCTAssertNil(st.query(receiver: NotificationLogReceiver(groupName: "team-X", integration: "webhook", index: 1),
                              groupKey: gk))
    }

    func test_log_expiryShorterThanRetention_expiresAtNowPlusExpiry() {
        var st = NotificationLogState(retention: 3600)
        _ = st.log(receiver: recv, groupKey: gk, firing: [1], resolved: [], expiry: 600, now: t0)
        XCTAssertEqual(st.query(receiver: recv, groupKey: gk)?.expiresAt, t0.addingTimeInterval(600))
        _ = st.log(receiver: recv, groupKey: gk, firing: [1], resolved: [], expiry: 7200, now: t0.addingTimeInterval(1))
        XCTAssertEqual(st.query(receiver: recv, groupKey: gk)?.expiresAt, t0.addingTimeInterval(3601))
    }

    func test_log_existingEntryInTheFuture_isIgnored() {
        var st = NotificationLogState(retention: 3600)
        _ = st.log(receiver: recv, groupKey: gk, firing: [1], resolved: [], expiry: 0, now: t0.addingTimeInterval(10))
        XCTAssertNil(st.log(receiver: recv, groupKey: gk, firing: [2], resolved: [], expiry: 0, now: t0))
        XCTAssertEqual(st.query(receiver: recv, groupKey: gk)?.firingAlerts, [1])
    }

    func test_merge_strictlyLaterTimestamp_replacesAndEqualDoesNot() {
        var st = NotificationLogState(retention: 3600)
        _ = st.log(receiver: recv, groupKey: gk, firing: [1], resolved: [], expiry: 0, now: t0)
        var remote = meshEntry(firing: [2], ts: t0, expires: t0.addingTimeInterval(100))
        XCTAssertFalse(st.merge(remote, now: t0))
        remote.entry.timestamp = Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 1)
        XCTAssertTrue(st.merge(remote, now: t0))
        XCTAssertEqual(st.query(receiver: recv, groupKey: gk)?.firingAlerts, [2])
    }

    func test_merge_expiredEntry_isDropped() {
        var st = NotificationLogState(retention: 3600)
        XCTAssertFalse(st.merge(meshEntry(firing: [2], ts: t0, expires: t0.addingTimeInterval(-1)), now: t0))
        XCTAssertEqual(st.count, 0)
        // expires_at == now is still merged (Go drops only when strictly before now).
        XCTAssertTrue(st.merge(meshEntry(firing: [2], ts: t0, expires: t0), now: t0))
    }

    func test_gc_removesEntriesExpiringAtOrBeforeNow() {
        var st = NotificationLogState(retention: 3600)
        _ = st.log(receiver: recv, groupKey: "a", firing: [1], resolved: [], expiry: 10, now: t0)
        _ = st.log(receiver: recv, groupKey: "b", firing: [1], resolved: [], expiry: 20, now: t0)
        XCTAssertEqual(st.gc(now: t0.addingTimeInterval(9)), 0)
        XCTAssertEqual(st.gc(now: t0.addingTimeInterval(10)), 1)
        XCTAssertNil(st.query(receiver: recv, groupKey: "a"))
        XCTAssertNotNil(st.query(receiver: recv, groupKey: "b"))
    }

    func test_snapshot_referenceEntry_matchesHandBuiltBytes() throws {
        // cluster-protocol.md §B.7: the worked nflog example, byte for byte.
        var st = NotificationLogState(retention: 120 * 3600)
        // expiry 10h (2 × a 5h repeat_interval) is shorter than the 120h retention.
        _ = st.log(receiver: recv, groupKey: gk, firing: [1, 300], resolved: [], expiry: 36000, now: t0)
        let hex = st.snapshot().map { String(format: "%02x", $0) }.joined(separator: " ")
        XCTAssertEqual(hex, "40 0a 36 0a 14 " + Array(gk.utf8).map { String(format: "%02x", $0) }.joined(separator: " ")
            + " 12 11 0a 06 74 65 61 6d 2d 58 12 07 77 65 62 68 6f 6f 6b 2a 06 08 80 e2 cf aa 06 32 03 01 ac 02"
            + " 12 06 08 a0 fb d1 aa 06")
    }

    func test_snapshotThenLoad_roundTripsAllEntries() throws {
        var st = NotificationLogState(retention: 3600)
        for i in 0..<5 {
            _ = st.log(receiver: recv, groupKey: "g\(i)", firing: [UInt64(i)], resolved: [UInt64(i + 100)], expiry: 0,
                       now: t0.addingTimeInterval(Double(i) + 0.25))
        }
        var copy = NotificationLogState(retention: 3600)
        XCTAssertEqual(try copy.load(st.snapshot()), 5)
        XCTAssertEqual(copy.allEntries, st.allEntries)
        XCTAssertEqual(copy.snapshot(), st.snapshot())
    }

    func test_load_truncatedSnapshot_keepsValidPrefixAndThrows() {
        var st = NotificationLogState(retention: 3600)
        for i in 0..<3 { _ = st.log(receiver: recv, groupKey: "g\(i)", firing: [1], resolved: [], expiry: 0, now: t0) }
        let bytes = st.snapshot()
        var copy = NotificationLogState(retention: 3600)
        XCTAssertThrowsError(try copy.load(Array(bytes.dropLast(3)))) { error in
            XCTAssertEqual((error as? NotificationLogError)?.entriesRead, 2)
        }
        XCTAssertEqual(copy.count, 2)
        XCTAssertNotNil(copy.query(receiver: recv, groupKey: "g1"))
    }

    func test_load_entryWithoutReceiver_reportsInvalidState() throws {
        var m = Nflogpb_MeshEntry()
        m.entry.groupKey = Data("g".utf8)
        m.entry.timestamp = Google_Protobuf_Timestamp(seconds: 1)
        m.expiresAt = Google_Protobuf_Timestamp(seconds: 2)
        var st = NotificationLogState(retention: 3600)
        XCTAssertThrowsError(try st.load(try Delimited.write(m))) { error in
            XCTAssertEqual((error as? NotificationLogError)?.kind, .invalidState)
        }
        XCTAssertEqual(st.count, 0)
    }

    func test_decode_timestampBeyondYear9999_isRejected() throws {
        var m = meshEntry(firing: [1], ts: t0, expires: t0)
        m.expiresAt = Google_Protobuf_Timestamp(seconds: 253_402_300_800)
        XCTAssertThrowsError(try NotificationLogState.decode(try Delimited.write(m))) { error in
            XCTAssertEqual((error as? NotificationLogError)?.kind, .timestampOutOfRange)
        }
    }

    func test_load_garbageBytes_throwsWithoutCrashing() {
        var st = NotificationLogState(retention: 3600)
        XCTAssertThrowsError(try st.load([0x05, 0xff, 0xff, 0xff, 0xff, 0xff]))
        XCTAssertThrowsError(try st.load([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))
        XCTAssertEqual(try st.load([]), 0)
    }

    func meshEntry(firing: [UInt64], ts: Date, expires: Date) -> Nflogpb_MeshEntry {
        var m = Nflogpb_MeshEntry()
        m.entry.groupKey = Data(gk.utf8)
        m.entry.receiver.groupName = recv.groupName
        m.entry.receiver.integration = recv.integration
        m.entry.timestamp = Google_Protobuf_Timestamp(seconds: Int64(ts.timeIntervalSince1970))
        m.entry.firingAlerts = firing
        m.expiresAt = Google_Protobuf_Timestamp(seconds: Int64(expires.timeIntervalSince1970))
        return m
    }
}
