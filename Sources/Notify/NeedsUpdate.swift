import Foundation
import NotificationLog

/// Why the dedup stage decided to notify (0.32+ names these; 0.25 decides identically).
package enum NotifyReason: String, Sendable, Equatable {
    case firstNotification = "first notification"
    case newAlertsAdded = "new alerts added"
    case someAlertsResolved = "some alerts resolved"
    case allAlertsResolved = "all alerts resolved"
    case repeatIntervalElapsed = "repeat interval elapsed"
}

/// The dedup stage's decision for one integration (Alertmanager's `DedupStage.needsUpdate`).
///
/// - Parameters:
///   - entry: the log entry of the last successful notification of this group through this
///     integration, if any.
///   - firing, resolved: `nflogHash`es of the flushed alerts that are firing / resolved now.
/// - Returns: the reason to notify, or nil to stay silent (the pipeline then ends successfully
///   without touching the log).
package func needsUpdate(entry: NotificationLogEntry?, firing: Set<UInt64>, resolved: Set<UInt64>,
                        sendResolved: Bool, repeatInterval: Foundation.TimeInterval, now: Date) -> NotifyReason? {
    // Never notified: only when something fires (a group that only resolved is not news).
    guard let entry else { return firing.isEmpty ? nil : .firstNotification }
    // Something fires that was not firing at the last notification. After a notification of
    // only resolved alerts, 0.34 names this a first notification again (incident.io shows it).
    if !firing.isSubset(of: Set(entry.firingAlerts)) { return entry.firingAlerts.isEmpty ? .firstNotification : .newAlertsAdded }
    // Everything resolved: notify (regardless of send_resolved) so the log forgets the firing
    // ones, but only if the receiver was told about firing alerts.
    if firing.isEmpty { return entry.firingAlerts.isEmpty ? nil : .allAlertsResolved }
    if sendResolved, !resolved.isSubset(of: Set(entry.resolvedAlerts)) { return .someAlertsResolved }
    // Nothing changed: repeat once repeat_interval has passed since the last notification.
    return entry.timestamp < now.addingTimeInterval(-repeatInterval) ? .repeatIntervalElapsed : nil
}
