import AlertCore
import Foundation
import TestKit
import XCTest

/// The marker's packed status and where the store keeps it (in the alert's table slot).
final class PackedStatusTests: XCTestCase {
    func test_slot_alertPlusMark_noLargerThanTheAlert() {
        // The mark fills the alert's padding: if `Alert` grows past its 49 bytes (the URL is
        // a byte array, not a 16-byte `String`), or the mark fields are reordered, every
        // stored alert costs 8 bytes more in the store and 8 more in its group.
        XCTAssertEqual(MemoryLayout<Alert>.size, 49)
        XCTAssertEqual(MemoryLayout<AlertTable.Slot>.stride, 56)
        XCTAssertEqual(MemoryLayout<AlertTable.Slot>.stride, MemoryLayout<Alert>.stride)
        XCTAssertEqual(MemoryLayout<PackedStatus>.size, 16)
    }

    func test_packed_roundTrip_keepsEveryList() {
        var s = AlertStatus()
        s.silencedBy = ["a", "b"]
        s.inhibitedBy = ["00000000000000ff"]
        s.mutedBy = ["weekend"]
        s.pendingSilences = ["p"]
        s.silenceVersion = 7
        XCTAssertEqual(PackedStatus(s).status, s)
        XCTAssertEqual(PackedStatus(AlertStatus()).status, AlertStatus())
        var pendingOnly = AlertStatus()
        pendingOnly.pendingSilences = ["p"]
        pendingOnly.silenceVersion = 0
        XCTAssertEqual(PackedStatus(pendingOnly).status, pendingOnly)
        XCTAssertEqual(PackedStatus(pendingOnly).status.state, .active)
    }

    func test_packed_versionOutOfRange_readsAsNeverChecked() {
        // A version that does not fit must not come back as a smaller one that a later
        // silences state could have (a stale cache hit): it reads back as -1.
        var s = AlertStatus()
        s.silenceVersion = Int(UInt32.max)
        XCTAssertEqual(PackedStatus(s).status.silenceVersion, Int(UInt32.max))
        s.silenceVersion = Int(UInt32.max) + 1
        XCTAssertEqual(PackedStatus(s).status.silenceVersion, -1)
        s.silenceVersion = -5
        XCTAssertEqual(PackedStatus(s).status.silenceVersion, -1)
    }
}
