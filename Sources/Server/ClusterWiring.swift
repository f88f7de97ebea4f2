import AlertCore
import Foundation
import Mesh
import MeshTransport
import NotificationLog
import Notify
import Silences
import Wire

/// The silences store as the mesh's `"sil"` channel: full state = the snapshot bytes,
/// deltas = delimited `MeshSilence` messages merged with Alertmanager's rules.
final class SilencesReplica: ReplicatedState {
    let key = "sil"
    let silences: Silences

    init(_ silences: Silences) { self.silences = silences }

    func fullState() -> [UInt8] { silences.snapshot() }

    /// Like Alertmanager's `Silences.Merge`, every entry is decoded before any is merged:
    /// one bad entry (e.g. a timestamp past 9999) rejects the whole buffer.
    func mergeFull(_ data: [UInt8]) throws {
        for e in try decodeAll(data) { silences.merge(e) }
    }

    func mergeDelta(_ data: [UInt8]) -> Bool {
        guard let entries = try? decodeAll(data) else { return false }
        var accepted = false
        for e in entries where silences.merge(e) { accepted = true }
        return accepted
    }

    private func decodeAll(_ data: [UInt8]) throws -> [MeshSilence] {
        try Delimited.read(data, as: Silencepb_MeshSilence.self).map { m throws in try SilencesCodec.decode(m) }
    }

    /// Gossips local changes.
    func connect(_ node: MeshNode) {
        silences.setOnChange { entries in
            for e in entries {
                if let bytes = try? Delimited.write(SilencesCodec.encode(e)) { node.broadcast(key: "sil", data: bytes) }
            }
        }
    }
}

/// The notification log as the mesh's `"nfl"` channel.
final class NotificationLogReplica: ReplicatedState {
    let key = "nfl"
    let log: NotificationLog
    let clock: any TimeSource

    init(_ log: NotificationLog, clock: any TimeSource) {
        self.log = log
        self.clock = clock
    }

    func fullState() -> [UInt8] { log.snapshot() }

    func mergeFull(_ data: [UInt8]) throws { _ = try log.merge(data, now: clock.now()) }

    func mergeDelta(_ data: [UInt8]) -> Bool { ((try? log.merge(data, now: clock.now())) ?? 0) > 0 }

    func connect(_ node: MeshNode) {
        log.setBroadcaster { bytes in node.broadcast(key: "nfl", data: bytes) }
    }
}

/// The pipeline's view of the mesh: the settle gate (bounded by `--cluster.settle-timeout`)
/// and this node's position, which delays its notifications by position × peer timeout.
struct MeshPeer: ClusterPeer {
    let node: MeshNode
    let settleTimeout: TimeInterval

    func waitReady() async {
        if settleTimeout <= 0 { return }
        let node = self.node
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await node.waitReady() }
            group.addTask { try? await Task.sleep(for: .seconds(settleTimeout)) }
            await group.next()
            group.cancelAll()
        }
    }

    var position: Int { node.position }
    var peerTimeout: TimeInterval { node.config.peerTimeout.seconds }
}

extension Duration {
    var seconds: TimeInterval {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}

extension MeshConfig {
    /// The mesh settings from Alertmanager's `--cluster.*` flags.
    init?(flags: ServerFlags, peerName: String) {
        guard !flags.clusterListenAddress.isEmpty, let (host, port) = WebSettings.hostPort(flags.clusterListenAddress) else {
            return nil
        }
        self.init(peerName: peerName, listenHost: host, listenPort: port, peers: flags.clusterPeers)
        if !flags.clusterAdvertiseAddress.isEmpty, let (ah, ap) = WebSettings.hostPort(flags.clusterAdvertiseAddress) {
            advertiseHost = ah
            advertisePort = ap
        }
        func d(_ v: String) -> Duration { .milliseconds(Int64(flags.seconds(v) * 1000)) }
        gossipInterval = d(flags.gossipInterval)
        pushPullInterval = d(flags.pushPullInterval)
        probeInterval = d(flags.probeInterval)
        probeTimeout = d(flags.probeTimeout)
        tcpTimeout = d(flags.tcpTimeout)
        settleTimeout = d(flags.settleTimeout)
        reconnectInterval = d(flags.reconnectInterval)
        reconnectTimeout = d(flags.reconnectTimeout)
        peerTimeout = d(flags.peerTimeout)
        label = flags.clusterLabel.isEmpty ? nil : flags.clusterLabel
        allowInsecurePublicAdvertise = flags.allowInsecurePublicAdvertise
    }
}
