import AlertCore
import Mesh
import NotificationLog

/// The notification log as the mesh's `"nfl"` channel (Alertmanager's `nflog.go`
/// `MarshalBinary`/`Merge`).
package final class NotificationLogReplica: ReplicatedState {
    package let key = "nfl"
    package let log: NotificationLogStore
    let clock: any TimeSource

    package init(_ log: NotificationLogStore, clock: any TimeSource) {
        self.log = log
        self.clock = clock
    }

    package func fullState() -> [UInt8] { log.snapshot(ordered: false) }

    package func mergeFull(_ data: [UInt8]) throws { _ = try log.merge(data, now: clock.now()) }

    package func mergeDelta(_ data: [UInt8]) -> Bool { ((try? log.merge(data, now: clock.now())) ?? 0) > 0 }

    /// Gossips each record this node writes.
    package func connect(broadcast: @escaping @Sendable ([UInt8]) -> Void) {
        log.setBroadcaster(broadcast)
    }
}
