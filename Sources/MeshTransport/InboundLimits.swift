import AlertCore
import Logging
import Synchronization
import Wire

/// What peers' gossip input may cost this node, and the count of what was refused
/// (`tocsin_cluster_inbound_rejected_total{reason}`). Each reason is logged at most once per
/// `RejectionCounter.logInterval`, so a flood of hostile input does not become a flood of log lines.
package final class InboundLimits: Sendable {
    /// Per stream message: bytes as sent, decompressed bytes, nodes in a push-pull.
    package let stream: Memberlist.StreamLimits
    /// Inbound TCP connections handled at once; more are closed unread. memberlist refuses
    /// push-pulls beyond 128 at once; 32 is plenty for an Alertmanager cluster (one
    /// push-pull per peer per minute, plus reliable user messages).
    package let maxConcurrentStreams: Int
    private let active = Atomic<Int>(0)
    private let counter = RejectionCounter<Memberlist.InboundRejection>()

    package init(stream: Memberlist.StreamLimits = Memberlist.StreamLimits(), maxConcurrentStreams: Int = 32) {
        self.stream = stream
        self.maxConcurrentStreams = maxConcurrentStreams
    }

    /// Takes a slot for an inbound connection; false when all are taken.
    func acquireStream() -> Bool {
        let now = active.add(1, ordering: .relaxed).newValue
        if now <= maxConcurrentStreams { return true }
        active.subtract(1, ordering: .relaxed)
        return false
    }

    func releaseStream() { active.subtract(1, ordering: .relaxed) }

    /// Counts a refusal and logs it unless this reason was logged within the counter's interval.
    func reject(_ reason: Memberlist.InboundRejection, from peer: String, detail: String = "", logger: Logger) {
        guard counter.record(reason) else { return }
        var metadata: Logger.Metadata = ["reason": "\(reason.rawValue)", "peer": "\(peer)"]
        if !detail.isEmpty { metadata["err"] = "\(detail)" }
        logger.warning("Refused gossip input over a limit (further ones counted, not logged, for 10s)", metadata: metadata)
    }

    /// Refusals so far, by reason (every reason present, 0 when none).
    package var rejections: [Memberlist.InboundRejection: Int] {
        Dictionary(uniqueKeysWithValues: Memberlist.InboundRejection.allCases.map { ($0, counter.count($0)) })
    }
}
