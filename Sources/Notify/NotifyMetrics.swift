import CoreMetrics

/// Alertmanager's notification metrics (§16), labelled by integration type, and with
/// `--enable-feature=receiver-name-in-metrics` by receiver too (`receiver_name`, after
/// `integration`, as 0.34 labels them). `alertmanager_notification_latency_seconds` is a
/// swift-metrics timer: configure the Prometheus backend with buckets 1, 5, 10, 15, 20 for it.
package struct NotifyMetrics: Sendable {
    let factory: any MetricsFactory
    /// True with `receiver-name-in-metrics`: every series carries `receiver_name`.
    package let receiverNames: Bool
    /// The receiver the pipeline is notifying for (set per receiver by `forReceiver`).
    var receiverName = ""

    package init(factory: any MetricsFactory = MetricsSystem.factory, receiverNames: Bool = false) {
        self.factory = factory
        self.receiverNames = receiverNames
    }

    /// These metrics for one receiver's integrations.
    func forReceiver(_ name: String) -> NotifyMetrics {
        var m = self
        m.receiverName = name
        return m
    }

    /// Integration types Alertmanager 0.34 pre-initialises so series exist at 0 (0.25's ten,
    /// then the ones added since).
    package static let knownIntegrations = ["email", "pagerduty", "wechat", "pushover", "slack", "opsgenie",
                                           "webhook", "victorops", "sns", "telegram", "discord", "webex", "msteams",
                                           "msteamsv2", "incidentio", "jira", "rocketchat", "mattermost"]

    private func dimensions(_ integration: String) -> [(String, String)] {
        receiverNames ? [("integration", integration), ("receiver_name", receiverName)] : [("integration", integration)]
    }

    func notifications(_ integration: String) -> Counter {
        Counter(label: "alertmanager_notifications_total", dimensions: dimensions(integration), factory: factory)
    }

    /// Labelled by integration and `reason` (0.26+; 0.25 had no `reason`).
    func notificationsFailed(_ integration: String, reason: NotifyError.Reason) -> Counter {
        Counter(label: "alertmanager_notifications_failed_total",
                dimensions: dimensions(integration) + [("reason", reason.rawValue)], factory: factory)
    }

    func requests(_ integration: String) -> Counter {
        Counter(label: "alertmanager_notification_requests_total", dimensions: dimensions(integration), factory: factory)
    }

    func requestsFailed(_ integration: String) -> Counter {
        Counter(label: "alertmanager_notification_requests_failed_total", dimensions: dimensions(integration),
                factory: factory)
    }

    func latency(_ integration: String) -> Timer {
        Timer(label: "alertmanager_notification_latency_seconds", dimensions: dimensions(integration), factory: factory)
    }

    /// Creates the per-integration series at zero, as Alertmanager does at start. Without
    /// receiver names: every known integration type. With them, as 0.34's `InitializeFor`
    /// does at each load: the integrations of each configured receiver (series of receivers a
    /// reload removed stay, at their last value: the backend cannot drop them).
    package func preinitialize(receivers: [(name: String, integrations: [String])] = []) {
        let pairs: [(receiver: String, integration: String)] = receiverNames
            ? receivers.flatMap { r in r.integrations.map { (r.name, $0) } }
            : Self.knownIntegrations.map { ("", $0) }
        for (receiver, name) in pairs {
            let m = forReceiver(receiver)
            m.notifications(name).increment(by: 0)
            m.requests(name).increment(by: 0)
            m.requestsFailed(name).increment(by: 0)
            for reason in NotifyError.Reason.allCases { m.notificationsFailed(name, reason: reason).increment(by: 0) }
        }
    }
}
