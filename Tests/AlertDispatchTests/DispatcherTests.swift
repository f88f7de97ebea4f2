import AlertCore
@testable import AlertDispatch
import Foundation
import MetricsTestKit
import Synchronization
import TestKit
import XCTest

/// The actor shell, driven by a manual clock and `tick()`; flushes go to a recording notifier.
final class DispatcherTests: XCTestCase {
    private func makeDispatcher(_ route: Route, clock: ManualClock, notifier: some AlertGroupNotifier,
                                metrics: TestMetrics = TestMetrics()) -> Dispatcher {
        Dispatcher(route: route, notifier: notifier, timeSource: clock, metricsFactory: metrics)
    }

    func test_dispatcher_tickAtGroupWait_notifiesOnce() async {
        let clock = ManualClock(at(0)), notifier = RecordingNotifier()
        let d = makeDispatcher(tree(groupBy: ["alertname"], wait: 30, interval: 300), clock: clock, notifier: notifier)
        await d.ingest([alert("A", start: 0)])
        clock.set(at(29))
        await d.tick()
        await d.waitForInFlightFlushes()
        let none = await notifier.flushes.count
        XCTAssertEqual(none, 0)
        clock.set(at(30))
        await d.tick()
        await d.tick()
        await d.waitForInFlightFlushes()
        let flushes = await notifier.flushes
        XCTAssertEqual(flushes.map(\.groupKey), [#"{}:{alertname="A"}"#])
        XCTAssertEqual(flushes.first?.now, at(30))
    }

    func test_dispatcher_groupWaitZero_flushesAtIngestWithoutTick() async {
        // As Alertmanager's group goroutine: a group that is due when its first alert arrives
        // is flushed right away, not when the run loop next wakes (no tick, no run loop here).
        let clock = ManualClock(at(0)), notifier = RecordingNotifier()
        let d = makeDispatcher(tree(groupBy: ["alertname"], wait: 0, interval: 300), clock: clock, notifier: notifier)
        await d.ingest([alert("A", start: 0)])
        await d.waitForInFlightFlushes()
        let flushes = await notifier.flushes
        XCTAssertEqual(flushes.map(\.groupKey), [#"{}:{alertname="A"}"#])
        XCTAssertEqual(flushes.first?.now, at(0))
        // The next alert of that group waits for group_interval, as before.
        await d.ingest([alert("A", ["instance": "b"], start: 0)])
        await d.waitForInFlightFlushes()
        let count = await notifier.flushes.count
        XCTAssertEqual(count, 1)
    }

    func test_dispatcher_groupWaitZeroBeforeStartDelay_waitsForStart() async {
        let clock = ManualClock(at(0)), notifier = RecordingNotifier()
        let d = Dispatcher(route: tree(wait: 0, interval: 300), notifier: notifier, timeSource: clock,
                           metricsFactory: TestMetrics(), startAt: at(10))
        await d.ingest([alert("A", start: 0)])
        await d.waitForInFlightFlushes()
        let none = await notifier.flushes.count
        XCTAssertEqual(none, 0)
        clock.set(at(10))
        await d.tick()
        await d.waitForInFlightFlushes()
        let times = await notifier.flushes.map(\.now)
        XCTAssertEqual(times, [at(10)])
    }

    func test_dispatcher_successfulResolvedFlush_groupRemovedByMaintenance() async throws {
        let clock = ManualClock(at(0)), notifier = RecordingNotifier(), metrics = TestMetrics()
        let d = makeDispatcher(tree(wait: 1, interval: 300), clock: clock, notifier: notifier, metrics: metrics)
        await d.ingest([alert("A", start: 0, end: 0.5)])
        XCTAssertEqual(try metrics.expectGauge("alertmanager_dispatcher_aggregation_groups").lastValue, 1)
        XCTAssertEqual(try metrics.expectTimer("alertmanager_dispatcher_alert_processing_duration_seconds")
            .values.count, 1)
        clock.set(at(1))
        await d.tick()
        await d.waitForInFlightFlushes()
        clock.set(at(30))
        await d.tick()
        let count = await d.aggregationGroupCount
        XCTAssertEqual(count, 0)
        XCTAssertEqual(try metrics.expectGauge("alertmanager_dispatcher_aggregation_groups").lastValue, 0)
    }

    func test_dispatcher_failedFlush_keepsResolvedAlertAndRetries() async {
        let clock = ManualClock(at(0)), notifier = RecordingNotifier()
        await notifier.setResult(false)
        let d = makeDispatcher(tree(wait: 1, interval: 5), clock: clock, notifier: notifier)
        await d.ingest([alert("A", start: 0, end: 0.5)])
        clock.set(at(1))
        await d.tick()
        await d.waitForInFlightFlushes()
        clock.set(at(30))
        await d.tick()
        await d.waitForInFlightFlushes()
        let count = await d.aggregationGroupCount
        XCTAssertEqual(count, 1, "not removed: the resolved alert was never delivered")
        let times = await notifier.flushes.map(\.now)
        XCTAssertEqual(times, [at(1), at(30)])
    }

    func test_dispatcher_reload_newDispatcherResyncsFromStore() async {
        // TestReload: old dispatcher notified test1 at 2; reload at 3 restarts timers.
        let clock = ManualClock(at(0)), oldNotifier = RecordingNotifier(), newNotifier = RecordingNotifier()
        let route = tree(wait: 1, interval: 6, repeatInterval: 600)
        let store = [alert("test1", start: 1)]
        let old = makeDispatcher(route, clock: clock, notifier: oldNotifier)
        clock.set(at(1))
        await old.ingest(store)
        clock.set(at(2))
        await old.tick()
        await old.waitForInFlightFlushes()

        clock.set(at(3))
        await old.stop()
        let new = makeDispatcher(route, clock: clock, notifier: newNotifier)
        await new.ingest(store)
        await new.tick()
        clock.set(at(4))
        await old.ingest([alert("test2", start: 4)])
        await new.ingest([alert("test2", start: 4)])
        clock.set(at(9))
        await old.tick()
        await new.tick()
        await new.waitForInFlightFlushes()

        let oldTimes = await oldNotifier.flushes.map(\.now)
        XCTAssertEqual(oldTimes, [at(2)], "a stopped dispatcher flushes nothing")
        let newFlushes = await newNotifier.flushes
        XCTAssertEqual(newFlushes.map(\.now), [at(3), at(9)])
        XCTAssertEqual(newFlushes.last.map { names($0.alerts) }, ["test1", "test2"])
    }

    func test_dispatcher_stop_cancelsInFlightFlush() async {
        let clock = ManualClock(at(0))
        let notifier = BlockingNotifier()
        let d = makeDispatcher(tree(wait: 1), clock: clock, notifier: notifier)
        await d.ingest([alert("A", start: 0)])
        clock.set(at(1))
        await d.tick()
        await notifier.started.wait()
        await d.stop()
        await d.waitForInFlightFlushes()
        XCTAssertTrue(notifier.sawCancellation.withLock { $0 })
        let stopped = await d.isStopped
        XCTAssertTrue(stopped)
    }

    func test_dispatcher_groupsView_listsGroupedAlerts() async {
        let clock = ManualClock(at(0))
        let d = makeDispatcher(tree(groupBy: ["alertname"]), clock: clock, notifier: RecordingNotifier())
        await d.ingest([alert("B", start: 0), alert("A", start: 0)])
        let view = await d.snapshot.groups(now: clock.now())
        XCTAssertEqual(view.groups.map(\.groupKey), [#"{}:{alertname="A"}"#, #"{}:{alertname="B"}"#])
    }

    func test_runLoop_sleepsToNextDeadline_flushesAndStops() async {
        let clock = ManualClock(at(0)), notifier = RecordingNotifier()
        let d = Dispatcher(route: tree(wait: 1, interval: 5), notifier: notifier, timeSource: clock,
                           metricsFactory: TestMetrics())
        await d.ingest([alert("A", start: 0)])
        let loop = Task { await d.run() }
        // The loop sleeps on the clock until each group deadline; a sleep until the next one
        // also shows that the flush before it has finished.
        for deadline in [1.0, 6, 11] {
            await clock.waitForSleeper(until: at(deadline))
            clock.set(at(deadline))
        }
        await clock.waitForSleeper(until: at(16))
        await d.waitForInFlightFlushes()
        await d.stop()
        await loop.value
        let times = await notifier.flushes.map(\.now)
        XCTAssertEqual(times, [at(1), at(6), at(11)])
        XCTAssertEqual(clock.sleeps.first, .seconds(1), "first sleep ends at group_wait")
    }

    func test_runLoop_earlierDeadlineFromIngest_wakesSleepingLoop() async {
        let clock = ManualClock(at(100))
        let notifier = RecordingNotifier()
        let flushed = expectation(description: "flushed")
        await notifier.onFlush { flushed.fulfill() }
        let d = Dispatcher(route: tree(wait: 30), notifier: notifier, timeSource: clock, metricsFactory: TestMetrics())
        let loop = Task { await d.run() }
        await clock.waitForSleeper(until: at(130))
        // Sleeping until the 30s maintenance; an alert older than group_wait is due at once.
        await d.ingest([alert("Old", start: 0)])
        await fulfillment(of: [flushed], timeout: 10)
        loop.cancel()
        await loop.value
        let stopped = await d.isStopped
        XCTAssertTrue(stopped, "cancelling the run loop stops the dispatcher")
    }
}

/// A notifier whose flush runs until it is cancelled.
final class BlockingNotifier: AlertGroupNotifier {
    let started = Latch()
    let sawCancellation = Mutex(false)
    func notify(_ flush: AlertGroupFlush) async -> Bool {
        await started.open()
        do {
            try await Task.sleep(for: .seconds(3600))
            return true
        } catch {
            sawCancellation.withLock { $0 = true }
            return false
        }
    }
}

/// A one-shot gate: `wait` returns once `open` was called.
actor Latch {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    func open() {
        isOpen = true
        for w in waiters { w.resume() }
        waiters = []
    }
    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }
}
