import AlertCore
import CoreMetrics
import Foundation
import Logging
import NotificationLog

/// What a clustered peer offers beyond ``ClusterPeer`` for send claims (issue #17). A peer
/// that does not conform (a single node) sends as Alertmanager does.
package protocol ClaimCoordinator: Sendable {
    /// This node's name in the mesh (the claims' holder name).
    var nodeName: String { get }
    var claims: SendClaimStore { get }
    /// This node's index among the members sorted by name, without `holder`: its turn to
    /// take over when `holder`'s lease runs out.
    func takeoverRank(excluding holder: String) -> Int
    /// Peers this node knew that it cannot see now (suspect or dead, not left), sorted.
    func unseenPeers() -> [String]
}

/// The idempotency key of one notification: the same on every node that would send it, so a
/// receiver can drop a duplicate (the `Idempotency-Key` header of webhooks, the email
/// `Message-Id`; in a cluster only). MD5 (hex) of the group key, receiver, integration, the sorted firing and
/// resolved alert hashes and the time of the notification it follows (so a repeat after
/// `repeat_interval` gets a new key).
package func notificationIdempotencyKey(groupKey: String, receiver: String, integration: String, firing: [UInt64],
                                       resolved: [UInt64], previous: Date?) -> String {
    var text = "\(groupKey)\u{0}\(receiver)\u{0}\(integration)\u{0}"
    text += firing.sorted().map { String($0, radix: 16) }.joined(separator: ",") + "\u{0}"
    text += resolved.sorted().map { String($0, radix: 16) }.joined(separator: ",") + "\u{0}"
    if let previous { text += String(Int64((previous.timeIntervalSince1970 * 1e9).rounded())) }
    return MD5.hex(text)
}

extension NotifyMetrics {
    /// Sends made while this node could not see every peer it knew: another node may have
    /// sent the same notification (tocsin's own metric).
    func possibleDuplicates(_ integration: String) -> Counter {
        Counter(label: "tocsin_notifications_possible_duplicates_total", dimensions: [("integration", integration)],
                factory: factory)
    }
}

/// The dedup stage with send claims: the decision to send, its idempotency key and how long
/// the stage waited for another node's claim.
struct SendDecision {
    var reason: NotifyReason
    var firing: [UInt64]
    var resolved: [UInt64]
    var key: String
    var waited: TimeInterval
    /// The last entry's `receiver_data`, for the notifier (none for a first notification, as in 0.34).
    var receiverData: [String: ReceiverDataValue] = [:]
}

extension IntegrationStage {
    private var claimLogger: Logger { Logger(label: "tocsin.notify") }

    /// How long a claim lives without renewal: three peer timeouts (at least 1 s), renewed
    /// every third of it, so two renewals may be lost before a peer takes over.
    var lease: TimeInterval { max(3 * deps.peer.peerTimeout.timeInterval, 1) }

    /// `DedupStage`, then (in a cluster) the claim check: while another node holds a live
    /// claim for the same content, waits and re-reads the log. - Returns: nil when nothing
    /// is to be sent.
    func decide(_ ctx: NotificationContext, alerts: [Alert]) async -> SendDecision? {
        let began = deps.clock.now()
        var waitingOn: String?
        while true {
            let now = deps.clock.now()
            var firing: [UInt64] = []
            var resolved: [UInt64] = []
            for alert in alerts {
                if alert.isResolved(at: now) { resolved.append(alert.labels.nflogHash) } else { firing.append(alert.labels.nflogHash) }
            }
            let entry = deps.log.query(receiver: logReceiver, groupKey: ctx.groupKey)
            guard let reason = needsUpdate(entry: entry, firing: Set(firing), resolved: Set(resolved),
                                           sendResolved: integration.sendResolved, repeatInterval: ctx.repeatInterval,
                                           now: now) else {
                recordDeduplicated(ctx, alerts: alerts, entry: entry, now: now)
                return nil
            }
            let key = notificationIdempotencyKey(groupKey: ctx.groupKey, receiver: receiverName,
                                                 integration: integration.displayName, firing: firing,
                                                 resolved: resolved, previous: entry?.timestamp)
            let decision = SendDecision(reason: reason, firing: firing, resolved: resolved, key: key,
                                        waited: now.timeIntervalSince(began),
                                        receiverData: reason == .firstNotification ? [:] : entry?.receiverData ?? [:])
            // A single node sends as Alertmanager does: no claim and no idempotency key.
            guard let coordinator = deps.peer as? any ClaimCoordinator else {
                var single = decision
                single.key = ""
                return single
            }
            let claims = coordinator.claims
            let peerTimeout = deps.peer.peerTimeout.timeInterval
            let verdict = claims.decide(claimID(ctx), content: key, me: coordinator.nodeName,
                                        rank: claims.claim(for: claimID(ctx)).map { coordinator.takeoverRank(excluding: $0.holder) } ?? 0,
                                        peerTimeout: peerTimeout, deliveredGrace: max(peerTimeout, 1), now: now)
            let pause: TimeInterval
            switch verdict {
            case .send:
                if let seen = claims.claim(for: claimID(ctx)), seen.holder != coordinator.nodeName {
                    claimLogger.debug("Sending after a peer's claim", metadata: [
                        "aggrGroup": "\(ctx.groupKey)", "integration": "\(integration.displayName)",
                        "holder": "\(seen.holder)", "outcome": "\(seen.outcome?.rawValue ?? "expired")",
                        "same_content": "\(seen.content == key)", "log_entry": "\(entry != nil)"])
                }
                claims.gc(now: now, retention: 600)
                claims.claim(claimID(ctx), content: key, me: coordinator.nodeName, lease: lease, now: now)
                countPossibleDuplicate(coordinator, ctx: ctx)
                return decision
            case let .wait(holder, until):
                if waitingOn != holder {  // once per holder, not at every re-check
                    waitingOn = holder
                    claimLogger.debug("Waiting for a peer's send claim", metadata: [
                        "aggrGroup": "\(ctx.groupKey)", "integration": "\(integration.displayName)", "holder": "\(holder)"])
                }
                pause = min(max(until.timeIntervalSince(now), 0.01), 0.25)
            case .delivered:
                pause = 0.1
            }
            if Task.isCancelled { return nil }
            try? await deps.clock.sleep(for: .seconds(pause))
        }
    }

    /// Runs `send` (the retry stage) while renewing this node's claim, then ends the claim.
    func underClaim(_ ctx: NotificationContext, key: String,
                    _ send: @escaping @Sendable () async -> NotifyError?) async -> NotifyError? {
        guard let coordinator = deps.peer as? any ClaimCoordinator else { return await send() }
        let (id, lease, clock) = (claimID(ctx), lease, deps.clock)
        // The send runs in this task (a child task would cost a thread hop before the first
        // byte leaves); the renewals run beside it and stop when it returns.
        let error = await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    do { try await clock.sleep(for: .seconds(lease / 3)) } catch { break }
                    coordinator.claims.claim(id, content: key, me: coordinator.nodeName, lease: lease, now: clock.now())
                }
            }
            let result = await send()
            group.cancelAll()
            return result
        }
        if error != nil {
            coordinator.claims.end(id, content: key, me: coordinator.nodeName, outcome: .failed, now: clock.now())
        }
        return error
    }

    /// After the log entry of a successful send is written: tells the waiting peers.
    func endClaimSent(_ ctx: NotificationContext, key: String) {
        guard let coordinator = deps.peer as? any ClaimCoordinator else { return }
        coordinator.claims.end(claimID(ctx), content: key, me: coordinator.nodeName, outcome: .sent, now: deps.clock.now())
    }

    private func claimID(_ ctx: NotificationContext) -> SendClaim.ID {
        SendClaim.ID(receiver: receiverName, integration: integration.displayName, groupKey: ctx.groupKey)
    }

    private func countPossibleDuplicate(_ coordinator: any ClaimCoordinator, ctx: NotificationContext) {
        let unseen = coordinator.unseenPeers()
        guard !unseen.isEmpty else { return }
        deps.metrics.possibleDuplicates(integration.name).increment()
        claimLogger.warning("Sending while peers are unreachable: they may send this notification too", metadata: [
            "aggrGroup": "\(ctx.groupKey)", "integration": "\(receiverName)/\(integration.displayName)",
            "unreachable_peers": "\(unseen.joined(separator: ","))"])
    }
}
