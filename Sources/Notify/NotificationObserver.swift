import AlertCore
import Foundation
import History
import NotificationLog

/// Hears every notification attempt the pipeline makes, and every flush it decides not to
/// send (deduplicated, muted by a time interval): the notification history's one hook into
/// the pipeline. Called inline on the pipeline's tasks, so it must be quick.
package protocol NotificationObserver: Sendable {
    func record(_ record: NotificationRecord)
}

extension NotificationRecord {
    /// A record for `integration` of the flush in `ctx`, the alerts split at `now` into
    /// firing and resolved fingerprints. `node` is left for the observer to fill in.
    init(_ ctx: NotificationContext, integration: Integration, alerts: [Alert], now: Date, attempt: Int,
         outcome: Outcome) {
        var firing: [String] = []
        var resolved: [String] = []
        for alert in alerts {
            if alert.isResolved(at: now) { resolved.append(alert.fingerprint.description) } else {
                firing.append(alert.fingerprint.description)
            }
        }
        self.init(time: now, receiver: ctx.receiverName, integration: integration.name,
                  integrationIndex: integration.index, groupKey: ctx.groupKey, groupLabels: ctx.groupLabels.dictionary,
                  firing: firing, resolved: resolved, attempt: attempt, outcome: outcome)
    }
}

extension Pipeline {
    /// A flush muted by time intervals: one `suppressed` record per integration of its receiver.
    func recordSuppressed(_ flush: AlertGroupFlush, alerts: [Alert], by names: [String]) {
        guard let observer = deps.observer, let receiver = receivers[flush.receiver] else { return }
        let ctx = NotificationContext(flush, receiverName: receiver.name, deadline: flush.now)
        for integration in receiver.integrations {
            var r = NotificationRecord(ctx, integration: integration, alerts: alerts, now: deps.clock.now(), attempt: 0,
                                       outcome: .suppressed)
            r.timeInterval = names.joined(separator: ",")
            observer.record(r)
        }
    }
}

extension IntegrationStage {
    /// A flush the notification log says was already sent (by this node or a peer): one
    /// `deduplicated` record naming when that send was logged.
    func recordDeduplicated(_ ctx: NotificationContext, alerts: [Alert], entry: NotificationLogEntry?, now: Date) {
        guard let observer = deps.observer, let entry else { return }
        var r = NotificationRecord(ctx, integration: integration, alerts: alerts, now: now, attempt: 0, outcome: .deduplicated)
        r.notifiedAt = entry.timestamp
        observer.record(r)
    }
}
