import AlertCore
import Foundation

/// What the pipeline needs from the cluster: wait until gossip has settled (Alertmanager's
/// `GossipSettleStage`), and this node's position in the sorted member list, which delays
/// its notifications by `position × peerTimeout` so that peer 0 sends first and the others
/// find its log entry and stay quiet (`WaitStage`).
package protocol ClusterPeer: Sendable {
    func waitReady() async
    var position: Int { get }
    /// `--cluster.peer-timeout` (default 15s).
    var peerTimeout: Duration { get }
}

/// A node without a cluster: always ready, position 0, no wait.
package struct SinglePeer: ClusterPeer {
    package init() {}
    package func waitReady() async {}
    package var position: Int { 0 }
    package var peerTimeout: Duration { .zero }
}

/// Decides whether an alert is muted at `now` (Alertmanager's `types.Muter`): the inhibitor
/// and the silencer. Implementations update the `AlertMarker` themselves.
package protocol Muter: Sendable {
    func mutes(_ alert: Alert, now: Date) -> Bool
}

extension Muter {
    /// The alerts that are not muted, in their order (`MuteStage`).
    package func unmuted(_ alerts: [Alert], now: Date) -> [Alert] {
        alerts.filter { !mutes($0, now: now) }
    }
}
