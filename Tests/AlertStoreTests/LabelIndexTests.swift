import AlertCore
import AlertStore
import Foundation
import TestKit
import XCTest

/// The store's label-pair index answers equality lookups exactly as a scan would, through
/// puts, updates, deletes and GC (which move alerts inside a shard).
final class LabelIndexTests: XCTestCase {
    /// Every stored alert carrying all `pairs`, found by scanning.
    func scan(_ store: InMemoryAlerts, _ pairs: [(name: String, value: String)]) -> Set<Fingerprint> {
        Set(store.snapshot().filter { a in pairs.allSatisfy { a.labels[$0.name] == $0.value } }.map(\.fingerprint))
    }

    func indexed(_ store: InMemoryAlerts, _ pairs: [(name: String, value: String)]) -> Set<Fingerprint> {
        var out = Set<Fingerprint>()
        for shard in 0..<store.shardCount {
            for e in store.entries(inShard: shard, carrying: pairs) {
                XCTAssertEqual(e.fingerprint, e.alert.fingerprint)
                XCTAssertTrue(out.insert(e.fingerprint).inserted, "an alert listed twice")
            }
        }
        return out
    }

    /// Checks every lookup a filter could make on these alerts: single pairs, pairs of
    /// pairs, and a pair nobody carries.
    func assertIndexMatchesScan(_ store: InMemoryAlerts, file: StaticString = #filePath, line: UInt = #line) {
        let queries: [[(name: String, value: String)]] = [
            [("alertname", "A")], [("alertname", "B")], [("team", "db")], [("team", "web")],
            [("alertname", "A"), ("team", "db")], [("team", "web"), ("alertname", "B")],
            [("n", "7")], [("n", "7"), ("alertname", "A")], [("alertname", "nobody")],
        ]
        for q in queries {
            XCTAssertEqual(indexed(store, q), scan(store, q), "\(q)", file: file, line: line)
        }
    }

    func makeAlerts(_ range: Range<Int>, clock: ManualClock, ttl: TimeInterval = 300) -> [Alert] {
        range.map { i in
            makeAlert(["alertname": i % 3 == 0 ? "A" : "B", "team": i % 2 == 0 ? "db" : "web", "n": "\(i)"],
                      startsAt: clock.now(), endsAt: clock.now() + ttl)
        }
    }

    func test_equalityLookup_afterPuts_listsExactlyTheAlertsCarryingThePairs() {
        let clock = ManualClock()
        let store = InMemoryAlerts(shardCount: 2)
        store.put(makeAlerts(0..<200, clock: clock), now: clock.now())
        assertIndexMatchesScan(store)
        XCTAssertEqual(indexed(store, [("alertname", "A"), ("team", "db")]).count, 34)
    }

    func test_equalityLookup_afterDeletesInTheMiddle_movedAlertsStayFindable() {
        let clock = ManualClock()
        let store = InMemoryAlerts(shardCount: 1)
        let alerts = makeAlerts(0..<100, clock: clock)
        store.put(alerts, now: clock.now())
        for k in stride(from: 0, to: 100, by: 7) { store.delete(alerts[k].fingerprint) }
        assertIndexMatchesScan(store)
        XCTAssertEqual(indexed(store, [("n", "7")]), [])
        XCTAssertEqual(indexed(store, [("n", "8")]), [alerts[8].fingerprint])
    }

    func test_equalityLookup_afterUpdates_alertsListedOnceWithTheirNewestVersion() {
        let clock = ManualClock()
        let store = InMemoryAlerts(shardCount: 2)
        store.put(makeAlerts(0..<50, clock: clock), now: clock.now())
        clock.advance(by: 60)
        store.put(makeAlerts(0..<50, clock: clock, ttl: 600), now: clock.now())
        assertIndexMatchesScan(store)
        for shard in 0..<store.shardCount {
            for e in store.entries(inShard: shard, carrying: [("team", "db")]) {
                XCTAssertEqual(e.alert.endsAt, clock.now() + 600)
            }
        }
    }

    func test_equalityLookup_afterGC_resolvedAlertsGoneOthersFound() {
        let clock = ManualClock()
        let store = InMemoryAlerts(shardCount: 1)
        store.put(makeAlerts(0..<60, clock: clock, ttl: 100), now: clock.now())
        store.put(makeAlerts(60..<120, clock: clock, ttl: 1000), now: clock.now())
        clock.advance(by: 200)
        XCTAssertEqual(store.collectGarbage(now: clock.now()).count, 60)
        assertIndexMatchesScan(store)
        XCTAssertEqual(indexed(store, [("alertname", "A")]).count, 20)
        // Re-firing after GC reuses the freed positions.
        store.put(makeAlerts(0..<30, clock: clock), now: clock.now())
        assertIndexMatchesScan(store)
        XCTAssertEqual(store.count, 90)
    }

    func test_equalityLookup_noPairs_listsEveryAlert() {
        let clock = ManualClock()
        let store = InMemoryAlerts(shardCount: 4)
        store.put(makeAlerts(0..<40, clock: clock), now: clock.now())
        XCTAssertEqual(indexed(store, []), Set(store.snapshot().map(\.fingerprint)))
    }

    func test_pairIndex_valueBoundary_nameAndValueNotConfused() {
        // "ab"="c" and "a"="bc" are different pairs.
        var index = LabelPairIndex()
        index.insert(["ab": "c"], at: 0)
        XCTAssertNil(index.posting(name: "a", value: "bc"))
        XCTAssertEqual(index.posting(name: "ab", value: "c")?.count, 1)
        index.remove(["ab": "c"], at: 0)
        XCTAssertEqual(index.keyCount, 0)
    }
}
