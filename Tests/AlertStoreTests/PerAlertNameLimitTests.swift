import AlertCore
import AlertStore
import Foundation
import Synchronization
import TestKit
import XCTest

/// `--alerts.per-alertname-limit` in the store (Alertmanager's `store.Alerts` with `limit.Bucket`).
final class PerAlertNameLimitTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    private func firing(_ name: String, _ n: Int, end: TimeInterval = 300) -> Alert {
        makeAlert(["alertname": name, "n": "\(n)"], startsAt: t0, endsAt: t0 + end)
    }

    func test_put_thirdAlertOfNameWithLimitTwo_isDroppedAndReported() {
        let limited = Mutex<[String]>([])
        let store = InMemoryAlerts(perAlertNameLimit: 2) { a in limited.withLock { $0.append(a.labels.value("n")) } }
        let (stored, refused) = store.put([firing("A", 1), firing("A", 2), firing("A", 3), firing("B", 1)], now: t0, maxAlerts: 0)
        XCTAssertEqual(stored.count, 3)
        XCTAssertEqual(refused, [], "a limited alert is dropped, not refused: the request succeeds")
        XCTAssertNil(store.get(firing("A", 3).fingerprint))
        XCTAssertNotNil(store.get(firing("B", 1).fingerprint), "each alert name has its own limit")
        XCTAssertEqual(limited.withLock { $0 }, ["3"])
    }

    func test_put_updateOfCountedAlertAtLimit_isStored() {
        let store = InMemoryAlerts(perAlertNameLimit: 1)
        store.put([firing("A", 1)], now: t0)
        let update = makeAlert(["alertname": "A", "n": "1"], annotations: ["x": "y"], startsAt: t0, endsAt: t0 + 600)
        store.put([update], now: t0 + 10)
        XCTAssertEqual(store.get(update.fingerprint)?.annotations.value("x"), "y")
    }

    func test_put_newAlertWhenCountedOneHasEnded_takesItsPlace() {
        let store = InMemoryAlerts(perAlertNameLimit: 1)
        store.put([firing("A", 1, end: 60)], now: t0)
        store.put([firing("A", 2)], now: t0 + 30)
        XCTAssertNil(store.get(firing("A", 2).fingerprint), "the first alert is still firing at 30 s")
        store.put([firing("A", 2)], now: t0 + 61)
        XCTAssertNotNil(store.get(firing("A", 2).fingerprint), "the first alert ended at 60 s")
        store.put([firing("A", 3)], now: t0 + 62)
        XCTAssertNil(store.get(firing("A", 3).fingerprint), "the second one now holds the only place")
    }

    func test_collectGarbage_afterEveryAlertOfNameEnded_freesTheName() {
        let store = InMemoryAlerts(perAlertNameLimit: 1)
        store.put([firing("A", 1, end: 60)], now: t0)
        store.collectGarbage(now: t0 + 120)
        XCTAssertEqual(store.count, 0)
        store.put([firing("A", 2)], now: t0 + 121)
        XCTAssertNotNil(store.get(firing("A", 2).fingerprint))
    }

    func test_put_limitZero_storesEverything() {
        let store = InMemoryAlerts(perAlertNameLimit: 0)
        store.put((0..<100).map { firing("A", $0) }, now: t0)
        XCTAssertEqual(store.count, 100)
    }
}
