import AlertCore
import CoreMetrics
import Foundation
import Synchronization

/// The dispatcher shell (Alertmanager's `Dispatcher.Run`): owns a `DispatcherState`, feeds it
/// alerts and time, runs due flushes concurrently through an `AlertGroupNotifier` and reports
/// their results back. One run loop sleeps until the earliest group deadline or the next
/// maintenance (every 30s), and is woken early when an ingested alert makes a group due sooner.
///
/// Config reload (as in Alertmanager): `stop()` the old dispatcher, which cancels in-flight
/// flushes, then create a new one and `ingest` every alert of the store; group timers restart
/// from scratch and the notification log prevents duplicate notifications.
package actor Dispatcher {
    /// How often empty groups are removed by default (`--dispatch.maintenance-interval`).
    package static let maintenanceInterval: TimeInterval = 30

    private var state: DispatcherState
    private let notifier: any AlertGroupNotifier
    /// Tells the time and is what the run loop sleeps on (tests advance a manual clock).
    private let time: any TimeSource
    private let metrics: DispatcherMetrics
    private var inFlight: [GroupID: Task<Void, Never>] = [:]
    private var nextMaintenance: Date
    private let maintenanceInterval: TimeInterval
    /// `--dispatch.start-delay`: before this time groups are created and collect alerts, but
    /// none is flushed; at this time every group whose wait has passed flushes.
    package nonisolated let startAt: Date
    private var stopped = false
    /// The run loop's current sleep, if any, and when it ends. Cancelling it wakes the loop.
    /// In a mutex so that the run loop's cancellation handler (not actor-isolated) can reach it.
    private let sleeper = Mutex<Task<Void, Never>?>(nil)
    private var sleepingUntil: Date?

    /// - Parameters:
    ///   - startAt: no flush before this time (the process start plus `--dispatch.start-delay`;
    ///     a reload keeps the process start, as Alertmanager does).
    ///   - maintenanceInterval: `--dispatch.maintenance-interval`.
    package init(route: Route, notifier: any AlertGroupNotifier, timeSource: any TimeSource = WallClock(),
                metricsFactory: any MetricsFactory = MetricsSystem.factory,
                startAt: Date = .distantPast, maintenanceInterval: TimeInterval = Dispatcher.maintenanceInterval) {
        state = DispatcherState(route: route)
        self.notifier = notifier
        time = timeSource
        metrics = DispatcherMetrics(factory: metricsFactory)
        self.startAt = startAt
        self.maintenanceInterval = maintenanceInterval
        nextMaintenance = timeSource.now().addingTimeInterval(maintenanceInterval)
        metrics.aggregationGroups.record(0)
    }

    /// Number of live aggregation groups.
    package var aggregationGroupCount: Int { state.aggregationGroupCount }

    /// True once `stop()` was called (or the run loop was cancelled).
    package var isStopped: Bool { stopped }

    /// A copy of the core state (copy-on-write: cheap to take), for reads off the actor: the
    /// API's groups view filters this copy, so a costly filter never holds up ingestion or flushes.
    package var snapshot: DispatcherState { state }

    /// Routes alerts into their groups. Called with every alert the store emits (including,
    /// right after creation, every alert already in the store).
    package func ingest(_ alerts: [Alert]) {
        guard !stopped else { return }
        let now = time.now()
        let clock = ContinuousClock()
        for alert in alerts {
            let start = clock.now
            state.ingest(alert, now: now)
            let d = (clock.now - start).components
            metrics.processingDuration.recordNanoseconds(d.seconds * 1_000_000_000 + d.attoseconds / 1_000_000_000)
        }
        metrics.aggregationGroups.record(state.aggregationGroupCount)
        // A group that is due already (group_wait 0, or a wait that passed) flushes from
        // here, as Alertmanager's group goroutine does, instead of after waking the run loop.
        if let due = nextFlushTime, due <= now { startDueFlushes(now: now) }
        wakeIfEarlier()
    }

    /// Does what is due at the current time: maintenance when its time has come, then every due
    /// group flush (each started as its own task). The run loop calls this; tests call it
    /// directly after moving their clock.
    package func tick() {
        guard !stopped else { return }
        let now = time.now()
        if now >= nextMaintenance {
            state.maintenance(now: now)
            metrics.aggregationGroups.record(state.aggregationGroupCount)
            nextMaintenance = now.addingTimeInterval(maintenanceInterval)
        }
        startDueFlushes(now: now)
    }

    private func startDueFlushes(now: Date) {
        guard now >= startAt else { return }
        for due in state.due(now: now) {
            let notifier = self.notifier
            inFlight[due.groupID] = Task {
                let ok = await notifier.notify(due.flush)
                self.flushFinished(due.groupID, success: ok, alerts: due.flush.alerts)
            }
        }
    }

    private func flushFinished(_ id: GroupID, success: Bool, alerts: [Alert]) {
        inFlight[id] = nil
        guard !stopped else { return }
        let now = time.now()
        state.completed(id, success: success, alerts: alerts, now: now)
        // A fire that came due during the flush is due now.
        startDueFlushes(now: now)
        wakeIfEarlier()
    }

    /// Waits until every flush running right now has finished (tests, graceful shutdown).
    package func waitForInFlightFlushes() async {
        while let (id, task) = inFlight.first {
            await task.value
            // The task's last step (`flushFinished`) removed it; this only guards against spinning.
            if inFlight[id] == task { inFlight[id] = nil }
        }
    }

    /// Stops the dispatcher: no more ingestion or flushes; in-flight flushes are cancelled
    /// (as a reload cancels every group context) and their results ignored.
    package func stop() {
        stopped = true
        for task in inFlight.values { task.cancel() }
        sleeper.withLock { $0?.cancel() }
    }

    /// The run loop: ticks, then sleeps until the next group deadline or maintenance, until
    /// `stop()` or cancellation of the calling task (which also stops the dispatcher).
    package func run() async {
        await withTaskCancellationHandler {
            while !stopped, !Task.isCancelled {
                tick()
                var deadline = nextMaintenance
                if let d = nextFlushTime, d < deadline { deadline = d }
                let wait = deadline.timeIntervalSince(time.now())
                guard wait > 0 else { await Task.yield(); continue }
                let time = self.time
                let task = Task { _ = try? await time.sleep(for: .seconds(wait)) }
                sleeper.withLock { $0 = task }
                sleepingUntil = deadline
                if Task.isCancelled || stopped { task.cancel() }
                await task.value
                sleeper.withLock { $0 = nil }
                sleepingUntil = nil
            }
        } onCancel: {
            sleeper.withLock { $0?.cancel() }
        }
        stop()
    }

    /// When the next flush can start: the earliest group deadline, not before `startAt`.
    private var nextFlushTime: Date? {
        guard let d = state.nextDeadline else { return nil }
        return max(d, startAt)
    }

    /// Cancels the run loop's sleep when the earliest deadline moved before its end.
    private func wakeIfEarlier() {
        guard let until = sleepingUntil, let d = nextFlushTime, d < until else { return }
        sleeper.withLock { $0?.cancel() }
    }
}
