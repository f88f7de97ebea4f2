import AlertCore
import Foundation
import Silences
import Synchronization
import TestKit
import XCTest

/// The silence store's gossip hook is called at the same stack depth on the 500th change as on the
/// first. A bare closure read out of a `Mutex` came back wrapped in two more reabstraction
/// thunks on every read, so each change ran through all earlier ones' thunks: creating
/// silences in a cluster slowed as they accumulated (issue #19, finding 12), and the thunks
/// were never freed.
final class ChangeHookDepthTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func test_silenceChangeHook_manyChanges_calledAtConstantDepth() throws {
        let silences = SilenceStore(retention: 3600, clock: ManualClock(t0))
        let depths = Mutex<[Int]>([])
        silences.setOnChange { _ in depths.withLock { $0.append(Thread.callStackReturnAddresses.count) } }
        for i in 0..<500 {
            let s = Silence(matchers: [try Matcher(.equal, "job", "j\(i)")], startsAt: t0, endsAt: t0 + 600,
                            createdBy: "me", comment: "c")
            _ = try silences.set(s)
        }
        let seen = depths.withLock { $0 }
        XCTAssertEqual(seen.count, 500)
        XCTAssertEqual(seen.last, seen.first, "the hook ran \((seen.last ?? 0) - (seen.first ?? 0)) frames deeper after 500 changes")
    }
}
