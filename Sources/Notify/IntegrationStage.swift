import AlertCore
import Foundation
import History
import NotificationLog

/// One integration's sub-pipeline (Alertmanager's `MultiStage{WaitStage, DedupStage,
/// RetryStage, SetNotifiesStage}` inside the fanout).
struct IntegrationStage: Sendable {
    let receiverName: String
    let integration: Integration
    let log: NotificationLogStore
    let peer: any ClusterPeer
    /// Tells the time and waits (cluster wait, backoff): the one injected clock.
    let clock: any TimeSource
    let metrics: NotifyMetrics
    let random: @Sendable () -> Double
    var observer: (any NotificationObserver)? = nil

    var logReceiver: NotificationLogReceiver {
        NotificationLogReceiver(groupName: receiverName, integration: integration.name, index: integration.index)
    }

    /// - Returns: nil on success (including "nothing to send"), else the failure.
    func run(_ ctx: NotificationContext, alerts: [Alert]) async -> NotifyError? {
        // WaitStage: later peers give earlier ones time to notify and gossip the log entry.
        let wait = peer.peerTimeout * peer.position
        if wait > .zero {
            do { try await clock.sleep(for: wait) } catch {
                return NotifyError(retryable: false, message: "\(receiverName)/\(integration.displayName): canceled "
                                   + "while waiting for peer position", reason: .contextCanceled)
            }
        }
        // DedupStage: classify on the flushed copies at the current time.
        let now = clock.now()
        var firing: [UInt64] = []
        var resolved: [UInt64] = []
        for alert in alerts {
            if alert.isResolved(at: now) { resolved.append(alert.labels.nflogHash) } else { firing.append(alert.labels.nflogHash) }
        }
        let entry = log.query(receiver: logReceiver, groupKey: ctx.groupKey)
        guard let reason = needsUpdate(entry: entry, firing: Set(firing), resolved: Set(resolved),
                                       sendResolved: integration.sendResolved, repeatInterval: ctx.repeatInterval,
                                       now: now) else {
            if let observer, let entry {
                var r = NotificationRecord(ctx, integration: integration, alerts: alerts, now: now, attempt: 0,
                                           outcome: .deduplicated)
                r.notifiedAt = entry.timestamp
                observer.record(r)
            }
            return nil
        }
        var ctx = ctx
        ctx.notificationReason = reason.rawValue
        // RetryStage.
        let retry = RetryStage(integration: integration, receiverName: receiverName, clock: clock,
                               metrics: metrics, random: random, observer: observer)
        if let error = await retry.run(ctx, alerts: alerts, firingCount: firing.count) { return error }
        // SetNotifiesStage: every flushed alert is recorded, resolved ones too, even when this
        // integration does not send them; entries expire after 2 × repeat_interval.
        log.log(receiver: logReceiver, groupKey: ctx.groupKey, firing: firing, resolved: resolved,
                expiry: 2 * ctx.repeatInterval, now: clock.now())
        return nil
    }
}
