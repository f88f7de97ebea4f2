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

    func test_marker_reevaluate_passesCachedRecordsBothSidesKeepsMutedBy() {
        let m = AlertMarker()
        let a = LabelSet(["a": "1"]).fingerprint, b = LabelSet(["a": "2"]).fingerprint
        m.setMuted(a, by: ["weekend"])
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

    func test_marker_silencedAndInhibited_stateSuppressed() {
        let m = AlertMarker()
        let fp = LabelSet(["a": "1"]).fingerprint
        XCTAssertEqual(m.state(fp), .unprocessed)
        m.setSilenced(fp, version: 1, active: ["b", "a"], pending: [])
        XCTAssertEqual(m.status(fp)?.silencedBy, ["a", "b"])
        XCTAssertEqual(m.state(fp), .suppressed)
        m.setSilenced(fp, version: 2, active: [], pending: [])
        XCTAssertEqual(m.state(fp), .active)
        m.setInhibited(fp, by: ["x"])
        XCTAssertEqual(m.state(fp), .suppressed)
        m.delete(fp)
        XCTAssertEqual(m.state(fp), .unprocessed)
    }
}
