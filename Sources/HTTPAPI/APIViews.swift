import AlertCore
import Foundation

/// One aggregation group as `GET /api/v2/alerts/groups` shows it.
public struct APIAlertGroup: Sendable {
    public var labels: LabelSet
    public var receiver: String
    public var alerts: [Alert]

    public init(labels: LabelSet, receiver: String, alerts: [Alert]) {
        self.labels = labels
        self.receiver = receiver
        self.alerts = alerts
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
