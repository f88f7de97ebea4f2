import AlertCore
import Foundation

/// Why a notification attempt failed and whether trying again can help (Alertmanager's
/// `(retry bool, err error)` pair returned by every notifier).
package struct NotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why an attempt failed: the `reason` label of `alertmanager_notifications_failed_total`
    /// (0.34's values, in its order).
    package enum Reason: String, Sendable, CaseIterable {
        case other, clientError, serverError, contextCanceled, contextDeadlineExceeded, authError, rateLimited
    }

    /// True when the retry stage should try again (5xx, transport errors).
    package var retryable: Bool
    package var message: String
    package var reason: Reason
    /// Seconds the service asked to wait before the next attempt (a 429's `Retry-After`);
    /// the retry stage waits at least this long.
    package var retryAfter: Double?

    package init(retryable: Bool, message: String, reason: Reason = .other, retryAfter: Double? = nil) {
        self.retryable = retryable
        self.message = message
        self.reason = reason
        self.retryAfter = retryAfter
    }

    package static func retryable(_ message: String, reason: Reason = .other) -> NotifyError {
        NotifyError(retryable: true, message: message, reason: reason)
    }

    package static func permanent(_ message: String, reason: Reason = .other) -> NotifyError {
        NotifyError(retryable: false, message: message, reason: reason)
    }

    /// The reason Alertmanager derives from an HTTP status (`getFailureReasonFromStatusCode`).
    package static func reason(forStatus code: Int) -> Reason {
        if code == 401 || code == 403 { return .authError }
        if code == 429 { return .rateLimited }
        switch code / 100 {
        case 4: return .clientError
        case 5: return .serverError
        default: return .other
        }
    }

    package var description: String { message }
}

/// What a notifier knows about the flush it is sending (Alertmanager keeps these in the
/// request context: group key, group labels, receiver name, repeat interval, times).
package struct NotificationContext: Sendable {
    package var groupKey: String
    package var groupLabels: LabelSet
    /// The receiver's name as configured (notifiers escape it themselves where needed).
    package var receiverName: String
    package var repeatInterval: Foundation.TimeInterval
    /// The flush tick time.
    package var flushTime: Date
    /// When the retry stage gives up: flush time + max(group_interval, 10s) + cluster wait.
    /// Notifiers bound their requests by it (Go cancels the request context).
    package var deadline: Date
    /// Why the dedup stage notifies (0.34's `notification_reason`, e.g. "first notification");
    /// set per integration by the pipeline, "" before that.
    package var notificationReason = ""
    /// The route's labels (0.34), rendered by the dispatcher's side before the pipeline runs.
    package var routeLabels: [String: String] = [:]
    /// The same on every node for the same notification (``notificationIdempotencyKey``);
    /// set per integration by the pipeline, "" before that.
    package var idempotencyKey = ""
    /// The integration's `receiver_data` (0.34) for this notification; set per integration by
    /// the pipeline, empty before that.
    package var receiverData = ReceiverDataStore()
}

// In an extension so that the memberwise init is still synthesised (tests build contexts
// field by field); it is internal, so code outside Notify uses `outsideNotification`.
extension NotificationContext {
    /// The context of a flush sent to (or recorded for) `receiverName`.
    init(_ flush: AlertGroupFlush, receiverName: String, deadline: Date) {
        self.init(groupKey: flush.groupKey, groupLabels: flush.groupLabels, receiverName: receiverName,
                  repeatInterval: flush.repeatInterval, flushTime: flush.now, deadline: deadline)
        routeLabels = flush.routeLabels
    }

    /// The context of a request made outside any notification (a node asking a peer's API):
    /// no group, bounded by `deadline`.
    package static func outsideNotification(now: Date, deadline: Date) -> NotificationContext {
        NotificationContext(groupKey: "", groupLabels: LabelSet(), receiverName: "", repeatInterval: 0,
                            flushTime: now, deadline: deadline)
    }
}

/// Sends one notification for a group's alerts (webhook, email, ...).
package protocol Notifier: Sendable {
    func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError)
}

/// One configured notification target of a receiver (`notify.Integration`), e.g. the
/// second webhook of receiver "team-a" is `Integration(name: "webhook", index: 1, ...)`.
package struct Integration: Sendable {
    /// The integration type as Alertmanager names it: `webhook`, `email`, ...
    package var name: String
    /// Index among the receiver's integrations of the same type.
    package var index: Int
    /// `send_resolved` of the integration's config.
    package var sendResolved: Bool
    package var notifier: any Notifier

    package init(name: String, index: Int, sendResolved: Bool, notifier: any Notifier) {
        self.name = name
        self.index = index
        self.sendResolved = sendResolved
        self.notifier = notifier
    }

    /// `webhook[0]`, as Alertmanager prints integrations in logs and errors.
    package var displayName: String { "\(name)[\(index)]" }
}

/// A configured receiver: its name and integrations (built in Alertmanager's order:
/// webhook, email, pagerduty, ...; numbering per type).
package struct Receiver: Sendable {
    package var name: String
    package var integrations: [Integration]

    package init(name: String, integrations: [Integration]) {
        self.name = name
        self.integrations = integrations
    }
}
