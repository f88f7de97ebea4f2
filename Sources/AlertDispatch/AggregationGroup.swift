import AlertCore
import Foundation

/// One aggregation group as a pure state machine (Alertmanager's `aggrGroup`): the alerts
/// of one route that share group labels, plus the group's timer.
///
/// The owner feeds it `insert`, `timerFired` and `flushCompleted` with `now` and keeps a timer
/// for `nextFire`. Rules mirrored from Alertmanager 0.25 `dispatch.go`:
/// - a new group fires at creation + `group_wait`;
/// - until the first fire, inserting an alert whose `startsAt + group_wait` is before `now`
///   makes the group fire immediately (0.25 checks this on every insert, not only the first);
/// - on a fire the next one is set to `now + group_interval` *before* the flush runs;
/// - an empty group fires without flushing;
/// - after a successful flush, resolved alerts that were not updated meanwhile are forgotten.
///
/// Alertmanager runs one goroutine per group, so a group never flushes twice at once. Here,
/// a fire that comes due while a flush is running is remembered and happens as soon as that
/// flush completes (the Go timer's tick likewise waits in its channel until the loop is free).
package struct AggregationGroup: Sendable {
    package let route: Route
    package let labels: LabelSet
    /// `route.key + ":" + labels.goString`.
    package let groupKey: String
    /// The current version of each alert (dense storage: groups hold every alert once more).
    private var alerts = AlertTable()
    /// When the timer fires next.
    package private(set) var nextFire: Date
    /// True once the timer fired at least once (Alertmanager's `hasFlushed`).
    package private(set) var hasFlushed = false
    /// True while a flush handed out by `timerFired` has not completed.
    package private(set) var isFlushing = false
    /// The tick time of a fire that came due during a running flush.
    private var pendingFireAt: Date?

    /// A new group created at `now`: it fires at `now + group_wait`.
    package init(route: Route, labels: LabelSet, now: Date) {
        self.route = route
        self.labels = labels
        groupKey = route.groupKey(groupLabels: labels)
        nextFire = now.addingTimeInterval(route.options.groupWait)
    }

    package var isEmpty: Bool { alerts.isEmpty }
    package var alertCount: Int { alerts.count }

    /// The stored alert with `fingerprint`, if any.
    package func alert(_ fingerprint: Fingerprint) -> Alert? { alerts[fingerprint] }

    /// The stored alerts (the current versions, not flush copies) in flush order.
    package var storedAlerts: [Alert] { AlertOrder.sorted(Array(alerts.values)) }

    /// Stores `alert`, replacing the previous version with the same fingerprint. Returns true
    /// when this moved `nextFire` earlier (to `now`): the group has not fired yet and the alert
    /// is older than `group_wait`.
    @discardableResult
    package mutating func insert(_ alert: Alert, now: Date) -> Bool {
        alerts[alert.fingerprint] = alert
        guard !hasFlushed, alert.startsAt.addingTimeInterval(route.options.groupWait) < now,
              nextFire > now else { return false }
        nextFire = now
        return true
    }

    /// The timer fired at `now`. Returns the flush to run, or nil when the group is empty or a
    /// flush is still running (then the fire is kept and happens on completion).
    /// The next fire is set to `now + group_interval` before the flush is handed out.
    package mutating func timerFired(now: Date) -> AlertGroupFlush? {
        if isFlushing {
            if pendingFireAt == nil { pendingFireAt = now }
            // Parked until the running flush completes; `flushCompleted` reschedules.
            nextFire = .distantFuture
            return nil
        }
        let tick = pendingFireAt ?? now
        pendingFireAt = nil
        nextFire = now.addingTimeInterval(route.options.groupInterval)
        hasFlushed = true
        guard !alerts.isEmpty else { return nil }
        isFlushing = true
        return makeFlush(tick: tick, now: now)
    }

    /// Flush copies: firing alerts (not resolved at `now`) get `endsAt` zero so they don't
    /// turn resolved as time moves on; sorted in Alertmanager's alert order.
    private func makeFlush(tick: Date, now: Date) -> AlertGroupFlush {
        var copies: [Alert] = []
        copies.reserveCapacity(alerts.count)
        for var a in alerts.values {
            if !a.isResolved(at: now) { a.endsAt = .goZero }
            copies.append(a)
        }
        let o = route.options
        var flush = AlertGroupFlush(groupKey: groupKey, groupLabels: labels, receiver: o.receiver,
                                    repeatInterval: o.repeatInterval, groupInterval: o.groupInterval,
                                    muteTimeIntervals: o.muteTimeIntervals,
                                    activeTimeIntervals: o.activeTimeIntervals,
                                    alerts: AlertOrder.sorted(copies), now: tick)
        flush.routeLabels = o.labels
        return flush
    }

    /// The flush of `flushed` (the copies handed out) finished. On success every flushed copy
    /// that is resolved and whose stored version still has the same `updatedAt` is deleted
    /// (re-fired or updated alerts stay); on failure nothing is deleted. A fire that came due
    /// meanwhile is rescheduled to its original tick time, so the owner fires it right away.
    package mutating func flushCompleted(success: Bool, flushed: [Alert], now: Date) {
        isFlushing = false
        if success {
            for copy in flushed where copy.isResolved(at: now) {
                let fp = copy.fingerprint
                if let stored = alerts[fp], stored.updatedAt == copy.updatedAt { alerts[fp] = nil }
            }
        }
        if let pending = pendingFireAt { nextFire = pending }
    }
}
