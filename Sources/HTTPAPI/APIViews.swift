import AlertCore
import Foundation

/// One aggregation group as `GET /api/v2/alerts/groups` shows it.
public struct APIAlertGroup: Sendable {
    public var labels: LabelSet
    public var receiver: String
    public var alerts: [Alert]
    /// The route's labels rendered against the group's alerts (0.34's `routeLabels`); the
    /// field is written only when the route has labels, so 0.25 configurations get 0.25's bytes.
    public var routeLabels: [String: String]

    public init(labels: LabelSet, receiver: String, alerts: [Alert], routeLabels: [String: String] = [:]) {
        self.labels = labels
        self.receiver = receiver
        self.alerts = alerts
        self.routeLabels = routeLabels
    }
}

/// The dispatcher's answer for the groups endpoint: sorted groups plus, per alert, the
/// sorted receiver names of all groups containing it (shown as the alert's `receivers`).
public struct APIGroupsView: Sendable {
    public var groups: [APIAlertGroup]
    public var receivers: [Fingerprint: [String]]

    public init(groups: [APIAlertGroup], receivers: [Fingerprint: [String]]) {
        self.groups = groups
        self.receivers = receivers
    }
}
