import AlertCore
import AlertStore
import Foundation
import TestKit
import XCTest

final class AlertStoreTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func test_put_newAlert_isStoredUnderItsFingerprint() {
        let store = InMemoryAlerts()
        let a = makeAlert(["alertname": "A"], startsAt: t0, endsAt: t0 + 300)
        store.put([a], now: t0)
        XCTAssertEqual(store.get(a.fingerprint), a)
        XCTAssertEqual(store.count, 1)
    }

    func test_entriesInShard_moreThanOneSlice_everyAlertOnceWithItsFingerprint() {
        // A full listing copies a shard a slice at a time; 5000 alerts take three slices.
        let store = InMemoryAlerts(shardCount: 1)
        let alerts = (0..<5000).map { makeAlert(["alertname": "A", "n": "\($0)"], startsAt: t0, endsAt: t0 + 300) }
        store.put(alerts, now: t0)
        XCTAssertGreaterThan(alerts.count, 2 * InMemoryAlerts.listingSlice)
        var seen: [Fingerprint: Alert] = [:]
        for e in store.entries(inShard: 0, carrying: []) { XCTAssertNil(seen.updateValue(e.alert, forKey: e.fingerprint)) }
        XCTAssertEqual(seen.count, 5000)
        for a in alerts { XCTAssertEqual(seen[a.fingerprint], a) }
    }

    func test_tableSlice_afterARemoval_refusesSoTheWalkStartsOver() {
        // A removal moves the last alert into the freed position: a walk that went on would
        // miss it. Adding and updating keep positions, so the walk goes on.
        var table = AlertTable()
        let alerts = (0..<10).map { makeAlert(["alertname": "A", "n": "\($0)"], startsAt: t0, endsAt: t0 + 300) }
        for a in alerts { table[a.fingerprint] = a }
        let since = table.removals
        XCTAssertEqual(table.slice(from: 0, limit: 4, since: since), Array(alerts[0..<4]))
        let extra = makeAlert(["alertname": "B"], startsAt: t0, endsAt: t0 + 300)
        table[extra.fingerprint] = extra
        table[alerts[1].fingerprint] = alerts[1]
        XCTAssertEqual(table.slice(from: 8, limit: 4, since: since), [alerts[8], alerts[9], extra])
        XCTAssertEqual(table.slice(from: 11, limit: 4, since: since), [])
        table[alerts[2].fingerprint] = nil
        XCTAssertNil(table.slice(from: 4, limit: 4, since: since))
        XCTAssertEqual(table.slice(from: 0, limit: 20, since: table.removals)?.count, 10)
    }

    func test_delete_alertsInTheMiddleOfOneShard_othersStayReachableAndUpdatable() {
        let store = InMemoryAlerts(shardCount: 1)
        let alerts = (0..<20).map { makeAlert(["alertname": "A", "n": "\($0)"], startsAt: t0, endsAt: t0 + 300) }
        store.put(alerts, now: t0)
        for k in stride(from: 0, to: 20, by: 3) { XCTAssertEqual(store.delete(alerts[k].fingerprint), alerts[k]) }
        XCTAssertNil(store.delete(alerts[0].fingerprint))
        let kept = alerts.indices.filter { $0 % 3 != 0 }
        XCTAssertEqual(store.count, kept.count)
        for k in kept { XCTAssertEqual(store.get(alerts[k].fingerprint), alerts[k]) }
        let later = makeAlert(["alertname": "A", "n": "1"], annotations: ["x": "y"], startsAt: t0 + 10, endsAt: t0 + 600)
        store.put([later], now: t0 + 10)
        XCTAssertEqual(store.get(later.fingerprint)?.annotations, later.annotations)
        XCTAssertEqual(store.count, kept.count)
        XCTAssertEqual(Set(store.snapshot().map(\.fingerprint)), Set(kept.map { alerts[$0].fingerprint }))
    }

    func test_put_repeatedPushWhileFiring_keepsEarliestStartAndLatestAnnotations() {
        // TestMergeAlerts: a refresh of a firing alert keeps the first startsAt, takes the new annotations.
        let store = InMemoryAlerts()
        let first = makeAlert(["alertname": "A"], annotations: ["v": "1"], startsAt: t0, endsAt: t0 + 300,
                              updatedAt: t0, timeout: true)
        let second = makeAlert(["alertname": "A"], annotations: ["v": "2"], startsAt: t0 + 10, endsAt: t0 + 310,
                               updatedAt: t0 + 10, timeout: true)
        store.put([first], now: t0)
        store.put([second], now: t0 + 10)
        let got = store.get(first.fingerprint)
        XCTAssertEqual(got?.startsAt, t0)
        XCTAssertEqual(got?.annotations["v"], "2")
        XCTAssertEqual(got?.endsAt, t0 + 310)
    }

    func test_put_twoResolvesOfOneAlert_latestResolveTimeWins() {
        // TestMergeAlertsWithEndsAt: of two explicit resolve times the later one is kept.
        let store = InMemoryAlerts()
        let now = t0 + 100
        let firing = makeAlert(["alertname": "A"], startsAt: t0, endsAt: t0 + 300, updatedAt: t0)
        let laterResolve = makeAlert(["alertname": "A"], startsAt: t0, endsAt: t0 + 60, updatedAt: t0 + 50)
        let earlierResolve = makeAlert(["alertname": "A"], startsAt: t0, endsAt: t0 + 30, updatedAt: now)
        store.put([firing], now: t0)
        store.put([laterResolve], now: now)
        store.put([earlierResolve], now: now)
        XCTAssertEqual(store.get(firing.fingerprint)?.endsAt, t0 + 60)
    }

    func test_put_timeoutEndsAtAfterExplicitLaterEnd_explicitEndSurvives() {
        let store = InMemoryAlerts()
        let explicit = makeAlert(["alertname": "A"], startsAt: t0, endsAt: t0 + 600, updatedAt: t0)
        let defaulted = makeAlert(["alertname": "A"], startsAt: t0 + 5, endsAt: t0 + 305, updatedAt: t0 + 5,
                                  timeout: true)
        store.put([explicit], now: t0)
        store.put([defaulted], now: t0 + 5)
        XCTAssertEqual(store.get(explicit.fingerprint)?.endsAt, t0 + 600)
    }

    func test_put_refireAfterResolution_replacesWithNewStart() {
        // No overlap between the resolved alert and the new one: the new one replaces it.
        let store = InMemoryAlerts()
        let resolved = makeAlert(["alertname": "A"], startsAt: t0, endsAt: t0 + 10, updatedAt: t0 + 10)
        let refire = makeAlert(["alertname": "A"], startsAt: t0 + 20, endsAt: t0 + 320, updatedAt: t0 + 20)
        store.put([resolved], now: t0 + 10)
        store.put([refire], now: t0 + 20)
        XCTAssertEqual(store.get(resolved.fingerprint)?.startsAt, t0 + 20)
        XCTAssertEqual(store.get(resolved.fingerprint)?.endsAt, t0 + 320)
    }

    func test_collectGarbage_resolvedAndFiring_deletesOnlyResolvedAndReportsThem() {
        let store = InMemoryAlerts(shardCount: 4)
        let firing = (0..<50).map { makeAlert(["alertname": "F\($0)"], startsAt: t0, endsAt: t0 + 300) }
        let resolved = (0..<30).map { makeAlert(["alertname": "R\($0)"], startsAt: t0, endsAt: t0 + 5) }
        let edge = makeAlert(["alertname": "E"], startsAt: t0, endsAt: t0 + 10)
        store.put(firing + resolved + [edge], now: t0)
        let deleted = store.collectGarbage(now: t0 + 10)
        XCTAssertEqual(Set(deleted.map(\.fingerprint)), Set((resolved + [edge]).map(\.fingerprint)))
        XCTAssertEqual(store.count, 50)
        XCTAssertNil(store.get(edge.fingerprint))
        XCTAssertNotNil(store.get(firing[0].fingerprint))
    }

    func test_countFiring_mixOfResolvedAndFiring_countsOnlyFiring() {
        let store = InMemoryAlerts()
        store.put([
            makeAlert(["a": "1"], startsAt: t0, endsAt: t0 + 300),
            makeAlert(["a": "2"], startsAt: t0, endsAt: t0 + 1),
            makeAlert(["a": "3"], startsAt: t0),
        ], now: t0)
        XCTAssertEqual(store.countFiring(now: t0 + 2), 2)
        let byState = store.countByState(now: t0 + 2)
        XCTAssertEqual(byState, [.active: 0, .suppressed: 0, .unprocessed: 2], "never evaluated: unprocessed")
    }

    func test_snapshot_manyAlertsAcrossShards_returnsEveryAlertOnce() {
        let store = InMemoryAlerts(shardCount: 8)
        let alerts = (0..<1000).map { makeAlert(["alertname": "A", "i": "\($0)"], startsAt: t0) }
        store.put(alerts, now: t0)
        XCTAssertEqual(Set(store.snapshot().map(\.fingerprint)), Set(alerts.map(\.fingerprint)))
        XCTAssertEqual(store.snapshot().count, 1000)
    }

    func test_subscribe_existingAlertsThenNewBatches_yieldsExistingFirstThenMergedNew() async {
        let store = InMemoryAlerts()
        let existing = (0..<5).map { makeAlert(["alertname": "E\($0)"], startsAt: t0, endsAt: t0 + 300) }
        store.put(existing, now: t0)
        let stream = store.subscribe(initialBatch: 2)
        let update = makeAlert(["alertname": "E0"], annotations: ["x": "y"], startsAt: t0 + 10,
                               endsAt: t0 + 400, updatedAt: t0 + 10)
        store.put([update], now: t0 + 10)
        var received: [[Alert]] = []
        for await batch in stream {
            received.append(batch)
            if received.count == 4 { break }
        }
        XCTAssertEqual(received.prefix(3).map(\.count), [2, 2, 1])
        XCTAssertEqual(Set(received.prefix(3).flatMap { $0 }.map(\.fingerprint)), Set(existing.map(\.fingerprint)))
        XCTAssertEqual(received[3].count, 1)
        XCTAssertEqual(received[3][0].startsAt, t0, "subscribers get the merged alert")
        XCTAssertEqual(received[3][0].annotations["x"], "y")
    }

    func test_finishSubscriptions_activeSubscriber_streamEnds() async {
        let store = InMemoryAlerts()
        let stream = store.subscribe()
        XCTAssertEqual(store.subscriberCount, 1)
        store.finishSubscriptions()
        var batches = 0
        for await _ in stream { batches += 1 }
        XCTAssertEqual(batches, 0)
        XCTAssertEqual(store.subscriberCount, 0)
    }
}
