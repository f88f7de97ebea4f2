import AlertCore
import Foundation
import HeapModule

/// Identifies one aggregation group for the lifetime of a `DispatcherState`. Never reused:
/// a completion for a group that was removed (and maybe re-created) is recognised as stale.
package struct GroupID: Hashable, Sendable, Comparable, CustomStringConvertible {
    package let rawValue: UInt64
    package static func < (a: GroupID, b: GroupID) -> Bool { a.rawValue < b.rawValue }
    package var description: String { "group#\(rawValue)" }
}

/// What ingesting one alert did, per matched route.
package enum DispatchEvent: Sendable, Equatable {
    /// A new group was created for the alert (Alertmanager increments the groups gauge).
    case groupCreated(GroupID, groupKey: String)
    /// The alert went into an existing group.
    case inserted(GroupID, groupKey: String)
}

/// A flush handed out by `DispatcherState.due`; report it back with `completed`.
package struct DueFlush: Sendable {
    package let groupID: GroupID
    package let flush: AlertGroupFlush
}

/// The dispatcher's core (Alertmanager's `Dispatcher` minus goroutines): the route tree, every
/// aggregation group, and one timer schedule for all of them.
///
/// Instead of a timer per group, group fire times sit in a min-heap keyed by time. A group that
/// is rescheduled gets a new generation and a new heap entry; entries whose generation is no
/// longer the group's are skipped when they surface (lazy invalidation). This keeps scheduling
/// at O(log n) per change and scales to 100k+ groups.
package struct DispatcherState: Sendable {
    package let route: Route
    private let routesByIndex: [Route]
    var slots: [GroupID: Slot] = [:]
    /// Per route index: group-labels fingerprint -> group (Alertmanager's `aggrGroupsPerRoute`).
    private var index: [[Fingerprint: GroupID]]
    private var schedule = Heap<TimerEntry>()
    private var nextRawID: UInt64 = 0

    /// Slots are mutated in place (`slots[id]?.insert(...)`), never as `var slot = slots[id]`
    /// followed by a write-back: such a copy shares the group's alert dictionary, so the first
    /// change to it would copy the whole dictionary (O(group size) per ingested alert).
    struct Slot: Sendable {
        var group: AggregationGroup
        var generation: UInt64 = 0

        /// Inserts `alert`; when that moved the fire time, bumps the generation and returns
        /// the timer entry to schedule. Also returns the group's key, so that the ingest path
        /// reaches the slot once, in place (reading the key first copied the slot out).
        mutating func insert(_ alert: Alert, now: Date, id: GroupID) -> (schedule: TimerEntry?, groupKey: String) {
            guard group.insert(alert, now: now) else { return (nil, group.groupKey) }
            generation &+= 1
            return (TimerEntry(deadline: group.nextFire, id: id, generation: generation), group.groupKey)
        }

        /// Fires the group's timer: the flush to run (if any) and the rescheduled timer entry
        /// (none while parked behind a running flush).
        mutating func fire(now: Date, id: GroupID) -> (flush: AlertGroupFlush?, next: TimerEntry?) {
            let flush = group.timerFired(now: now)
            generation &+= 1
            guard group.nextFire != .distantFuture else { return (flush, nil) }
            return (flush, TimerEntry(deadline: group.nextFire, id: id, generation: generation))
        }

        /// Completes the running flush; returns the timer entry to schedule if the fire time moved.
        mutating func complete(success: Bool, alerts: [Alert], now: Date, id: GroupID) -> TimerEntry? {
            let before = group.nextFire
            group.flushCompleted(success: success, flushed: alerts, now: now)
            guard group.nextFire != before else { return nil }
            generation &+= 1
            return TimerEntry(deadline: group.nextFire, id: id, generation: generation)
        }
    }

    struct TimerEntry: Comparable, Sendable {
        let deadline: Date
        let id: GroupID
        let generation: UInt64
        static func < (a: TimerEntry, b: TimerEntry) -> Bool {
            a.deadline != b.deadline ? a.deadline < b.deadline : a.id < b.id
        }
    }

    package init(route: Route) {
        self.route = route
        routesByIndex = route.allRoutes
        index = Array(repeating: [:], count: routesByIndex.count)
    }

    /// Number of live aggregation groups (`alertmanager_dispatcher_aggregation_groups`).
    package var aggregationGroupCount: Int { slots.count }

    /// The group with `id`, if it still exists.
    package func group(_ id: GroupID) -> AggregationGroup? { slots[id]?.group }

    /// The group of `route` with these group labels, if it exists.
    package func groupID(route: Route, groupLabels: LabelSet) -> GroupID? {
        guard route.index < index.count, routesByIndex[route.index] === route else { return nil }
        return index[route.index][groupLabels.fingerprint]
    }

    /// Routes `alert` and inserts it into the group of every matched route, creating groups as
    /// needed (`Dispatcher.processAlert`).
    @discardableResult
    package mutating func ingest(_ alert: Alert, now: Date) -> [DispatchEvent] {
        var events: [DispatchEvent] = []
        for r in route.match(alert.labels) {
            let labels = r.groupLabels(for: alert.labels)
            let fp = labels.fingerprint
            if let id = index[r.index][fp], let inserted = slots[id]?.insert(alert, now: now, id: id) {
                if let entry = inserted.schedule { schedule.insert(entry) }
                events.append(.inserted(id, groupKey: inserted.groupKey))
            } else {
                nextRawID += 1
                let id = GroupID(rawValue: nextRawID)
                var group = AggregationGroup(route: r, labels: labels, now: now)
                group.insert(alert, now: now)
                slots[id] = Slot(group: group)
                index[r.index][fp] = id
                schedule.insert(TimerEntry(deadline: group.nextFire, id: id, generation: 0))
                events.append(.groupCreated(id, groupKey: group.groupKey))
            }
        }
        return events
    }

    /// The earliest time a group is due, or nil when no group is scheduled. Drops stale
    /// schedule entries on the way (hence `mutating`).
    package var nextDeadline: Date? {
        mutating get {
            while let top = schedule.min {
                if isCurrent(top) { return top.deadline }
                _ = schedule.popMin()
            }
            return nil
        }
    }

    private func isCurrent(_ e: TimerEntry) -> Bool {
        guard let slot = slots[e.id] else { return false }
        return slot.generation == e.generation
    }

    /// Fires every group whose time has come (deadline <= `now`) and returns the flushes to run;
    /// those groups are marked flushing until `completed`. Every fired group is rescheduled.
    package mutating func due(now: Date) -> [DueFlush] {
        var out: [DueFlush] = []
        // Re-inserted after the loop so that a zero group_interval cannot fire a group twice
        // in one call.
        var next: [TimerEntry] = []
        while let top = schedule.min, top.deadline <= now {
            _ = schedule.popMin()
            guard isCurrent(top), let fired = slots[top.id]?.fire(now: now, id: top.id) else { continue }
            if let entry = fired.next { next.append(entry) }
            if let flush = fired.flush { out.append(DueFlush(groupID: top.id, flush: flush)) }
        }
        for e in next { schedule.insert(e) }
        compactIfNeeded()
        return out
    }

    /// Reports the end of a flush from `due`. `alerts` are the flushed copies
    /// (`DueFlush.flush.alerts`). Unknown (removed) groups are ignored. If the group's timer came
    /// due while it was flushing, it is due again now.
    package mutating func completed(_ id: GroupID, success: Bool, alerts: [Alert], now: Date) {
        guard slots[id]?.group.isFlushing == true else { return }
        if let entry = slots[id]?.complete(success: success, alerts: alerts, now: now, id: id) { schedule.insert(entry) }
    }

    /// Removes groups that hold no alerts and are not flushing (Alertmanager's 30s
    /// `doMaintenance`). Returns how many were removed.
    @discardableResult
    package mutating func maintenance(now: Date) -> Int {
        var removed: [GroupID] = []
        for (id, slot) in slots where slot.group.isEmpty && !slot.group.isFlushing { removed.append(id) }
        for id in removed {
            guard let slot = slots.removeValue(forKey: id) else { continue }
            index[slot.group.route.index][slot.group.labels.fingerprint] = nil
        }
        compactIfNeeded()
        return removed.count
    }

    /// Rebuilds the heap without stale entries once they outnumber live groups, so a churn of
    /// reschedules cannot grow it without bound.
    private mutating func compactIfNeeded() {
        guard schedule.count > 2 * slots.count + 1024 else { return }
        schedule = Heap(schedule.unordered.filter(isCurrent))
    }

    /// Number of entries in the timer heap (live and stale); exposed for tests.
    var scheduleCount: Int { schedule.count }
}
