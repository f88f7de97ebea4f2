import AlertCore
@testable import AlertDispatch
import Foundation
import TestKit
import XCTest

final class AggregationGroupTests: XCTestCase {
    private let route = tree(groupBy: ["alertname"], wait: 30, interval: 300)

    private func group(createdAt: Double = 0) -> AggregationGroup {
        AggregationGroup(route: route, labels: ["alertname": "A"], now: at(createdAt))
    }

    func test_newGroup_firesAtCreationPlusGroupWait() {
        var g = group(createdAt: 10)
        g.insert(alert("A", start: 10), now: at(10))
        XCTAssertEqual(g.nextFire, at(40))
    }

    func test_insert_alertOlderThanGroupWait_firesImmediately() {
        var g = group(createdAt: 100)
        XCTAssertTrue(g.insert(alert("A", start: 50), now: at(100)))
        XCTAssertEqual(g.nextFire, at(100))
    }

    func test_insert_alertExactlyGroupWaitOld_doesNotFireImmediately() {
        // Alertmanager uses a strict Before: startsAt + group_wait must be before now.
        var g = group(createdAt: 30)
        XCTAssertFalse(g.insert(alert("A", start: 0), now: at(30)))
        XCTAssertEqual(g.nextFire, at(60))
    }

    func test_insert_oldAlertBeforeFirstFlushOnLaterInsert_firesImmediately() {
        // 0.25 applies the rule on every insert before the first flush, not only at creation.
        var g = group(createdAt: 0)
        g.insert(alert("A", start: 0), now: at(0))
        XCTAssertTrue(g.insert(alert("A", ["x": "1"], start: -100, received: 5), now: at(5)))
        XCTAssertEqual(g.nextFire, at(5))
    }

    func test_insert_oldAlertAfterFirstFlush_keepsGroupInterval() {
        var g = group(createdAt: 0)
        g.insert(alert("A", start: 0), now: at(0))
        _ = g.timerFired(now: at(30))
        XCTAssertFalse(g.insert(alert("A", ["x": "1"], start: -1000, received: 40), now: at(40)))
        XCTAssertEqual(g.nextFire, at(330))
    }

    func test_timerFired_setsNextToGroupIntervalBeforeFlushCompletes() {
        var g = group()
        g.insert(alert("A", start: 0), now: at(0))
        let flush = g.timerFired(now: at(30))
        XCTAssertNotNil(flush)
        XCTAssertEqual(g.nextFire, at(330))
        XCTAssertTrue(g.isFlushing)
        XCTAssertTrue(g.hasFlushed)
    }

    func test_timerFired_emptyGroup_noFlushButRescheduled() {
        var g = group()
        XCTAssertNil(g.timerFired(now: at(30)))
        XCTAssertEqual(g.nextFire, at(330))
        XCTAssertFalse(g.isFlushing)
    }

    func test_flush_carriesRouteContextAndTickTime() {
        let r = Route(root: RouteSpec(receiver: "team-x", groupBy: ["alertname"], groupWait: 1, groupInterval: 7,
                                      repeatInterval: 99, activeTimeIntervals: ["work"]))
        var g = AggregationGroup(route: r, labels: ["alertname": "A"], now: at(0))
        g.insert(alert("A", start: 0), now: at(0))
        let f = g.timerFired(now: at(1))
        XCTAssertEqual(f?.groupKey, #"{}:{alertname="A"}"#)
        XCTAssertEqual(f?.receiver, "team-x")
        XCTAssertEqual(f?.repeatInterval, 99)
        XCTAssertEqual(f?.groupInterval, 7)
        XCTAssertEqual(f?.activeTimeIntervals, ["work"])
        XCTAssertEqual(f?.now, at(1))
    }

    func test_flush_firingAlertWithFutureEndsAt_presentedWithZeroEndsAt() {
        var g = group()
        g.insert(alert("A", start: 0, end: 100), now: at(0))
        g.insert(alert("A", ["i": "2"], start: 0, end: 20), now: at(0))
        let f = g.timerFired(now: at(30))
        let byI = Dictionary(uniqueKeysWithValues: (f?.alerts ?? []).map { ($0.labels.value("i"), $0.endsAt) })
        XCTAssertEqual(byI[""], .goZero)
        XCTAssertEqual(byI["2"], at(20), "resolved alerts keep their endsAt")
    }

    func test_flush_order_jobThenInstanceThenLabelSetBefore() {
        var g = group()
        let inputs: [[String: String]] = [
            ["z": "1"],                          // neither job nor instance, one extra label
            ["instance": "b"],
            ["job": "b"],
            ["job": "a", "instance": "2"],
            ["job": "a", "instance": "1"],
            ["instance": "a"],
            ["y": "1"],
            ["job": "a"],
        ]
        for l in inputs { g.insert(alert("A", l, start: 0), now: at(0)) }
        let order = (g.timerFired(now: at(30))?.alerts ?? []).map { a in
            a.labels.labels.filter { $0.name != "alertname" }.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
        }
        // Go's Before: equal sizes, the set lacking the smaller name ("y" < "z") comes first.
        XCTAssertEqual(order, ["instance=1,job=a", "instance=2,job=a", "job=a", "job=b",
                               "instance=a", "instance=b", "z=1", "y=1"])
    }

    func test_labelSetBefore_mirrorsPrometheus() {
        XCTAssertTrue(AlertOrder.labelSetBefore(["a": "1"], ["a": "1", "b": "1"]), "fewer labels first")
        XCTAssertTrue(AlertOrder.labelSetBefore(["b": "1"], ["a": "1"]), "the set lacking the smaller name first")
        XCTAssertFalse(AlertOrder.labelSetBefore(["a": "1"], ["b": "1"]))
        XCTAssertTrue(AlertOrder.labelSetBefore(["a": "1"], ["a": "2"]))
        XCTAssertFalse(AlertOrder.labelSetBefore(["a": "1"], ["a": "1"]))
    }

    func test_flushCompleted_success_deletesResolvedAlert() {
        var g = group()
        g.insert(alert("A", start: 0, end: 10), now: at(0))
        let f = g.timerFired(now: at(30))
        g.flushCompleted(success: true, flushed: f?.alerts ?? [], now: at(31))
        XCTAssertTrue(g.isEmpty)
    }

    func test_flushCompleted_failure_keepsResolvedAlert() {
        var g = group()
        g.insert(alert("A", start: 0, end: 10), now: at(0))
        let f = g.timerFired(now: at(30))
        g.flushCompleted(success: false, flushed: f?.alerts ?? [], now: at(31))
        XCTAssertEqual(g.alertCount, 1)
        XCTAssertNotNil(g.timerFired(now: at(330)), "retried at the next group_interval")
    }

    func test_flushCompleted_success_keepsFiringAlerts() {
        var g = group()
        g.insert(alert("A", start: 0), now: at(0))
        let f = g.timerFired(now: at(30))
        g.flushCompleted(success: true, flushed: f?.alerts ?? [], now: at(31))
        XCTAssertEqual(g.alertCount, 1)
    }

    func test_flushCompleted_alertRefiredDuringFlush_isKept() {
        var g = group()
        g.insert(alert("A", start: 0, end: 10), now: at(0))
        let f = g.timerFired(now: at(30))
        // While the flush runs the alert fires again: a new version with a later updatedAt.
        let refired = alert("A", start: 31, received: 31)
        g.insert(refired, now: at(31))
        g.flushCompleted(success: true, flushed: f?.alerts ?? [], now: at(32))
        XCTAssertEqual(g.alert(refired.fingerprint)?.startsAt, at(31))
    }

    func test_flushCompleted_alertResolvedAfterFlushStarted_isKeptForNextFlush() {
        // The flushed copy was firing (endsAt zero), so it is not deleted even though the stored
        // version has resolved by completion time.
        var g = group()
        g.insert(alert("A", start: 0, end: 30.5), now: at(0))
        let f = g.timerFired(now: at(30))
        g.flushCompleted(success: true, flushed: f?.alerts ?? [], now: at(31))
        XCTAssertEqual(g.alertCount, 1)
        XCTAssertEqual(g.timerFired(now: at(330))?.alerts.first?.endsAt, at(30.5))
    }

    func test_timerFired_duringRunningFlush_firesOnCompletionWithOriginalTick() {
        var g = group()
        g.insert(alert("A", start: 0), now: at(0))
        let first = g.timerFired(now: at(30))
        XCTAssertNil(g.timerFired(now: at(330)), "no second flush while the first runs")
        g.flushCompleted(success: true, flushed: first?.alerts ?? [], now: at(400))
        XCTAssertEqual(g.nextFire, at(330), "due right away")
        let second = g.timerFired(now: at(400))
        XCTAssertEqual(second?.now, at(330))
        XCTAssertEqual(g.nextFire, at(700), "next measured from when it actually fired")
    }
}
