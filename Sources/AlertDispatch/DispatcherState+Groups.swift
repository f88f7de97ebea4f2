import AlertCore
import Foundation

/// One aggregation group as `GET /api/v2/alerts/groups` shows it (Alertmanager's
/// `dispatch.AlertGroup`). Alerts are the stored versions (not flush copies).
package struct GroupView: Sendable {
    package var labels: LabelSet
    package var receiver: String
    package var groupKey: String
    package var routeKey: String
    /// Alerts that passed the filter, in Alertmanager's alert order.
    package var alerts: [Alert]
    /// The route's labels, unrendered (0.34), and, only when there are some, every alert of
    /// the group, which they are rendered against (0.34 renders against the whole group).
    package var routeLabels: [String: String] = [:]
    package var groupAlerts: [Alert] = []
}

/// The result of `DispatcherState.groups`: the groups plus, per alert fingerprint, the sorted
/// receiver names of every listed group containing the alert (duplicates kept, as
/// Alertmanager keeps them when an alert reaches one receiver through two routes).
package struct GroupsSnapshot: Sendable {
    package var groups: [GroupView]
    package var receivers: [Fingerprint: [String]]
}

extension DispatcherState {
    /// The groups view (`Dispatcher.Groups`): for each route passing `routeFilter`, each group
    /// with at least one alert passing `alertFilter(alert, now)`. Sorted by group labels
    /// (`LabelSet.Before`), equal labels by receiver name.
    package func groups(routeFilter: (Route) -> Bool = { _ in true },
                       alertFilter: (Alert, Date) -> Bool = { _, _ in true },
                       now: Date) -> GroupsSnapshot {
        var views: [GroupView] = []
        var receivers: [Fingerprint: [String]] = [:]
        for slot in slots.values {
            let g = slot.group
            guard routeFilter(g.route) else { continue }
            let receiver = g.route.receiver
            let kept = g.storedAlerts.filter { alertFilter($0, now) }
            guard !kept.isEmpty else { continue }
            // One array per group shared by its alerts (copy-on-write), so a listing of a
            // million alerts does not allocate one per alert; only an alert in several
            // listed groups gets its own.
            let single = [receiver]
            for a in kept {
                if receivers[a.fingerprint] == nil {
                    receivers[a.fingerprint] = single
                } else {
                    receivers[a.fingerprint]!.append(receiver)
                }
            }
            var view = GroupView(labels: g.labels, receiver: receiver, groupKey: g.groupKey,
                                 routeKey: g.route.key, alerts: kept)
            if !g.route.options.labels.isEmpty {
                view.routeLabels = g.route.options.labels
                view.groupAlerts = g.storedAlerts
            }
            views.append(view)
        }
        views.sort { a, b in
            if a.labels == b.labels { return a.receiver.utf8.lexicographicallyPrecedes(b.receiver.utf8) }
            return AlertOrder.labelSetBefore(a.labels, b.labels)
        }
        // Sorting a one-element array would still copy it (sorting makes it unique).
        for (fp, r) in receivers where r.count > 1 {
            receivers[fp] = r.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        return GroupsSnapshot(groups: views, receivers: receivers)
    }

}
