import AlertCore
import AlertDispatch
import Foundation
import GoCompat
import HTTPAPI
import History
import TimeIntervals

/// The "why" of one alert from the current state, without I/O: the routes it is dispatched
/// to (path, receiver, group key, timers, the group's next flush), its silences, the rule and
/// sources inhibiting it, and the time intervals muting its routes with when they stop.
enum AlertExplanation {
    static func build(alert: Alert, status: AlertStatus, route root: AlertDispatch.Route, dispatcher: DispatcherState,
                      inhibition: (rule: Int, sources: [Fingerprint])?, ruleNames: [String] = [], timeIntervals: [String: NamedTimeInterval],
                      notifications: [NotificationRecord], now: Date) -> APIExplanation {
        var paths: [Int: [Int]] = [:]
        func walk(_ r: AlertDispatch.Route, _ above: [Int]) {
            let path = above + [r.index]
            paths[r.index] = path
            for c in r.routes { walk(c, path) }
        }
        walk(root, [])
        var routes: [APIExplanation.Route] = []
        var muted: [APIExplanation.Mute] = []
        for r in root.match(alert.labels) {
            let groupLabels = r.groupLabels(for: alert.labels)
            let next = dispatcher.groupID(route: r, groupLabels: groupLabels).flatMap { dispatcher.group($0) }
            let o = r.options
            routes.append(.init(receiver: o.receiver, path: paths[r.index] ?? [r.index],
                                groupKey: r.groupKey(groupLabels: groupLabels), groupWait: duration(o.groupWait),
                                groupInterval: duration(o.groupInterval), repeatInterval: duration(o.repeatInterval),
                                nextFlush: next.map { GoTime($0.nextFire).utc.rfc3339Nano }))
            muted += mutes(active: o.activeTimeIntervals, mute: o.muteTimeIntervals, intervals: timeIntervals, now: now)
        }
        var seen = Set<String>()
        muted = muted.filter { seen.insert($0.timeInterval).inserted }
        return APIExplanation(
            fingerprint: alert.fingerprint.description, labels: alert.labels.dictionary,
            state: status.state.rawValue, routes: routes, silencedBy: status.silencedBy,
            inhibitedBy: inhibition.map { i in
                let name = i.rule < ruleNames.count && !ruleNames[i.rule].isEmpty ? ruleNames[i.rule] : nil
                return [.init(rule: i.rule, name: name, sources: i.sources.map(\.description))]
            } ?? [],
            mutedBy: muted, notifications: notifications)
    }

    /// The time intervals muting a route at `now`, as the pipeline's time stages decide, each
    /// with when it stops muting: a `mute_time_intervals` entry that contains `now` until it
    /// ends; `active_time_intervals` none of which contains `now`, until the first one begins.
    static func mutes(active: [String], mute: [String], intervals: [String: NamedTimeInterval],
                      now: Date) -> [APIExplanation.Mute] {
        var out: [APIExplanation.Mute] = []
        let activeOnes = active.compactMap { intervals[$0] }
        if !activeOnes.isEmpty, !activeOnes.contains(where: { $0.contains(now) }) {
            let begins = activeOnes.compactMap { $0.nextChange(after: now) }.min()
            for i in activeOnes { out.append(.init(timeInterval: i.name, until: begins.map(rfc3339))) }
        }
        for name in mute {
            guard let i = intervals[name], i.contains(now) else { continue }
            out.append(.init(timeInterval: name, until: i.nextChange(after: now).map(rfc3339)))
        }
        return out
    }

    static func rfc3339(_ d: Date) -> String { GoTime(d).utc.rfc3339Nano }

    static func duration(_ seconds: Foundation.TimeInterval) -> String {
        PromDuration(milliseconds: Int64((seconds * 1000).rounded())).description
    }
}
