import AlertCore
import Foundation
import Synchronization

/// The node's send claims (``SendClaimTable``) behind a lock, handing each claim this node
/// writes to a broadcaster (the mesh gossips it on the `tocsin-claims` channel). Claims are
/// short-lived and only matter while a send is in flight, so they are never persisted and
/// never put in the push-pull full state (Alertmanager 0.25 logs a warning for every unknown
/// key there, while it drops unknown broadcast keys silently).
package final class SendClaimStore: Sendable {
    private let table = Mutex(SendClaimTable())
    private let broadcaster = Mutex<Callback<[UInt8]>?>(nil)

    package init() {}

    package func setBroadcaster(_ broadcast: @escaping @Sendable ([UInt8]) -> Void) {
        broadcaster.withLock { $0 = Callback(broadcast) }
    }

    package func decide(_ id: SendClaim.ID, content: String, me: String, rank: Int, peerTimeout: TimeInterval,
                       deliveredGrace: TimeInterval, now: Date) -> ClaimDecision {
        table.withLock {
            $0.decide(id, content: content, me: me, rank: rank, peerTimeout: peerTimeout,
                      deliveredGrace: deliveredGrace, now: now)
        }
    }

    /// Claims (or renews) and gossips the claim.
    package func claim(_ id: SendClaim.ID, content: String, me: String, lease: TimeInterval, now: Date) {
        let claim = table.withLock { $0.claim(id, content: content, me: me, lease: lease, now: now) }
        send(claim)
    }

    /// Ends this node's claim and gossips the end.
    package func end(_ id: SendClaim.ID, content: String, me: String, outcome: SendClaim.Outcome, now: Date) {
        if let claim = table.withLock({ $0.end(id, content: content, me: me, outcome: outcome, now: now) }) { send(claim) }
    }

    package func claim(for id: SendClaim.ID) -> SendClaim? { table.withLock { $0.claims[id] } }

    /// Merges a gossiped message. - Returns: true when it held a claim new to this node.
    package func merge(_ bytes: [UInt8]) -> Bool {
        guard let claim = try? Self.decode(bytes) else { return false }
        return table.withLock { $0.merge(claim) }
    }

    package func gc(now: Date, retention: TimeInterval) { table.withLock { $0.gc(now: now, retention: retention) } }

    private func send(_ claim: SendClaim) {
        guard let bytes = try? Self.encode(claim) else { return }
        broadcaster.withLock { $0 }?.call(bytes)
    }

    /// One claim as JSON (a tocsin-only channel: no Alertmanager peer reads it).
    package static func encode(_ claim: SendClaim) throws -> [UInt8] { Array(try JSONEncoder().encode(claim)) }

    package static func decode(_ bytes: [UInt8]) throws -> SendClaim {
        try JSONDecoder().decode(SendClaim.self, from: Data(bytes))
    }
}
