import Foundation

/// What an aggregation group hands to the notification pipeline when its timer fires
/// (Alertmanager's flush context: group key, labels, receiver, repeat interval, the
/// route's time intervals and the tick time). Defined here so that `AlertDispatch`
/// and `Notify` need not know each other.
public struct AlertGroupFlush: Sendable {
    /// `routeKey + ":" + groupLabels.goString`, e.g. `{}/{env="prod"}:{alertname="A"}`.
    public var groupKey: String
    public var groupLabels: LabelSet
    public var receiver: String
    public var repeatInterval: TimeInterval
    /// The group_interval of the route: bounds how long one flush may retry.
    public var groupInterval: TimeInterval
    public var muteTimeIntervals: [String]
    public var activeTimeIntervals: [String]
    /// Alerts in flush order; firing ones carry `endsAt == .goZero`.
    public var alerts: [Alert]
    /// The timer tick that started this flush.
    public var now: Date
    /// The route's labels (0.34). The dispatcher hands them out unrendered; the composition
    /// root renders them against `alerts` before the pipeline runs (`routeLabelsRendered`).
    public var routeLabels: [String: String] = [:]
    public var routeLabelsRendered = false

    public init(groupKey: String, groupLabels: LabelSet, receiver: String, repeatInterval: TimeInterval,
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
public protocol AlertGroupNotifier: Sendable {
    func notify(_ flush: AlertGroupFlush) async -> Bool
}
