import AlertCore
import AlertStore
import Foundation
import Silences
import TestKit
import XCTest

final class SilencerTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func test_mutes_activeMatching_marksSilencedBy() throws {
        let clock = ManualClock(t0)
        let sils = SilenceStore(retention: 3600, clock: clock)
        let store = InMemoryAlerts()
        let marker = store.marker
        let silencer = Silencer(silences: sils, marker: marker, clock: clock)
        let labels = LabelSet(["alertname": "A", "env": "prod"])
        store.put([Alert(labels: labels, startsAt: t0)], now: t0)
        XCTAssertFalse(silencer.mutes(labels))
        let id = try sils.set(Silence(matchers: [try Matcher(.equal, "env", "prod")], startsAt: t0, endsAt: t0 + 60, createdBy: "a", comment: ""))
        XCTAssertTrue(silencer.mutes(labels))
        XCTAssertEqual(marker.status(labels.fingerprint)?.silencedBy, [id])
        XCTAssertFalse(silencer.mutes(LabelSet(["alertname": "A", "env": "dev"])))
        try sils.expire(id)
        XCTAssertFalse(silencer.mutes(labels))
        XCTAssertEqual(marker.state(labels.fingerprint), .active)
    }

    func test_evaluate_cachedStatus_agreesWithMutesAndLeavesMarkerAlone() throws {
        let clock = ManualClock(t0)
        let sils = SilenceStore(retention: 3600, clock: clock)
        let store = InMemoryAlerts()
        let marker = store.marker
        let silencer = Silencer(silences: sils, marker: marker, clock: clock)
        let labels = LabelSet(["alertname": "A", "env": "prod"])
        store.put([Alert(labels: labels, startsAt: t0)], now: t0)
        let active = try sils.set(Silence(matchers: [try Matcher(.equal, "env", "prod")], startsAt: t0, endsAt: t0 + 60, createdBy: "a", comment: ""))
        let pending = try sils.set(Silence(matchers: [try Matcher(.equal, "alertname", "A")], startsAt: t0 + 10, endsAt: t0 + 60, createdBy: "a", comment: ""))
        let fresh = silencer.evaluate(labels, cached: nil)
        XCTAssertEqual(fresh.active, [active])
        XCTAssertEqual(fresh.pending, [pending])
        XCTAssertEqual(fresh.version, sils.version)
        XCTAssertNil(marker.status(labels.fingerprint), "evaluate must not write the marker")
        // With a status cached at the current version only the cached IDs are re-checked.
        var cached = AlertStatus()
        cached.silenceVersion = sils.version
        cached.silencedBy = [active]
        cached.pendingSilences = [pending]
        clock.advance(by: 10)
        XCTAssertEqual(Set(silencer.evaluate(labels, cached: cached).active), [active, pending])
        cached.silencedBy = []
        cached.pendingSilences = []
        XCTAssertEqual(silencer.evaluate(labels, cached: cached).active, [], "cached no-match at this version")
        XCTAssertTrue(silencer.mutes(labels))
    }

    func test_mutes_pendingBecomesActive_withoutNewVersion() throws {
        let clock = ManualClock(t0)
        let sils = SilenceStore(retention: 3600, clock: clock)
        let silencer = Silencer(silences: sils, marker: InMemoryAlerts().marker, clock: clock)
        let labels = LabelSet(["alertname": "A"])
        _ = try sils.set(Silence(matchers: [try Matcher(.equal, "alertname", "A")], startsAt: t0 + 10, endsAt: t0 + 60, createdBy: "a", comment: ""))
        XCTAssertFalse(silencer.mutes(labels))
        clock.advance(by: 10)
        XCTAssertTrue(silencer.mutes(labels))
        clock.advance(by: 50)
        XCTAssertFalse(silencer.mutes(labels))
    }
}

/// `--silences.max-silences` and `--silences.max-silence-size-bytes`, with Alertmanager
/// 0.28's rules and texts.
final class SilenceLimitTests: XCTestCase {
    func silence(_ value: String, comment: String = "c", now: Date) throws -> Silence {
        Silence(id: "", matchers: [try Matcher(.equal, "alertname", value)],
                startsAt: now, endsAt: now.addingTimeInterval(3600), createdBy: "me", comment: comment)
    }

    func test_maxSilences_createBeyondLimit_refusedUpdateStillAllowed() throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_700_000_000))
        let store = SilenceStore(retention: 3600, clock: clock)
        store.limits = .init(maxSilences: 2)
        let first = try store.set(try silence("a", now: clock.now()))
        _ = try store.set(try silence("b", now: clock.now()))
        XCTAssertThrowsError(try store.set(try silence("c", now: clock.now()))) { error in
            XCTAssertEqual((error as? SilenceError)?.message, "exceeded maximum number of silences: 2 (limit: 2)")
            XCTAssertEqual((error as? SilenceError)?.kind, .invalid)
        }
        // Expired silences count too; an in-place update does not need room.
        var update = try XCTUnwrap(store.get(first))
        update.comment = "longer comment"
        XCTAssertEqual(try store.set(update), first)
        XCTAssertEqual(store.all().count, 2)
    }

    func test_maxSilenceSize_bigSilence_refusedWithItsSizeAndNothingChanged() throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_700_000_000))
        let store = SilenceStore(retention: 3600, clock: clock)
        store.limits = .init(maxSilenceSizeBytes: 200)
        _ = try store.set(try silence("small", now: clock.now()))
        XCTAssertThrowsError(try store.set(try silence("big", comment: String(repeating: "x", count: 300), now: clock.now()))) { error in
            let message = (error as? SilenceError)?.message ?? ""
            XCTAssertTrue(message.hasPrefix("silence exceeded maximum size: "), message)
            XCTAssertTrue(message.hasSuffix(" bytes (limit: 200 bytes)"), message)
        }
        XCTAssertEqual(store.all().count, 1)
    }
}
