import AlertCore
@testable import AlertDispatch
import Foundation
import TestKit
import XCTest

final class DispatcherStateTests: XCTestCase {
    func test_ingest_sameGroupLabels_sharesOneGroup() {
        var s = DispatcherState(route: tree(groupBy: ["alertname"]))
        let e1 = s.ingest(alert("A", ["i": "1"], start: 0), now: at(0))
        let e2 = s.ingest(alert("A", ["i": "2"], start: 0), now: at(0))
        let e3 = s.ingest(alert("B", start: 0), now: at(0))
        guard case .groupCreated(let id, #"{}:{alertname="A"}"#) = e1.first else { return XCTFail("\(e1)") }
        XCTAssertEqual(e2, [.inserted(id, groupKey: #"{}:{alertname="A"}"#)])
        guard case .groupCreated(_, #"{}:{alertname="B"}"#) = e3.first else { return XCTFail("\(e3)") }
        XCTAssertEqual(s.aggregationGroupCount, 2)
    }

    func test_ingest_continueRoutes_oneGroupPerMatchedRoute() {
        var tl = Timeline(Route(root: RouteSpec(receiver: "root", groupWait: 1, routes: [
            RouteSpec(receiver: "a", matchers: [eq("team", "x")], continue: true),
            RouteSpec(receiver: "b", matchers: [eq("team", "x")]),
        ])))
        tl.push(0, alert("A", ["team": "x"], start: 0))
        XCTAssertEqual(tl.state.aggregationGroupCount, 2)
        tl.run(until: 1)
        XCTAssertEqual(Set(tl.raw.map(\.receiver)), ["a", "b"])
    }

    func test_identicalSiblingRoutes_keepSeparateGroupsWithSameKey() {
        // Alertmanager keys groups by route identity; the key strings collide.
        var tl = Timeline(Route(root: RouteSpec(receiver: "root", groupWait: 1, routes: [
            RouteSpec(receiver: "a", matchers: [eq("team", "x")], continue: true),
            RouteSpec(receiver: "a", matchers: [eq("team", "x")]),
        ])))
        tl.push(0, alert("A", ["team": "x"], start: 0))
        tl.run(until: 1)
        XCTAssertEqual(tl.flushes.map(\.groupKey), [#"{}/{team="x"}:{}"#, #"{}/{team="x"}:{}"#])
    }

    func test_due_beforeDeadline_returnsNothing() {
        var s = DispatcherState(route: tree(wait: 30))
        s.ingest(alert("A", start: 0), now: at(0))
        XCTAssertTrue(s.due(now: at(29.9)).isEmpty)
        XCTAssertEqual(s.nextDeadline, at(30))
        XCTAssertEqual(s.due(now: at(30)).count, 1)
        XCTAssertEqual(s.nextDeadline, at(35))
    }

    func test_due_groupStillFlushing_firesWhenCompleted() {
        var s = DispatcherState(route: tree(wait: 1, interval: 5))
        s.ingest(alert("A", start: 0), now: at(0))
        let first = s.due(now: at(1))
        XCTAssertEqual(first.count, 1)
        XCTAssertTrue(s.due(now: at(6)).isEmpty, "the flush from 1s is still running")
        XCTAssertNil(s.nextDeadline)
        s.completed(first[0].groupID, success: true, alerts: first[0].flush.alerts, now: at(8))
        XCTAssertEqual(s.nextDeadline, at(6))
        let second = s.due(now: at(8))
        XCTAssertEqual(second.map(\.flush.now), [at(6)])
        XCTAssertEqual(s.nextDeadline, at(13))
    }

    func test_maintenance_removesOnlyEmptyIdleGroups() {
        var s = DispatcherState(route: tree(groupBy: ["alertname"], wait: 1))
        s.ingest(alert("Gone", start: 0, end: 0.5), now: at(0))
        s.ingest(alert("Stays", start: 0), now: at(0))
        for d in s.due(now: at(1)) { s.completed(d.groupID, success: true, alerts: d.flush.alerts, now: at(1)) }
        XCTAssertEqual(s.maintenance(now: at(30)), 1)
        XCTAssertEqual(s.aggregationGroupCount, 1)
        // The removed group's timer entry is ignored; a new alert creates a fresh group.
        let events = s.ingest(alert("Gone", start: 40), now: at(40))
        guard case .groupCreated = events.first else { return XCTFail("\(events)") }
    }

    func test_completed_forRemovedGroup_isIgnored() {
        var s = DispatcherState(route: tree(wait: 1))
        s.ingest(alert("A", start: 0), now: at(0))
        let d = s.due(now: at(1))
        s.completed(d[0].groupID, success: true, alerts: d[0].flush.alerts, now: at(2))
        s.completed(d[0].groupID, success: true, alerts: d[0].flush.alerts, now: at(3))
        XCTAssertEqual(s.group(d[0].groupID)?.alertCount, 1)
    }

    func test_groups_sortedByLabelsThenReceiver_withReceiverMap() {
        var s = DispatcherState(route: Route(root: RouteSpec(receiver: "root", groupBy: ["alertname"], routes: [
            RouteSpec(receiver: "zeta", matchers: [eq("team", "x")], continue: true),
            RouteSpec(receiver: "alpha", matchers: [eq("team", "x")]),
        ])))
        let a = alert("A", ["team": "x"], start: 0)
        s.ingest(alert("B", ["team": "x"], start: 0), now: at(0))
        s.ingest(a, now: at(0))
        s.ingest(alert("C", start: 0), now: at(0))
        let view = s.groups(now: at(1))
        XCTAssertEqual(view.groups.map { "\($0.labels.value("alertname"))/\($0.receiver)" },
                       ["A/alpha", "A/zeta", "B/alpha", "B/zeta", "C/root"])
        XCTAssertEqual(view.receivers[a.fingerprint], ["alpha", "zeta"])
    }

    func test_groups_filters_dropGroupsWithoutMatchingAlerts() {
        var s = DispatcherState(route: Route(root: RouteSpec(receiver: "root", groupBy: ["alertname"], routes: [
            RouteSpec(receiver: "web", matchers: [eq("team", "web")]),
        ])))
        s.ingest(alert("A", ["team": "web", "sev": "page"], start: 0), now: at(0))
        s.ingest(alert("A", ["team": "web", "sev": "info"], start: 0), now: at(0))
        s.ingest(alert("B", start: 0), now: at(0))
        let view = s.groups(routeFilter: { $0.receiver == "web" },
                            alertFilter: { a, _ in a.labels["sev"] == "page" }, now: at(1))
        XCTAssertEqual(view.groups.count, 1)
        XCTAssertEqual(view.groups.first?.alerts.map { $0.labels.value("sev") }, ["page"])
        XCTAssertEqual(view.receivers.count, 1)
    }

    func test_groups_alertsKeepStoredEndsAt() {
        var s = DispatcherState(route: tree())
        s.ingest(alert("A", start: 0, end: 300), now: at(0))
        XCTAssertEqual(s.groups(now: at(1)).groups.first?.alerts.first?.endsAt, at(300))
    }

    func test_scheduling_100kGroups_allFlushOnceThenDrain() {
        var s = DispatcherState(route: tree(groupBy: ["id"], wait: 30, interval: 60))
        let n = 100_000
        for i in 0..<n {
            // Spread creation over 100s so deadlines interleave.
            let t = Double(i % 1000) / 10
            s.ingest(makeAlert(["alertname": "x", "id": String(i)], startsAt: at(t), endsAt: at(t + 1),
                               updatedAt: at(t)), now: at(t))
        }
        XCTAssertEqual(s.aggregationGroupCount, n)
        var flushed = Set<String>()
        var last = Date.distantPast
        while let d = s.nextDeadline, d <= at(130) {
            XCTAssertGreaterThanOrEqual(d, last)
            last = d
            for due in s.due(now: d) {
                XCTAssertTrue(flushed.insert(due.flush.groupKey).inserted, "one flush per group")
                s.completed(due.groupID, success: true, alerts: due.flush.alerts, now: d)
            }
        }
        XCTAssertEqual(flushed.count, n)
        XCTAssertEqual(s.maintenance(now: at(131)), n, "all alerts were resolved and notified")
        XCTAssertEqual(s.aggregationGroupCount, 0)
        XCTAssertNil(s.nextDeadline)
    }

    func test_scheduling_removedGroups_staleTimerEntriesCompacted() {
        var s = DispatcherState(route: tree(groupBy: ["id"], wait: 1, interval: 60))
        for i in 0..<5000 { s.ingest(alert("A", ["id": String(i)], start: 0, end: 0.5), now: at(0)) }
        for d in s.due(now: at(1)) { s.completed(d.groupID, success: true, alerts: d.flush.alerts, now: at(1)) }
        XCTAssertEqual(s.scheduleCount, 5000, "each group rescheduled at +group_interval")
        XCTAssertEqual(s.maintenance(now: at(30)), 5000)
        XCTAssertLessThanOrEqual(s.scheduleCount, 1024, "entries of removed groups are dropped")
        XCTAssertNil(s.nextDeadline)
    }
}
