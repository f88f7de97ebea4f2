import Foundation

/// What an aggregation group hands to the notification pipeline when its timer fires
/// (Alertmanager's flush context: group key, labels, receiver, repeat interval, the
/// route's time intervals and the tick time). Defined here so that `AlertDispatch`
/// and `Notify` need not know each other.
package struct AlertGroupFlush: Sendable {
    /// `routeKey + ":" + groupLabels.goString`, e.g. `{}/{env="prod"}:{alertname="A"}`.
    package var groupKey: String
    package var groupLabels: LabelSet
    package var receiver: String
    package var repeatInterval: TimeInterval
    /// The group_interval of the route: bounds how long one flush may retry.
    package var groupInterval: TimeInterval
    package var muteTimeIntervals: [String]
    package var activeTimeIntervals: [String]
    /// Alerts in flush order; firing ones carry `endsAt == .goZero`.
    package var alerts: [Alert]
    /// The timer tick that started this flush.
    package var now: Date
    /// The route's labels (0.34). The dispatcher hands them out unrendered; the composition
    /// root renders them against `alerts` before the pipeline runs (`routeLabelsRendered`).
    package var routeLabels: [String: String] = [:]
    package var routeLabelsRendered = false

    package init(groupKey: String, groupLabels: LabelSet, receiver: String, repeatInterval: TimeInterval,
                groupInterval: TimeInterval, muteTimeIntervals: [String] = [], activeTimeIntervals: [String] = [],
                alerts: [Alert], now: Date) {
        self.groupKey = groupKey
        self.groupLabels = groupLabels
        self.receiver = receiver
        self.repeatInterval = repeatInterval
        self.groupInterval = groupInterval
        self.muteTimeIntervals = muteTimeIntervals
        self.activeTimeIntervals = activeTimeIntervals
        self.alerts = alerts
        self.now = now
    }
}

/// Receives flushed groups. The composition root adapts the notification pipeline to it.
/// Returns true when the flush succeeded (the group may then forget notified resolved alerts).
package protocol AlertGroupNotifier: Sendable {
    func notify(_ flush: AlertGroupFlush) async -> Bool
}
