import Mesh
import NotificationLog

/// The send claims as the mesh's `tocsin-claims` channel: broadcasts only. Alertmanager
/// 0.25 peers drop a broadcast whose key they do not know without a word
/// (`cluster/delegate.go` `NotifyMsg`), so a mixed cluster stays quiet; the channel is kept
/// out of the push-pull full state, where they would log "unknown state key" each time.
package final class SendClaimReplica: ReplicatedState {
    package static let channel = "tocsin-claims"
    package let key = SendClaimReplica.channel
    package let claims: SendClaimStore

    package init(_ claims: SendClaimStore) { self.claims = claims }

    package var inFullState: Bool { false }

    package func fullState() -> [UInt8] { [] }

    /// Never called for this channel by tocsin peers; a full state naming it is ignored.
    package func mergeFull(_ data: [UInt8]) throws {}

    package func mergeDelta(_ data: [UInt8]) -> Bool { claims.merge(data) }

    package func connect(broadcast: @escaping @Sendable ([UInt8]) -> Void) {
        claims.setBroadcaster(broadcast)
    }
}
