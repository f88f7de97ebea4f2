import AlertCore
import AlertStore
import Foundation
import TestKit
import XCTest

/// The marker's statuses as the store keeps them, beside each alert.
final class AlertMarkerTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func alert(_ v: String, endsAt: Date? = nil) -> Alert {
        makeAlert(["a": v], startsAt: t0, endsAt: endsAt ?? t0 + 300)
    }

    func test_reevaluate_passesCachedRecordsBothSidesKeepsMutedBy() {
        let store = InMemoryAlerts()
        let m = store.marker
        let a = alert("1").fingerprint, b = alert("2").fingerprint
        store.put([alert("1"), alert("2")], now: t0)
        m.setMuted([a], by: ["weekend"])
        m.setSilenced(a, version: 2, active: ["old"], pending: [])
        var seen: [Int: Int] = [:]
        let out = m.reevaluate([a, b]) { i, cached in
            seen[i] = cached?.silenceVersion ?? -100
            return i == 0
                ? MuteEvaluation(inhibitedBy: ["00000000000000ff"], silenceVersion: 3, silencedBy: ["z", "a"], pendingSilences: ["p"])
                : MuteEvaluation(inhibitedBy: [], silenceVersion: 3, silencedBy: [], pendingSilences: [])
        }
        XCTAssertEqual(seen, [0: 2, 1: -100], "each alert's cached status (none for b) is handed in")
        XCTAssertEqual(out, [m.status(a), m.status(b)].compactMap { $0 })
        XCTAssertEqual(out[0].inhibitedBy, ["00000000000000ff"])
        XCTAssertEqual(out[0].silencedBy, ["a", "z"])
        XCTAssertEqual(out[0].pendingSilences, ["p"])
        XCTAssertEqual(out[0].mutedBy, ["weekend"])
        XCTAssertEqual(m.state(a), .suppressed)
        XCTAssertEqual(m.state(b), .active, "a never-evaluated alert is recorded")
    }

    func test_reevaluate_alertsOfManyShards_eachGetsItsOwnResult() {
        let store = InMemoryAlerts(shardCount: 8)
        let alerts = (0..<64).map { alert("\($0)") }
        store.put(alerts, now: t0)
        let fps = alerts.map(\.fingerprint)
        let out = store.marker.reevaluate(fps) { i, _ in
            MuteEvaluation(inhibitedBy: [], silenceVersion: i, silencedBy: i % 2 == 0 ? ["s\(i)"] : [], pendingSilences: [])
        }
        for (i, fp) in fps.enumerated() {
            XCTAssertEqual(out[i].silenceVersion, i)
            XCTAssertEqual(store.marker.status(fp)?.silenceVersion, i)
            XCTAssertEqual(store.marker.state(fp), i % 2 == 0 ? .suppressed : .active)
        }
    }

    func test_silencedAndInhibited_stateSuppressed_untilTheAlertIsDeleted() {
        let store = InMemoryAlerts()
        let m = store.marker
        let fp = alert("1").fingerprint
        store.put([alert("1")], now: t0)
        XCTAssertEqual(m.state(fp), .unprocessed, "never evaluated")
        XCTAssertNil(m.status(fp))
        m.setSilenced(fp, version: 1, active: ["b", "a"], pending: [])
        XCTAssertEqual(m.status(fp)?.silencedBy, ["a", "b"])
        XCTAssertEqual(m.state(fp), .suppressed)
        m.setSilenced(fp, version: 2, active: [], pending: [])
        XCTAssertEqual(m.state(fp), .active)
        m.setInhibited(fp, by: ["x"])
        XCTAssertEqual(m.state(fp), .suppressed)
        store.delete(fp)
        XCTAssertEqual(m.state(fp), .unprocessed)
        store.put([alert("1")], now: t0)
        XCTAssertNil(m.status(fp), "a re-stored alert starts unprocessed, not with the deleted one's status")
    }

    func test_status_survivesUpdatesOfTheSameAlert() {
        let store = InMemoryAlerts()
        let m = store.marker
        let first = alert("1")
        store.put([first], now: t0)
        m.setSilenced(first.fingerprint, version: 4, active: ["s"], pending: [])
        let later = makeAlert(["a": "1"], annotations: ["v": "2"], startsAt: t0 + 10, endsAt: t0 + 600)
        store.put([later], now: t0 + 10)
        XCTAssertEqual(store.get(first.fingerprint)?.annotations, later.annotations, "the alert was updated")
        XCTAssertEqual(m.status(first.fingerprint)?.silencedBy, ["s"])
        XCTAssertEqual(m.status(first.fingerprint)?.silenceVersion, 4)
    }

    func test_status_ofAMovedAlert_followsIt() {
        // Deleting an alert moves the shard's last alert into its position: that alert's
        // status, inline and in the side table, must move with it.
        let store = InMemoryAlerts(shardCount: 1)
        let alerts = (0..<5).map { alert("\($0)") }
        store.put(alerts, now: t0)
        let m = store.marker
        for (i, a) in alerts.enumerated() {
            m.setSilenced(a.fingerprint, version: i, active: i % 2 == 0 ? ["s\(i)"] : [], pending: [])
        }
        store.delete(alerts[0].fingerprint)
        store.delete(alerts[1].fingerprint)
        for i in 2..<5 {
            XCTAssertEqual(m.status(alerts[i].fingerprint)?.silenceVersion, i)
            XCTAssertEqual(m.status(alerts[i].fingerprint)?.silencedBy, i % 2 == 0 ? ["s\(i)"] : [])
        }
    }

    func test_status_goesWithTheAlertAtGarbageCollection() {
        let store = InMemoryAlerts()
        let m = store.marker
        let resolved = alert("r", endsAt: t0 + 5), firing = alert("f")
        store.put([resolved, firing], now: t0)
        m.setInhibited(resolved.fingerprint, by: ["00000000000000ff"])
        m.setInhibited(firing.fingerprint, by: ["00000000000000ff"])
        XCTAssertEqual(store.markedCounts(), [.active: 0, .suppressed: 2, .unprocessed: 0])
        store.collectGarbage(now: t0 + 10)
        XCTAssertNil(m.status(resolved.fingerprint))
        XCTAssertEqual(m.state(firing.fingerprint), .suppressed)
        XCTAssertEqual(store.markedCounts(), [.active: 0, .suppressed: 1, .unprocessed: 0])
    }

    func test_mark_ofAnAlertNotStored_isDropped() {
        // An aggregation group may still flush an alert GC has deleted: no listing can show
        // its status, so none is kept.
        let store = InMemoryAlerts()
        let m = store.marker
        let fp = alert("gone").fingerprint
        m.setMuted([fp], by: ["weekend"])
        m.setSilenced(fp, version: 1, active: ["s"], pending: [])
        XCTAssertNil(m.status(fp))
        XCTAssertEqual(store.markedCounts(), [.active: 0, .suppressed: 0, .unprocessed: 0])
        let out = m.reevaluate([fp]) { _, _ in
            MuteEvaluation(inhibitedBy: ["x"], silenceVersion: 1, silencedBy: [], pendingSilences: [])
        }
        XCTAssertEqual(out.first?.inhibitedBy, ["x"], "the result is still returned")
        XCTAssertNil(m.status(fp))
    }

    func test_countByState_firingAlertsByMarkState_markedCountsEveryMark() {
        let store = InMemoryAlerts(shardCount: 4)
        let alerts = (0..<6).map { alert("\($0)") } + [alert("resolved", endsAt: t0 + 1)]
        store.put(alerts, now: t0)
        let m = store.marker
        m.setSilenced(alerts[0].fingerprint, version: 1, active: ["s"], pending: [])
        m.setMuted([alerts[1].fingerprint], by: ["weekend"])
        m.setSilenced(alerts[2].fingerprint, version: 1, active: [], pending: ["p"])
        m.setSilenced(alerts[3].fingerprint, version: 1, active: [], pending: [])
        m.setSilenced(alerts[6].fingerprint, version: 1, active: ["s"], pending: [])
        XCTAssertEqual(store.countByState(now: t0 + 2), [.active: 2, .suppressed: 2, .unprocessed: 2],
                       "the resolved alert is left out; 4 and 5 were never evaluated")
        XCTAssertEqual(store.markedCounts(), [.active: 2, .suppressed: 3, .unprocessed: 0],
                       "marked alerts, resolved ones too, until GC")
    }

    func test_silenceVersionOutOfRange_neverACacheHit() {
        let store = InMemoryAlerts()
        let a = alert("1")
        store.put([a], now: t0)
        store.marker.setSilenced(a.fingerprint, version: Int(UInt32.max) + 1, active: [], pending: [])
        XCTAssertEqual(store.marker.status(a.fingerprint)?.silenceVersion, -1)
        XCTAssertEqual(store.marker.state(a.fingerprint), .active, "evaluated all the same")
    }
}
