import AlertCore
@testable import AlertDispatch
import Foundation
import MetricsTestKit
import TestKit
import XCTest

/// `--dispatch.start-delay` and `--dispatch.maintenance-interval` in the dispatcher shell.
final class DispatcherStartDelayTests: XCTestCase {
    func test_dispatcher_groupWaitOverBeforeStartDelay_flushesAtStartNotBefore() async {
        let clock = ManualClock(at(0)), notifier = RecordingNotifier()
        let d = Dispatcher(route: tree(groupBy: ["alertname"], wait: 30, interval: 300), notifier: notifier,
                           timeSource: clock, metricsFactory: TestMetrics(), startAt: at(90))
        await d.ingest([alert("A", start: 0)])
        clock.set(at(30))
        await d.tick()
        await d.waitForInFlightFlushes()
        clock.set(at(89))
        await d.tick()
        await d.waitForInFlightFlushes()
        let before = await notifier.flushes.count
        XCTAssertEqual(before, 0, "no notification before the start delay is over")
        let groups = await d.aggregationGroupCount
        XCTAssertEqual(groups, 1, "the group is formed while waiting")
        clock.set(at(90))
        await d.tick()
        await d.waitForInFlightFlushes()
        let flushes = await notifier.flushes
        XCTAssertEqual(flushes.map(\.now), [at(90)])
        XCTAssertEqual(flushes.first?.groupKey, #"{}:{alertname="A"}"#)
    }

    func test_dispatcher_startDelayShorterThanGroupWait_flushesAtGroupWait() async {
        let clock = ManualClock(at(0)), notifier = RecordingNotifier()
        let d = Dispatcher(route: tree(groupBy: ["alertname"], wait: 30, interval: 300), notifier: notifier,
                           timeSource: clock, metricsFactory: TestMetrics(), startAt: at(10))
        await d.ingest([alert("A", start: 0)])
        clock.set(at(10))
        await d.tick()
        await d.waitForInFlightFlushes()
        clock.set(at(30))
        await d.tick()
        await d.waitForInFlightFlushes()
        let times = await notifier.flushes.map(\.now)
        XCTAssertEqual(times, [at(30)])
    }

    func test_dispatcher_runLoopWithStartDelay_sleepsUntilStart() async {
        let clock = ManualClock(at(0)), notifier = RecordingNotifier()
        let d = Dispatcher(route: tree(groupBy: ["alertname"], wait: 1, interval: 300), notifier: notifier,
                           timeSource: clock, metricsFactory: TestMetrics(), startAt: at(60), maintenanceInterval: 300)
        await d.ingest([alert("A", start: 0)])
        let loop = Task { await d.run() }
        await clock.waitForSleeper(until: at(60))
        let early = await notifier.flushes.count
        XCTAssertEqual(early, 0)
        clock.set(at(60))
        while await notifier.flushes.isEmpty { await Task.yield() }
        let times = await notifier.flushes.map(\.now)
        XCTAssertEqual(times, [at(60)])
        await d.stop()
        await loop.value
    }

    func test_dispatcher_maintenanceInterval_removesEmptyGroupAtThatInterval() async {
        let clock = ManualClock(at(0)), notifier = RecordingNotifier()
        let d = Dispatcher(route: tree(wait: 1, interval: 300), notifier: notifier, timeSource: clock,
                           metricsFactory: TestMetrics(), maintenanceInterval: 5)
        await d.ingest([alert("A", start: 0, end: 0.5)])
        clock.set(at(1))
        await d.tick()
        await d.waitForInFlightFlushes()
        clock.set(at(5))
        await d.tick()
        let count = await d.aggregationGroupCount
        XCTAssertEqual(count, 0, "removed at the 5 s maintenance, not the default 30 s")
    }
}
