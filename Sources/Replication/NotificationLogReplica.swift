import AlertCore
import Mesh
import NotificationLog

/// The notification log as the mesh's `"nfl"` channel (Alertmanager's `nflog.go`
/// `MarshalBinary`/`Merge`).
public final class NotificationLogReplica: ReplicatedState {
    public let key = "nfl"
    public let log: NotificationLogStore
    let clock: any TimeSource

    public init(_ log: NotificationLogStore, clock: any TimeSource) {
        self.log = log
        self.clock = clock
    }

    public func fullState() -> [UInt8] { log.snapshot() }

    public func mergeFull(_ data: [UInt8]) throws { _ = try log.merge(data, now: clock.now()) }

    public func mergeDelta(_ data: [UInt8]) -> Bool { ((try? log.merge(data, now: clock.now())) ?? 0) > 0 }

    /// Gossips each record this node writes.
    public func connect(broadcast: @escaping @Sendable ([UInt8]) -> Void) {
        log.setBroadcaster(broadcast)
    }
}
