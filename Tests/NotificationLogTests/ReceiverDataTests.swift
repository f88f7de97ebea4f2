import Foundation
import NotificationLog
import SwiftProtobuf
import Wire
import XCTest

/// 0.34's `receiver_data` (nflogpb.Entry field 8, `map<string, ReceiverDataValue>`): written
/// with each entry, read back from snapshots and gossip, and kept by peers that know it not.
final class ReceiverDataTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    let recv = NotificationLogReceiver(groupName: "r", integration: "slack", index: 0)
    let data: [String: ReceiverDataValue] = ["threadTs": .string("1.2"), "channelId": .string("C1"),
                                             "count": .int(7), "ratio": .double(0.5)]

    static func hex(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        var i = s.startIndex
        while i < s.endIndex {
            let j = s.index(i, offsetBy: 2)
            out.append(UInt8(s[i..<j], radix: 16)!)
            i = j
        }
        return out
    }

    /// The delimited MeshEntry, field by field: group_key "g"; receiver {"r", "slack"};
    /// timestamp 1700000000 s; one field-8 entry per key in key order, each `{1: key,
    /// 2: ReceiverDataValue}` with str_val (1, bytes), int_val (2, varint) or double_val
    /// (3, fixed64); expires_at 1700003600 s. (Go writes map entries in any order.)
    static let vector = hex(
        "68" + "0a5e" + "0a0167" + "120a" + "0a0172" + "1205736c61636b" + "2a06" + "0880e2cfaa06"
            + "4211" + "0a096368616e6e656c4964" + "1204" + "0a024331"
            + "420b" + "0a05636f756e74" + "1202" + "1007"
            + "4212" + "0a05726174696f" + "1209" + "19000000000000e03f"
            + "4211" + "0a087468726561645473" + "1205" + "0a03312e32"
            + "1206" + "0890fecfaa06")

    func test_receiverData_logged_snapshotBytesAreTheProtobufVector() {
        var st = NotificationLogState(retention: 3600)
        XCTAssertNotNil(st.log(receiver: recv, groupKey: "g", firing: [], resolved: [], receiverData: data, expiry: 0, now: t0))
        XCTAssertEqual(st.snapshot(), Self.vector)
    }

    func test_receiverData_snapshotLoaded_queryReturnsEveryValue() throws {
        var st = NotificationLogState(retention: 3600)
        XCTAssertEqual(try st.load(Self.vector), 1)
        XCTAssertEqual(st.query(receiver: recv, groupKey: "g")?.receiverData, data)
    }

    func test_receiverData_nextLogWithout_replacesThePreviousData() {
        var st = NotificationLogState(retention: 3600)
        _ = st.log(receiver: recv, groupKey: "g", firing: [1], resolved: [], receiverData: data, expiry: 0, now: t0)
        _ = st.log(receiver: recv, groupKey: "g", firing: [], resolved: [1], expiry: 0, now: t0.addingTimeInterval(1))
        XCTAssertEqual(st.query(receiver: recv, groupKey: "g")?.receiverData, [:])
    }

    func test_receiverData_mergedFromPeer_keptWithFieldsThisVersionDoesNotKnow() throws {
        // A newer peer's entry: receiver data plus an unknown field 9 (varint 5) in the entry.
        var m = try Delimited.read(Self.vector, as: Nflogpb_MeshEntry.self)[0]
        try m.entry.merge(serializedBytes: [0x48, 0x05])
        let bytes = try Delimited.write(m)
        let store = NotificationLogStore(retention: 3600)
        XCTAssertEqual(try store.merge(bytes, now: t0), 1)
        XCTAssertEqual(store.query(receiver: recv, groupKey: "g")?.receiverData, data)
        // Re-gossiped and snapshotted unchanged.
        XCTAssertEqual(store.snapshot(), bytes)
    }

    func test_receiverData_valueWithoutOneof_isSkipped() throws {
        var m = try Delimited.read(Self.vector, as: Nflogpb_MeshEntry.self)[0]
        m.entry.receiverData["empty"] = Nflogpb_ReceiverDataValue()
        var st = NotificationLogState(retention: 3600)
        XCTAssertTrue(st.merge(m, now: t0))
        XCTAssertEqual(st.query(receiver: recv, groupKey: "g")?.receiverData, data)
    }
}
