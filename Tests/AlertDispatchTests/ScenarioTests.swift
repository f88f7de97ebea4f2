import AlertCore
@testable import AlertDispatch
import Foundation
import TestKit
import XCTest

/// Alertmanager's acceptance scenarios (test/with_api_v2/acceptance, v0.25) as dispatcher
/// timelines: when groups flush and with what. Whether a flush turns into a notification is the
/// pipeline's dedup decision (not modelled here); the comments say which flushes notify.
/// Alerts arrive as the store emits them (resolve_timeout already applied, merged versions).
final class ScenarioTests: XCTestCase {
    func test_batching_alertsWithinGroupWaitBatched_laterOnesAtNextInterval() {
        // group_by [], group_wait 1s, group_interval 1s, repeat_interval 5s.
        var tl = Timeline(tree(groupBy: nil, wait: 1, interval: 1, repeatInterval: 5))
        tl.push(1.1, alert("test1", start: 1, received: 1.1))
        tl.push(1.7, alert("test5", start: 1, received: 1.7))
        tl.push(3.3, alert("test2", start: 1.5, received: 3.3), alert("test3", start: 1.5, received: 3.3),
                alert("test4", start: 1.6, received: 3.3))
        tl.run(until: 9.5)
        let byTime = Dictionary(uniqueKeysWithValues: tl.flushes.map { ($0.time, Set($0.alerts)) })
        XCTAssertEqual(byTime[2.1], ["test1", "test5"], "notified in [2.0, 2.5]")
        XCTAssertEqual(byTime[3.1], ["test1", "test5"], "unchanged: deduplicated")
        XCTAssertEqual(byTime[4.1], ["test1", "test2", "test3", "test4", "test5"], "notified in [4.1, 4.5]")
        XCTAssertEqual(byTime[9.1], ["test1", "test2", "test3", "test4", "test5"], "repeat in [9.1, 9.5]")
        XCTAssertEqual(tl.flushes.map(\.time), [2.1, 3.1, 4.1, 5.1, 6.1, 7.1, 8.1, 9.1])
        XCTAssertTrue(tl.flushes.allSatisfy { $0.groupKey == "{}:{}" })
    }

    func test_resolved_timeoutResolution_notifiedThenForgotten() {
        // resolve_timeout 10s: the store sets endsAt = 11 on alerts received at 1.
        var tl = Timeline(tree(groupBy: ["alertname"], wait: 1, interval: 5))
        let alerts = (1...3).map { i in
            makeAlert(["alertname": "test", "lbl": "v\(i)"], startsAt: at(1), endsAt: at(11), updatedAt: at(1),
                      timeout: true)
        }
        tl.push(1, alerts[0], alerts[1], alerts[2])
        tl.run(until: 20)
        XCTAssertEqual(tl.flushes.map(\.time), [2, 7, 12], "nothing after the resolved flush")
        XCTAssertEqual(tl.flushes[0].alerts, ["test", "test", "test"], "firing at ~2, endsAt zero")
        XCTAssertEqual(tl.flushes[2].alerts, Array(repeating: "test(ended 11.0)", count: 3), "resolved at [12, 13]")
        XCTAssertEqual(tl.state.maintenance(now: at(30)), 1)
    }

    func test_repeat_resolvedPush_resolvedFlushThenGroupEmpties() {
        // group_wait 1s, group_interval 1s, repeat_interval 1ms: every flush notifies.
        var tl = Timeline(tree(wait: 1, interval: 1, repeatInterval: 0.001))
        tl.push(1, alert("test", start: 1))
        // The store merges the resolving push: startsAt 1, endsAt 3, updatedAt 3.5.
        tl.push(3.5, alert("test", start: 1, end: 3, received: 3.5))
        tl.run(until: 6)
        XCTAssertEqual(tl.flushes.map(\.time), [2, 3, 4])
        XCTAssertEqual(tl.flushes.map(\.alerts), [["test"], ["test"], ["test(ended 3.0)"]])
    }

    func test_reload_timersRestart_oldAlertFlushedAtReloadThenWithNewAtInterval() {
        // group_wait 1s, group_interval 6s; reload at 3 = new dispatcher fed the whole store.
        let route = tree(wait: 1, interval: 6, repeatInterval: 600)
        let test1 = alert("test1", start: 1)
        var before = Timeline(route)
        before.push(1, test1)
        before.run(until: 3)
        XCTAssertEqual(before.flushes.map(\.time), [2], "notified in [2, 2.5]")

        var after = Timeline(route)
        after.push(3, test1)  // resync: test1 is older than group_wait -> immediate flush (dedup: no send)
        after.push(4, alert("test2", start: 4))
        after.run(until: 9.5)
        XCTAssertEqual(after.flushes.map(\.time), [3, 9])
        XCTAssertEqual(after.flushes.last?.alerts, ["test1", "test2"], "notified in [9, 9.5]")
    }

    func test_mergeAlerts_groupHoldsLatestStoreVersion_refireStartsNewAlert() {
        var tl = Timeline(tree(wait: 1, interval: 1))
        tl.push(1, alert("test", start: 1))
        tl.push(1.2, alert("test", start: 1, end: 1.5, received: 1.2))  // resolved version replaces
        tl.run(until: 2)
        XCTAssertEqual(tl.flushes.last?.alerts, ["test(ended 1.5)"])
        tl.push(2.5, alert("test", start: 2.5))  // re-fire after resolution: new startsAt
        tl.run(until: 3)
        XCTAssertEqual(tl.raw.last?.alerts.map(\.startsAt), [at(2.5)])
        XCTAssertEqual(tl.raw.last?.alerts.map(\.endsAt), [.goZero])
    }

    func test_failedFlush_resolvedAlertRetriedAtNextInterval() {
        var tl = Timeline(tree(wait: 1, interval: 2))
        var failures = 1
        tl.succeed = { _ in
            defer { failures -= 1 }
            return failures <= 0
        }
        tl.push(0, alert("A", start: 0, end: 0.5))
        tl.run(until: 8)
        XCTAssertEqual(tl.flushes.map(\.time), [1, 3], "failed at 1, delivered at 3, then forgotten")
    }
}
