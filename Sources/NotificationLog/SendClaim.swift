import Foundation

/// A node's claim to send one notification (tocsin's HA extension, issue #17): gossiped on
/// the mesh's `tocsin-claims` channel before a send, renewed while the send retries, and
/// ended when the send is done (its notification-log entry is then gossiped) or given up.
///
/// A peer whose turn comes while another node holds a live claim for the same notification
/// waits for it to end instead of sending too, which is what Alertmanager's cluster misses
/// when a receiver is slow or a send is still retrying.
package struct SendClaim: Sendable, Equatable, Codable {
    /// Which notification: receiver name, integration (`webhook[0]`) and group key.
    package var id: ID
    /// The notification's idempotency key: a claim for other content (an alert joined or
    /// resolved) never blocks.
    package var content: String
    /// The claiming node's name (its mesh peer name).
    package var holder: String
    /// When the claim was written; the later write of the same `id` wins.
    package var issued: Date
    /// The lease: after this, the claim is void even if its holder never ended it.
    package var expires: Date
    /// How the claim ended, nil while it is live.
    package var outcome: Outcome?

    package struct ID: Sendable, Hashable, Codable {
        package var receiver: String
        package var integration: String
        package var groupKey: String

        package init(receiver: String, integration: String, groupKey: String) {
            self.receiver = receiver
            self.integration = integration
            self.groupKey = groupKey
        }
    }

    package enum Outcome: String, Sendable, Codable {
        /// Delivered; the notification-log entry travels with (or just before) this claim.
        case sent
        /// The holder gave up (retries ran out): others may try.
        case failed
    }

    package init(id: ID, content: String, holder: String, issued: Date, expires: Date, outcome: Outcome? = nil) {
        self.id = id
        self.content = content
        self.holder = holder
        self.issued = issued
        self.expires = expires
        self.outcome = outcome
    }

    /// Whether `self` replaces `other` (same id): later issue time wins, ties by holder
    /// name then by an ended claim over a live one, so every node converges.
    func supersedes(_ other: SendClaim) -> Bool {
        if issued != other.issued { return issued > other.issued }
        if holder != other.holder { return holder > other.holder }
        return outcome != nil && other.outcome == nil
    }
}

/// What a node should do about a notification it is about to send.
package enum ClaimDecision: Sendable, Equatable {
    /// Nobody else holds a live claim for this content: claim it and send.
    case send
    /// Another node holds a live claim for this content: check again at `until` (the
    /// lease's end plus this node's takeover delay) or sooner when the claim changes.
    case wait(holder: String, until: Date)
    /// The holder delivered it: re-read the notification log (the entry is on its way).
    case delivered(holder: String)
}

/// The claims a node knows about, by notification (pure: fed claims and `now`).
package struct SendClaimTable: Sendable {
    package private(set) var claims: [SendClaim.ID: SendClaim] = [:]
    /// More claims than notifications in flight in any real cluster (they live a lease, and
    /// ended ones are forgotten after the retention).
    package static let maxClaims = 100_000

    package init() {}

    /// Merges a claim (local or gossiped). - Returns: true when it was new to this table
    /// (the mesh then gossips it on).
    @discardableResult
    package mutating func merge(_ claim: SendClaim) -> Bool {
        if let known = claims[claim.id], !claim.supersedes(known) { return false }
        // A bound against a peer gossiping made-up claims: past it, only known ids update.
        if claims[claim.id] == nil && claims.count >= Self.maxClaims { return false }
        claims[claim.id] = claim
        return true
    }

    /// Decides for node `me`, about to send `content` for `id`.
    ///
    /// - Parameters:
    ///   - rank: this node's place in the takeover order (its position among the members
    ///     without the holder): when a lease runs out, rank 0 takes over at once, rank 1
    ///     `peerTimeout` later (by then rank 0's new claim has reached it), and so on.
    ///   - deliveredGrace: how long a `sent` claim keeps others waiting for the log entry
    ///     that travels with it; after that they decide from their own log alone.
    package func decide(_ id: SendClaim.ID, content: String, me: String, rank: Int, peerTimeout: TimeInterval,
                       deliveredGrace: TimeInterval, now: Date) -> ClaimDecision {
        guard let claim = claims[id], claim.holder != me, claim.content == content else { return .send }
        switch claim.outcome {
        case .failed?:
            return .send
        case .sent?:
            return now < claim.issued.addingTimeInterval(deliveredGrace) ? .delivered(holder: claim.holder) : .send
        case nil:
            let takeover = claim.expires.addingTimeInterval(Double(max(rank, 0)) * peerTimeout)
            return now < takeover ? .wait(holder: claim.holder, until: takeover) : .send
        }
    }

    /// A new claim by `me` for `content` (replacing any earlier one of that id), live until
    /// `now + lease`; also used to renew. The issue time is kept strictly after the one it
    /// replaces so it wins even on a node whose clock lags.
    package mutating func claim(_ id: SendClaim.ID, content: String, me: String, lease: TimeInterval,
                               now: Date) -> SendClaim {
        let issued = claims[id].map { max(now, $0.issued.addingTimeInterval(0.001)) } ?? now
        let claim = SendClaim(id: id, content: content, holder: me, issued: issued, expires: issued.addingTimeInterval(lease))
        claims[id] = claim
        return claim
    }

    /// Ends `me`'s claim on `id` with `outcome`; nil when `me` no longer holds it (a peer's
    /// later claim replaced it: that one stands).
    package mutating func end(_ id: SendClaim.ID, content: String, me: String, outcome: SendClaim.Outcome,
                             now: Date) -> SendClaim? {
        guard var claim = claims[id], claim.holder == me, claim.content == content else { return nil }
        claim.issued = max(now, claim.issued.addingTimeInterval(0.001))
        claim.expires = min(claim.expires, claim.issued)
        claim.outcome = outcome
        claims[id] = claim
        return claim
    }

    /// Forgets claims that ended or expired more than `retention` ago.
    package mutating func gc(now: Date, retention: TimeInterval) {
        claims = claims.filter { now < max($0.value.expires, $0.value.issued).addingTimeInterval(retention) }
    }
}
