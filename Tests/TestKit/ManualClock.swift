import AlertCore
import Foundation
import Synchronization

/// A clock tests move by hand: nothing in a test sleeps to wait for a timer.
///
/// `sleep(for:)` suspends until `advance` (or `set`) moves the clock to the sleeper's
/// deadline; sleepers wake in deadline order. A test that needs the code under test to be
/// asleep before it advances awaits `waitForSleeper(until:)`, which returns once someone
/// sleeps until that time (an event, not a timed wait).
///
/// With `advancesOnSleep` the clock is virtual time instead: `sleep` moves the clock to the
/// end of the sleep and returns at once (for code that only waits in line, like retry
/// backoff, where a test cares about when things happened, not about interleaving).
package final class ManualClock: TimeSource {
    private struct Sleeper {
        let id: UInt64
        let deadline: Date
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct Watcher {
        let deadline: Date
        let continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var now: Date
        var sleepers: [Sleeper] = []
        var watchers: [Watcher] = []
        var cancelled: Set<UInt64> = []
        var nextID: UInt64 = 0
        var sleeps: [Duration] = []
    }

    private let state: Mutex<State>
    package let advancesOnSleep: Bool

    package init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000), advancesOnSleep: Bool = false) {
        state = Mutex(State(now: start))
        self.advancesOnSleep = advancesOnSleep
    }

    package func now() -> Date { state.withLock { $0.now } }

    package func advance(by seconds: TimeInterval) { set(now().addingTimeInterval(seconds)) }

    package func advance(by duration: Duration) { advance(by: duration.timeInterval) }

    /// Moves the clock to `date` and wakes, in deadline order, every sleeper due by then.
    package func set(_ date: Date) {
        let due = state.withLock { s -> [Sleeper] in
            s.now = date
            let due = s.sleepers.filter { $0.deadline <= date }.sorted { $0.deadline < $1.deadline }
            s.sleepers.removeAll { $0.deadline <= date }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Every positive sleep asked of this clock, in order.
    package var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// Deadlines of the sleepers waiting right now, earliest first.
    package var sleeperDeadlines: [Date] { state.withLock { $0.sleepers.map(\.deadline).sorted() } }

    /// Returns once some task sleeps until exactly `deadline` (at once if one already does).
    package func waitForSleeper(until deadline: Date) async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if s.sleepers.contains(where: { $0.deadline == deadline }) { return true }
                s.watchers.append(Watcher(deadline: deadline, continuation: c))
                return false
            }
            if now { c.resume() }
        }
    }

    package func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return try Task.checkCancellation() }
        if advancesOnSleep {
            try Task.checkCancellation()
            state.withLock { $0.sleeps.append(duration) }
            advance(by: duration)
            return
        }
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                let (watchers, cancelled) = state.withLock { s -> ([Watcher], Bool) in
                    if s.cancelled.remove(id) != nil { return ([], true) }
                    let deadline = s.now.addingTimeInterval(duration.timeInterval)
                    s.sleeps.append(duration)
                    s.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: c))
                    let woken = s.watchers.filter { $0.deadline == deadline }
                    s.watchers.removeAll { $0.deadline == deadline }
                    return (woken, false)
                }
                if cancelled { c.resume(throwing: CancellationError()) }
                for w in watchers { w.continuation.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { s -> Sleeper? in
                guard let i = s.sleepers.firstIndex(where: { $0.id == id }) else {
                    s.cancelled.insert(id)
                    return nil
                }
                return s.sleepers.remove(at: i)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }
}

/// Builds an alert from a compact label literal: `alert(["alertname": "x"], starts: t)`.
package func makeAlert(_ labels: [String: String], annotations: [String: String] = [:], startsAt: Date,
                      endsAt: Date = .goZero, updatedAt: Date? = nil, timeout: Bool = false) -> Alert {
    Alert(labels: LabelSet(labels), annotations: LabelSet(annotations), startsAt: startsAt, endsAt: endsAt,
          updatedAt: updatedAt ?? startsAt, timeout: timeout)
}
