import CoreMetrics

/// Alertmanager's notification metrics (§16), labelled by integration type.
/// `alertmanager_notification_latency_seconds` is a swift-metrics timer: configure the
/// Prometheus backend with buckets 1, 5, 10, 15, 20 for it.
public struct NotifyMetrics: Sendable {
    let factory: any MetricsFactory

    public init(factory: any MetricsFactory = MetricsSystem.factory) { self.factory = factory }

    /// Integration types Alertmanager 0.34 pre-initialises so series exist at 0 (0.25's ten,
    /// then the ones added since).
    public static let knownIntegrations = ["email", "pagerduty", "wechat", "pushover", "slack", "opsgenie",
                                           "webhook", "victorops", "sns", "telegram", "discord", "webex", "msteams",
                                           "msteamsv2", "incidentio", "jira", "rocketchat", "mattermost"]

    func notifications(_ integration: String) -> Counter {
        Counter(label: "alertmanager_notifications_total", dimensions: [("integration", integration)], factory: factory)
    }

    /// Labelled by integration and `reason` (0.26+; 0.25 had no `reason`).
    func notificationsFailed(_ integration: String, reason: NotifyError.Reason) -> Counter {
        Counter(label: "alertmanager_notifications_failed_total",
                dimensions: [("integration", integration), ("reason", reason.rawValue)], factory: factory)
    }

    func requests(_ integration: String) -> Counter {
        Counter(label: "alertmanager_notification_requests_total", dimensions: [("integration", integration)],
                factory: factory)
    }

    func requestsFailed(_ integration: String) -> Counter {
        Counter(label: "alertmanager_notification_requests_failed_total", dimensions: [("integration", integration)],
                factory: factory)
    }

    func latency(_ integration: String) -> Timer {
        Timer(label: "alertmanager_notification_latency_seconds", dimensions: [("integration", integration)],
              factory: factory)
    }

    /// Creates the per-integration series at zero, as Alertmanager does at start.
    public func preinitialize() {
        for name in Self.knownIntegrations {
            notifications(name).increment(by: 0)
            requests(name).increment(by: 0)
            requestsFailed(name).increment(by: 0)
            for reason in NotifyError.Reason.allCases { notificationsFailed(name, reason: reason).increment(by: 0) }
        }
    }
}
