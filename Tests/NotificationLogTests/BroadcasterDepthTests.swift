import Foundation
import NotificationLog
import Synchronization
import XCTest

/// The broadcaster is called at the same stack depth for the 500th entry as for the first
/// (a bare closure read out of a `Mutex` came back wrapped in two more thunks on every read;
/// see `SilencesTests/ChangeHookDepthTests`).
final class BroadcasterDepthTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func test_notificationLogBroadcaster_manyEntries_calledAtConstantDepth() {
        let log = NotificationLogStore(retention: 3600)
        let depths = Mutex<[Int]>([])
        log.setBroadcaster { _ in depths.withLock { $0.append(Thread.callStackReturnAddresses.count) } }
        let receiver = NotificationLogReceiver(groupName: "r", integration: "webhook", index: 0)
        for i in 0..<500 {
            log.log(receiver: receiver, groupKey: "{}:{g=\"\(i)\"}", firing: [1], resolved: [], expiry: 3600, now: t0)
        }
        let seen = depths.withLock { $0 }
        XCTAssertEqual(seen.count, 500)
        XCTAssertEqual(seen.last, seen.first, "the broadcaster ran \((seen.last ?? 0) - (seen.first ?? 0)) frames deeper after 500 entries")
    }
}
