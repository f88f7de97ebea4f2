import AlertCore
import Foundation
import TestKit
import XCTest

/// Alertmanager's `Alert.Merge` and the store's merge-or-replace decision.
final class AlertMergeTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func test_merge_younger_keepsEarliestStartAndYoungerAnnotations() {
        let old = makeAlert(["a": "1"], annotations: ["v": "old"], startsAt: t0, endsAt: t0 + 300, updatedAt: t0, timeout: true)
        let new = makeAlert(["a": "1"], annotations: ["v": "new"], startsAt: t0 + 10, endsAt: t0 + 310, updatedAt: t0 + 10, timeout: true)
        let m = old.storing(new, now: t0 + 10)
        XCTAssertEqual(m.startsAt, t0)
        XCTAssertEqual(m.endsAt, t0 + 310)
        XCTAssertEqual(m.annotations["v"], "new")
    }

    func test_merge_olderExplicitLaterEnd_wins() {
        let old = makeAlert(["a": "1"], startsAt: t0, endsAt: t0 + 600, updatedAt: t0, timeout: false)
        let new = makeAlert(["a": "1"], startsAt: t0 + 5, endsAt: t0 + 300, updatedAt: t0 + 5, timeout: true)
        XCTAssertEqual(old.storing(new, now: t0 + 5).endsAt, t0 + 600)
    }

    func test_merge_olderTimeoutLaterEnd_loses() {
        let old = makeAlert(["a": "1"], startsAt: t0, endsAt: t0 + 600, updatedAt: t0, timeout: true)
        let new = makeAlert(["a": "1"], startsAt: t0 + 5, endsAt: t0 + 300, updatedAt: t0 + 5, timeout: true)
        XCTAssertEqual(old.storing(new, now: t0 + 5).endsAt, t0 + 300)
    }

    func test_merge_bothResolved_latestResolveWins() {
        let old = makeAlert(["a": "1"], startsAt: t0, endsAt: t0 + 20, updatedAt: t0)
        let new = makeAlert(["a": "1"], startsAt: t0 + 1, endsAt: t0 + 10, updatedAt: t0 + 15)
        XCTAssertEqual(old.storing(new, now: t0 + 30).endsAt, t0 + 20)
    }

    func test_store_noOverlap_refireReplaces() {
        let old = makeAlert(["a": "1"], startsAt: t0, endsAt: t0 + 10, updatedAt: t0)
        let new = makeAlert(["a": "1"], startsAt: t0 + 20, endsAt: t0 + 320, updatedAt: t0 + 20, timeout: true)
        let s = old.storing(new, now: t0 + 20)
        XCTAssertEqual(s.startsAt, t0 + 20)
        XCTAssertEqual(s, new)
    }

    func test_isResolved_zeroEnd_isFiring() {
        let a = makeAlert(["a": "1"], startsAt: t0)
        XCTAssertFalse(a.isResolved(at: t0 + 1e9))
        XCTAssertEqual(a.status(at: t0), "firing")
        XCTAssertTrue(makeAlert(["a": "1"], startsAt: t0, endsAt: t0 + 1).isResolved(at: t0 + 1))
    }

    func test_goZero_yearOne_isZero() {
        XCTAssertTrue(Date.goZero.isGoZero)
        XCTAssertFalse(Date(timeIntervalSince1970: 0).isGoZero)
    }
}
