import AlertCore
import Foundation

/// Why a notification attempt failed and whether trying again can help (Alertmanager's
/// `(retry bool, err error)` pair returned by every notifier).
public struct NotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why an attempt failed: the `reason` label of `alertmanager_notifications_failed_total`
    /// (0.34's values, in its order).
    public enum Reason: String, Sendable, CaseIterable {
        case other, clientError, serverError, contextCanceled, contextDeadlineExceeded, authError, rateLimited
    }

    /// True when the retry stage should try again (5xx, transport errors).
    public var retryable: Bool
    public var message: String
    public var reason: Reason
    /// Seconds the service asked to wait before the next attempt (a 429's `Retry-After`);
    /// the retry stage waits at least this long.
    public var retryAfter: Double?

    public init(retryable: Bool, message: String, reason: Reason = .other, retryAfter: Double? = nil) {
        self.retryable = retryable
        self.message = message
        self.reason = reason
        self.retryAfter = retryAfter
    }

    public static func retryable(_ message: String, reason: Reason = .other) -> NotifyError {
        NotifyError(retryable: true, message: message, reason: reason)
    }

    public static func permanent(_ message: String, reason: Reason = .other) -> NotifyError {
        NotifyError(retryable: false, message: message, reason: reason)
    }

    /// The reason Alertmanager derives from an HTTP status (`getFailureReasonFromStatusCode`).
    public static func reason(forStatus code: Int) -> Reason {
        if code == 401 || code == 403 { return .authError }
        if code == 429 { return .rateLimited }
        switch code / 100 {
        case 4: return .clientError
        case 5: return .serverError
        default: return .other
        }
    }

    public var description: String { message }
}

/// What a notifier knows about the flush it is sending (Alertmanager keeps these in the
/// request context: group key, group labels, receiver name, repeat interval, times).
public struct NotificationContext: Sendable {
    public var groupKey: String
    public var groupLabels: LabelSet
    /// The receiver's name as configured (notifiers escape it themselves where needed).
    public var receiverName: String
    public var repeatInterval: Foundation.TimeInterval
    /// The flush tick time.
    public var flushTime: Date
    /// When the retry stage gives up: flush time + max(group_interval, 10s) + cluster wait.
    /// Notifiers bound their requests by it (Go cancels the request context).
    public var deadline: Date
    /// Why the dedup stage notifies (0.34's `notification_reason`, e.g. "first notification");
    /// set per integration by the pipeline, "" before that.
    public var notificationReason = ""
    /// The route's labels (0.34), rendered by the dispatcher's side before the pipeline runs.
    public var routeLabels: [String: String] = [:]
    /// The same on every node for the same notification (``notificationIdempotencyKey``);
    /// set per integration by the pipeline, "" before that.
    public var idempotencyKey = ""

    public init(groupKey: String, groupLabels: LabelSet, receiverName: String, repeatInterval: Foundation.TimeInterval,
                flushTime: Date, deadline: Date) {
        self.groupKey = groupKey
        self.groupLabels = groupLabels
        self.receiverName = receiverName
        self.repeatInterval = repeatInterval
        self.flushTime = flushTime
        self.deadline = deadline
    }
}

/// Sends one notification for a group's alerts (webhook, email, ...).
public protocol Notifier: Sendable {
    func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError)
}

/// One configured notification target of a receiver (`notify.Integration`), e.g. the
/// second webhook of receiver "team-a" is `Integration(name: "webhook", index: 1, ...)`.
public struct Integration: Sendable {
    /// The integration type as Alertmanager names it: `webhook`, `email`, ...
    public var name: String
    /// Index among the receiver's integrations of the same type.
    public var index: Int
    /// `send_resolved` of the integration's config.
    public var sendResolved: Bool
    public var notifier: any Notifier

    public init(name: String, index: Int, sendResolved: Bool, notifier: any Notifier) {
        self.name = name
        self.index = index
        self.sendResolved = sendResolved
        self.notifier = notifier
    }

    /// `webhook[0]`, as Alertmanager prints integrations in logs and errors.
    public var displayName: String { "\(name)[\(index)]" }
}

/// A configured receiver: its name and integrations (built in Alertmanager's order:
/// webhook, email, pagerduty, ...; numbering per type).
public struct Receiver: Sendable {
    public var name: String
    public var integrations: [Integration]

    public init(name: String, integrations: [Integration]) {
        self.name = name
        self.integrations = integrations
    }
}
