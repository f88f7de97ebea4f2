import Foundation
import NotificationLog
import SwiftProtobuf
import TestKit
import Wire
import XCTest

/// A loaded snapshot's entries stay as the file's bytes until written again (`StoredEntry`);
/// these check that a user sees the same log as with every entry decoded: queries, merges,
/// writes, GC and the snapshot written back.
final class NotificationLogLoadTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    let recv = NotificationLogReceiver(groupName: "team-X", integration: "webhook", index: 2)

    private func varint(_ v: UInt64) -> [UInt8] { ProtobufBytes.varint(v) }
    private func bytesField(_ n: UInt64, _ body: [UInt8]) -> [UInt8] { ProtobufBytes.bytesField(n, body) }
    private func string(_ n: UInt64, _ s: String) -> [UInt8] { ProtobufBytes.string(n, s) }
    private func timestamp(_ n: UInt64, _ seconds: UInt64) -> [UInt8] { ProtobufBytes.timestamp(n, seconds) }

    /// A `MeshEntry` as Alertmanager writes it; `extra` is appended to the `Entry`.
    private func entry(_ group: String, sent: UInt64, expires: UInt64, firing: [UInt64] = [1, 2],
                       extra: [UInt8] = []) -> [UInt8] {
        let receiver = string(1, "team-X") + string(2, "webhook") + varint(3 << 3) + varint(2)
        let e = string(1, group) + bytesField(2, receiver) + timestamp(5, sent)
            + bytesField(6, firing.flatMap(varint)) + extra
        return bytesField(1, e) + timestamp(2, expires)
    }

    private func file(_ messages: [[UInt8]]) -> [UInt8] {
        messages.flatMap { varint(UInt64($0.count)) + $0 }
    }

    func test_load_plainEntries_answerAndWriteBackTheSameBytes() throws {
        let bytes = file([entry("{}:{a=\"1\"}", sent: 1_700_000_000, expires: 1_700_003_600),
                          entry("{}:{a=\"2\"}", sent: 1_700_000_001, expires: 1_700_003_601, firing: [300])])
        var st = NotificationLogState(retention: 3600)
        XCTAssertEqual(try st.load(bytes), 2)
        let e = st.query(receiver: recv, groupKey: "{}:{a=\"2\"}")
        XCTAssertEqual(e?.firingAlerts, [300])
        XCTAssertEqual(e?.timestamp, t0.addingTimeInterval(1))
        XCTAssertEqual(e?.expiresAt, t0.addingTimeInterval(3601))
        XCTAssertEqual(st.snapshot(), bytes)  // in key order, as the file was
    }

    func test_load_entriesTheScanDoesNotRead_areDecodedAndAnswerTheSame() throws {
        // 0.34's receiver_data (field 8), a field this version does not know (99), a non-ASCII
        // group key and a repeated singular field: each goes through the decoder.
        let receiverData = bytesField(8, string(1, "threadTs") + bytesField(2, string(1, "1.5")))
        let unknown = varint(99 << 3) + varint(7)
        let messages = [entry("{}:{a=\"1\"}", sent: 1_700_000_000, expires: 1_700_003_600, extra: receiverData),
                        entry("{}:{a=\"2\"}", sent: 1_700_000_000, expires: 1_700_003_600, extra: unknown),
                        entry("{}:{a=\"é\"}", sent: 1_700_000_000, expires: 1_700_003_600),
                        entry("{}:{a=\"4\"}", sent: 1_700_000_000, expires: 1_700_003_600,
                              extra: timestamp(5, 1_700_000_005)),
                        entry("{}:{a=\"5\"}", sent: 1_700_000_000, expires: 1_700_003_600)]
        var st = NotificationLogState(retention: 3600)
        XCTAssertEqual(try st.load(file(messages)), 5)
        XCTAssertEqual(st.query(receiver: recv, groupKey: "{}:{a=\"1\"}")?.receiverData, ["threadTs": .string("1.5")])
        XCTAssertEqual(st.query(receiver: recv, groupKey: "{}:{a=\"é\"}")?.firingAlerts, [1, 2])
        XCTAssertEqual(st.query(receiver: recv, groupKey: "{}:{a=\"4\"}")?.timestamp, t0.addingTimeInterval(5))
        for m in messages {
            XCTAssertTrue(NotificationLogState.scanAgreesWithDecoder(m))
        }
        // The unknown field is written back as it came.
        var again = NotificationLogState(retention: 3600)
        XCTAssertEqual(try again.load(st.snapshot()), 5)
        XCTAssertEqual(again.snapshot(), st.snapshot())
        XCTAssertTrue(st.snapshot().starts(with: file([messages[0], messages[1]])))
    }

    func test_load_entryWithoutTimestamp_readsAsGoZeroTime() throws {
        let receiver = string(1, "team-X") + string(2, "webhook") + varint(3 << 3) + varint(2)
        let m = bytesField(1, string(1, "g") + bytesField(2, receiver)) + timestamp(2, 1_700_003_600)
        var st = NotificationLogState(retention: 3600)
        XCTAssertEqual(try st.load(file([m])), 1)
        XCTAssertEqual(st.query(receiver: recv, groupKey: "g")?.timestamp,
                       Google_Protobuf_Timestamp(seconds: Google_Protobuf_Timestamp.minSeconds).asDate)
    }

    func test_loadedEntry_mergeWritesAndGC_compareItsTimes() throws {
        var st = NotificationLogState(retention: 3600)
        try st.load(file([entry("a", sent: 1_700_000_010, expires: 1_700_000_100),
                          entry("b", sent: 1_700_000_010, expires: 1_700_000_200)]))
        // A local write older than the loaded entry is ignored; a later one replaces it.
        XCTAssertNil(st.log(receiver: recv, groupKey: "a", firing: [9], resolved: [], expiry: 0, now: t0))
        XCTAssertNotNil(st.log(receiver: recv, groupKey: "a", firing: [9], resolved: [], expiry: 0,
                               now: t0.addingTimeInterval(11)))
        XCTAssertEqual(st.query(receiver: recv, groupKey: "a")?.firingAlerts, [9])
        // A peer's entry replaces a loaded one only if strictly later.
        var remote = try NotificationLogState.decode(file([entry("b", sent: 1_700_000_010, expires: 1_700_000_300,
                                                                  firing: [5])]))[0]
        XCTAssertFalse(st.merge(remote, now: t0))
        remote.entry.timestamp = Google_Protobuf_Timestamp(seconds: 1_700_000_011)
        XCTAssertTrue(st.merge(remote, now: t0))
        XCTAssertEqual(st.query(receiver: recv, groupKey: "b")?.firingAlerts, [5])
        // GC reads a loaded entry's expiry.
        var gc = NotificationLogState(retention: 3600)
        try gc.load(file([entry("a", sent: 1_700_000_010, expires: 1_700_000_100),
                          entry("b", sent: 1_700_000_010, expires: 1_700_000_200)]))
        XCTAssertEqual(gc.gc(now: t0.addingTimeInterval(100)), 1)
        XCTAssertNil(gc.query(receiver: recv, groupKey: "a"))
        XCTAssertNotNil(gc.query(receiver: recv, groupKey: "b"))
        XCTAssertEqual(gc.gc(now: t0.addingTimeInterval(200)), 1)
        XCTAssertEqual(gc.count, 0)
        XCTAssertEqual(gc.snapshot(), [])
    }

    func test_load_invalidEntryAfterPlainOnes_keepsThePlainOnesAndSaysWhy() {
        let receiverless = bytesField(1, string(1, "c") + timestamp(5, 1_700_000_000)) + timestamp(2, 1_700_003_600)
        var st = NotificationLogState(retention: 3600)
        XCTAssertThrowsError(try st.load(file([entry("a", sent: 1_700_000_000, expires: 1_700_003_600),
                                               entry("b", sent: 1_700_000_000, expires: 1_700_003_600),
                                               receiverless,
                                               entry("d", sent: 1_700_000_000, expires: 1_700_003_600)]))) { error in
            XCTAssertEqual((error as? NotificationLogError)?.kind, .invalidState)
            XCTAssertEqual((error as? NotificationLogError)?.entriesRead, 2)
        }
        XCTAssertEqual(st.count, 2)
        XCTAssertNotNil(st.query(receiver: recv, groupKey: "b"))
    }

    func test_mergeGossip_wholeLogFromAPeer_takesOnlyNewerAndUnknownEntries() throws {
        var st = NotificationLogState(retention: 3600)
        try st.load(file([entry("a", sent: 1_700_000_010, expires: 1_700_003_600),
                          entry("b", sent: 1_700_000_010, expires: 1_700_003_600)]))
        // A push/pull: "a" as we have it, "b" newer, "c" new, "d" already expired, and "e"
        // through the decoder (a field this version does not know).
        let buffer = file([entry("a", sent: 1_700_000_010, expires: 1_700_003_600, firing: [9]),
                           entry("b", sent: 1_700_000_011, expires: 1_700_003_600, firing: [5]),
                           entry("c", sent: 1_700_000_010, expires: 1_700_003_600),
                           entry("d", sent: 1_700_000_000, expires: 1_699_999_999),
                           entry("e", sent: 1_700_000_010, expires: 1_700_003_600, extra: varint(99 << 3) + varint(1))])
        let accepted = st.merge(try NotificationLogState.incoming(buffer), now: t0)
        XCTAssertEqual(accepted.map { String(decoding: $0.entry.groupKey, as: UTF8.self) }, ["b", "c", "e"])
        XCTAssertEqual(st.query(receiver: recv, groupKey: "a")?.firingAlerts, [1, 2])
        XCTAssertEqual(st.query(receiver: recv, groupKey: "b")?.firingAlerts, [5])
        XCTAssertNotNil(st.query(receiver: recv, groupKey: "c"))
        XCTAssertNil(st.query(receiver: recv, groupKey: "d"))
        XCTAssertEqual(st.count, 4)
        // The same buffer again changes nothing.
        XCTAssertEqual(st.merge(try NotificationLogState.incoming(buffer), now: t0).count, 0)
    }

    func test_mergeGossip_oneInvalidMessage_rejectsTheWholeBuffer() throws {
        let receiverless = bytesField(1, string(1, "x") + timestamp(5, 1_700_000_000)) + timestamp(2, 1_700_003_600)
        let buffer = file([entry("c", sent: 1_700_000_010, expires: 1_700_003_600), receiverless])
        XCTAssertThrowsError(try NotificationLogState.incoming(buffer)) { error in
            XCTAssertEqual((error as? NotificationLogError)?.kind, .invalidState)
            XCTAssertEqual((error as? NotificationLogError)?.entriesRead, 1)
        }
        XCTAssertThrowsError(try NotificationLogState.incoming(file([entry("c", sent: 1, expires: 2)]).dropLast(1).map { $0 }))
    }

    func test_snapshotForGossip_unordered_holdsTheSameEntries() throws {
        var st = NotificationLogState(retention: 3600)
        try st.load(file((0..<50).map { entry("g\($0)", sent: 1_700_000_000, expires: 1_700_003_600) }))
        _ = st.log(receiver: recv, groupKey: "local", firing: [3], resolved: [], expiry: 0, now: t0)
        var fromGossip = NotificationLogState(retention: 3600)
        XCTAssertEqual(try fromGossip.load(st.snapshot(ordered: false)), 51)
        XCTAssertEqual(fromGossip.allEntries, st.allEntries)
        XCTAssertEqual(fromGossip.snapshot(), st.snapshot())
    }

    func test_load_manyEntries_readOnEveryCoreInFileOrder() throws {
        // Above the length at which runs are scanned in parallel; a later entry for the same
        // key wins, as in Alertmanager's load.
        var messages = (0..<5000).map { entry("g\($0)", sent: 1_700_000_000, expires: 1_700_003_600) }
        messages.append(entry("g7", sent: 1_700_000_001, expires: 1_700_003_600, firing: [77]))
        var st = NotificationLogState(retention: 3600)
        XCTAssertEqual(try st.load(file(messages)), 5000)
        XCTAssertEqual(st.query(receiver: recv, groupKey: "g7")?.firingAlerts, [77])
        XCTAssertEqual(st.query(receiver: recv, groupKey: "g4999")?.firingAlerts, [1, 2])
    }
}
