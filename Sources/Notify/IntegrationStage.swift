import AlertCore
import Foundation
import History
import NotificationLog

/// One integration's sub-pipeline (Alertmanager's `MultiStage{WaitStage, DedupStage,
/// RetryStage, SetNotifiesStage}` inside the fanout).
struct IntegrationStage: Sendable {
    let receiverName: String
    let integration: Integration
    let deps: StageDependencies

    var logReceiver: NotificationLogReceiver {
        NotificationLogReceiver(groupName: receiverName, integration: integration.name, index: integration.index)
    }

    /// - Returns: nil on success (including "nothing to send"), else the failure.
    func run(_ ctx: NotificationContext, alerts: [Alert]) async -> NotifyError? {
        // WaitStage: later peers give earlier ones time to notify and gossip the log entry.
        let wait = deps.peer.peerTimeout * deps.peer.position
        if wait > .zero {
            do { try await deps.clock.sleep(for: wait) } catch {
                return NotifyError(retryable: false, message: "\(receiverName)/\(integration.displayName): canceled "
                                   + "while waiting for peer position", reason: .contextCanceled)
            }
        }
        // DedupStage (in a cluster with send claims: waits while a peer holds a live claim
        // for the same notification). Its wait extends the retry deadline.
        guard let send = await decide(ctx, alerts: alerts) else { return nil }
        var ctx = ctx
        ctx.notificationReason = send.reason.rawValue
        ctx.idempotencyKey = send.key
        ctx.receiverData = ReceiverDataStore(send.receiverData)
        ctx.deadline = ctx.deadline.addingTimeInterval(send.waited)
        // RetryStage, renewing this node's claim while it runs.
        let retry = RetryStage(integration: integration, receiverName: receiverName, deps: deps)
        let sending = ctx
        if let error = await underClaim(ctx, key: send.key, { await retry.run(sending, alerts: alerts, firingCount: send.firing.count) }) {
            return error
        }
        // SetNotifiesStage: every flushed alert is recorded, resolved ones too, even when this
        // integration does not send them, with the receiver data the notifier left; entries
        // expire after 2 × repeat_interval.
        deps.log.log(receiver: logReceiver, groupKey: ctx.groupKey, firing: send.firing, resolved: send.resolved,
                     receiverData: ctx.receiverData.all, expiry: 2 * ctx.repeatInterval, now: deps.clock.now())
        endClaimSent(ctx, key: send.key)
        return nil
    }
}
