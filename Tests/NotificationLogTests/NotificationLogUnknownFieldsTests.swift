import Foundation
import NotificationLog
import SwiftProtobuf
import TestKit
import Wire
import XCTest

/// A newer Alertmanager's notification log entry passes through Tocsin unchanged: a merged
/// entry is snapshotted and gossiped as the bytes it got (0.34's `receiver_data`, field 8, is
/// read too; a field still unknown is kept: `ReceiverDataTests`).
final class NotificationLogUnknownFieldsTests: XCTestCase {
    private func varint(_ v: UInt64) -> [UInt8] { ProtobufBytes.varint(v) }
    private func bytesField(_ n: UInt64, _ body: [UInt8]) -> [UInt8] { ProtobufBytes.bytesField(n, body) }
    private func string(_ n: UInt64, _ s: String) -> [UInt8] { ProtobufBytes.string(n, s) }
    private func timestamp(_ n: UInt64, _ seconds: UInt64) -> [UInt8] { ProtobufBytes.timestamp(n, seconds) }

    /// A 0.34 `MeshEntry` as gogo writes it, with one `receiver_data` entry.
    private func meshEntry034() -> [UInt8] {
        let receiver = string(1, "team-X") + string(2, "slack") + varint(3 << 3) + varint(1)
        var entry = string(1, #"{}:{alertname="Foo"}"#) + bytesField(2, receiver)
        entry += timestamp(5, 1_700_000_000)
        entry += bytesField(6, varint(0x1234_5678_9abc) + varint(42))        // packed firing_alerts
        entry += bytesField(8, string(1, "threadTs") + bytesField(2, string(1, "1700000000.000100")))
        return bytesField(1, entry) + timestamp(2, 1_700_432_000)
    }

    func test_merge_entryWithNewerField_snapshotHoldsTheSameBytes() throws {
        let bytes = meshEntry034()
        var delimited = varint(UInt64(bytes.count))
        delimited += bytes
        let messages = try NotificationLogState.decode(delimited)
        var state = NotificationLogState(retention: 120 * 3600)
        XCTAssertTrue(state.merge(messages[0], now: Date(timeIntervalSince1970: 1_700_000_100)))
        XCTAssertEqual(state.allEntries.first?.firingAlerts, [0x1234_5678_9abc, 42])
        XCTAssertEqual(state.allEntries.first?.receiverData, ["threadTs": .string("1700000000.000100")])
        XCTAssertEqual(state.snapshot(), delimited)
    }
}
