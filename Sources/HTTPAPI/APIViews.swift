import AlertCore
import Foundation

/// One aggregation group as `GET /api/v2/alerts/groups` shows it.
package struct APIAlertGroup: Sendable {
    package var labels: LabelSet
    package var receiver: String
    package var alerts: [Alert]
    /// The route's labels rendered against the group's alerts (0.34's `routeLabels`); the
    /// field is written only when the route has labels, so 0.25 configurations get 0.25's bytes.
    package var routeLabels: [String: String]

    package init(labels: LabelSet, receiver: String, alerts: [Alert], routeLabels: [String: String] = [:]) {
        self.labels = labels
        self.receiver = receiver
        self.alerts = alerts
        self.routeLabels = routeLabels
    }
}

/// The dispatcher's answer for the groups endpoint: sorted groups plus, per alert, the
/// sorted receiver names of all groups containing it (shown as the alert's `receivers`).
package struct APIGroupsView: Sendable {
    package var groups: [APIAlertGroup]
    package var receivers: [Fingerprint: [String]]

    package init(groups: [APIAlertGroup], receivers: [Fingerprint: [String]]) {
        self.groups = groups
        self.receivers = receivers
    }
}
