import Mesh
import NotificationLog

/// The send claims as the mesh's `tocsin-claims` channel: broadcasts only. Alertmanager
/// 0.25 peers drop a broadcast whose key they do not know without a word
/// (`cluster/delegate.go` `NotifyMsg`), so a mixed cluster stays quiet; the channel is kept
/// out of the push-pull full state, where they would log "unknown state key" each time.
public final class SendClaimReplica: ReplicatedState {
    public static let channel = "tocsin-claims"
    public let key = SendClaimReplica.channel
    public let claims: SendClaimStore

    public init(_ claims: SendClaimStore) { self.claims = claims }

    public var inFullState: Bool { false }

    public func fullState() -> [UInt8] { [] }

    /// Never called for this channel by tocsin peers; a full state naming it is ignored.
    public func mergeFull(_ data: [UInt8]) throws {}

    public func mergeDelta(_ data: [UInt8]) -> Bool { claims.merge(data) }

    public func connect(broadcast: @escaping @Sendable ([UInt8]) -> Void) {
        claims.setBroadcaster(broadcast)
    }
}
