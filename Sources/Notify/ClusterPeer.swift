import AlertCore
import Foundation

/// What the pipeline needs from the cluster: wait until gossip has settled (Alertmanager's
/// `GossipSettleStage`), and this node's position in the sorted member list, which delays
/// its notifications by `position × peerTimeout` so that peer 0 sends first and the others
/// find its log entry and stay quiet (`WaitStage`).
public protocol ClusterPeer: Sendable {
    func waitReady() async
    var position: Int { get }
    /// `--cluster.peer-timeout` (default 15s), in seconds.
    var peerTimeout: Foundation.TimeInterval { get }
}

/// A node without a cluster: always ready, position 0, no wait.
public struct SinglePeer: ClusterPeer {
    public init() {}
    public func waitReady() async {}
    public var position: Int { 0 }
    public var peerTimeout: Foundation.TimeInterval { 0 }
}

/// How the pipeline waits (cluster wait, backoff between attempts). Production sleeps on the
/// task clock; tests advance a manual clock instead, so no test sleeps.
public protocol Sleeper: Sendable {
    /// Waits `seconds` (returns at once when <= 0). Throws when the task is cancelled.
    func sleep(seconds: Foundation.TimeInterval) async throws
}

/// Sleeps with `Task.sleep`.
public struct TaskSleeper: Sleeper {
    public init() {}
    public func sleep(seconds: Foundation.TimeInterval) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }
}

/// Decides whether an alert is muted at `now` (Alertmanager's `types.Muter`): the inhibitor
/// and the silencer. Implementations update the `AlertMarker` themselves.
public protocol Muter: Sendable {
    func mutes(_ alert: Alert, now: Date) -> Bool
}

extension Muter {
    /// The alerts that are not muted, in their order (`MuteStage`).
    public func unmuted(_ alerts: [Alert], now: Date) -> [Alert] {
        alerts.filter { !mutes($0, now: now) }
    }
}
