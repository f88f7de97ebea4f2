import AlertCore
import AlertStore
import Foundation
import Inhibition
import TestKit
import XCTest

final class InhibitorTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func rule(_ src: String, _ tgt: String, equal: [String]) throws -> InhibitRule {
        InhibitRule(sourceMatchers: try ClassicMatcherParser.parseMatchers(src),
                    targetMatchers: try ClassicMatcherParser.parseMatchers(tgt), equal: equal)
    }

    func test_mutes_firingSourceEqualLabels_inhibitsAndMarks() throws {
        let clock = ManualClock(t0)
        let store = InMemoryAlerts()
        let marker = store.marker
        let inh = Inhibitor(rules: [try rule("severity=critical", "severity=warning", equal: ["alertname"])], marker: marker, clock: clock)
        let src = makeAlert(["alertname": "A", "severity": "critical"], startsAt: t0, endsAt: t0 + 300)
        inh.ingest([src])
        let target = LabelSet(["alertname": "A", "severity": "warning"])
        store.put([src, Alert(labels: target, startsAt: t0)], now: t0)
        XCTAssertTrue(inh.mutes(target))
        XCTAssertEqual(marker.status(target.fingerprint)?.inhibitedBy, [src.fingerprint.description])
        XCTAssertFalse(inh.mutes(LabelSet(["alertname": "B", "severity": "warning"])))
    }

    func test_inhibitingAlert_returnsSourceWithoutMarkerWrite() throws {
        let store = InMemoryAlerts()
        let marker = store.marker
        let inh = Inhibitor(rules: [try rule("severity=critical", "severity=warning", equal: ["alertname"])], marker: marker, clock: ManualClock(t0))
        let src = makeAlert(["alertname": "A", "severity": "critical"], startsAt: t0, endsAt: t0 + 300)
        inh.ingest([src])
        let target = LabelSet(["alertname": "A", "severity": "warning"])
        store.put([src, Alert(labels: target, startsAt: t0)], now: t0)
        XCTAssertEqual(inh.inhibitingAlert(target), src.fingerprint)
        XCTAssertNil(inh.inhibitingAlert(LabelSet(["alertname": "B", "severity": "warning"])))
        XCTAssertNil(marker.status(target.fingerprint))
        XCTAssertNil(Inhibitor(rules: [], marker: marker, clock: ManualClock(t0)).inhibitingAlert(target))
    }

    func test_mutes_resolvedSource_doesNotInhibit() throws {
        let clock = ManualClock(t0)
        let inh = Inhibitor(rules: [try rule("severity=critical", "severity=warning", equal: [])], marker: InMemoryAlerts().marker, clock: clock)
        inh.ingest([makeAlert(["severity": "critical"], startsAt: t0, endsAt: t0 + 10)])
        XCTAssertTrue(inh.mutes(LabelSet(["severity": "warning"])))
        clock.advance(by: 10)
        XCTAssertFalse(inh.mutes(LabelSet(["severity": "warning"])))
    }

    func test_mutes_missingEqualLabelOnBoth_countsEqual() throws {
        let inh = Inhibitor(rules: [try rule("a=1", "b=1", equal: ["zone"])], marker: InMemoryAlerts().marker, clock: ManualClock(t0))
        inh.ingest([makeAlert(["a": "1"], startsAt: t0, endsAt: t0 + 60)])
        XCTAssertTrue(inh.mutes(LabelSet(["b": "1"])))
        XCTAssertFalse(inh.mutes(LabelSet(["b": "1", "zone": "x"])))
    }

    func test_mutes_alertMatchingBothSides_notInhibitedByItselfOrBothSidedSource() throws {
        // Rule with overlapping sides: every alert with team=x is source and target.
        let inh = Inhibitor(rules: [try rule("team=x", "team=x", equal: [])], marker: InMemoryAlerts().marker, clock: ManualClock(t0))
        let a = makeAlert(["team": "x", "n": "1"], startsAt: t0, endsAt: t0 + 60)
        inh.ingest([a])
        XCTAssertFalse(inh.mutes(a.labels))
        XCTAssertFalse(inh.mutes(LabelSet(["team": "x", "n": "2"])))
    }

    func test_mutes_bothSidesSourceOnlyCandidate_inhibits() throws {
        // Target matches source side too, but a source that does not match the target side may inhibit it.
        let inh = Inhibitor(rules: [try rule("severity=~critical|warning", "severity=warning", equal: [])], marker: InMemoryAlerts().marker, clock: ManualClock(t0))
        inh.ingest([makeAlert(["severity": "critical"], startsAt: t0, endsAt: t0 + 60)])
        XCTAssertTrue(inh.mutes(LabelSet(["severity": "warning"])))
    }

    func test_mutes_noMatchers_inhibitsNothing() throws {
        let inh = Inhibitor(rules: [InhibitRule(sourceMatchers: [], targetMatchers: [], equal: [])], marker: InMemoryAlerts().marker, clock: ManualClock(t0))
        let a = makeAlert(["x": "1"], startsAt: t0, endsAt: t0 + 60)
        inh.ingest([a])
        XCTAssertFalse(inh.mutes(LabelSet(["y": "1"])))
    }

    func test_gc_dropsResolvedSources() throws {
        let clock = ManualClock(t0)
        let inh = Inhibitor(rules: [try rule("a=1", "b=1", equal: [])], marker: InMemoryAlerts().marker, clock: clock)
        inh.ingest([makeAlert(["a": "1"], startsAt: t0, endsAt: t0 + 1)])
        clock.advance(by: 2)
        inh.gc()
        // A re-fire of the same source is indexed again after GC.
        inh.ingest([makeAlert(["a": "1"], startsAt: t0 + 2, endsAt: t0 + 100)])
        XCTAssertTrue(inh.mutes(LabelSet(["b": "1"])))
    }
}
