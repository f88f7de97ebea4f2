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

    func mergeFull(_ data: [UInt8]) throws {
        for m in try Delimited.read(data, as: Silencepb_MeshSilence.self) {
            silences.merge(try SilencesCodec.decode(m))
        }
    }

    func mergeDelta(_ data: [UInt8]) -> Bool {
        guard let messages = try? Delimited.read(data, as: Silencepb_MeshSilence.self) else { return false }
        var accepted = false
        for m in messages {
            if let e = try? SilencesCodec.decode(m), silences.merge(e) { accepted = true }
        }
        return accepted
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
    let settleTimeout: Duration
    let clock: any TimeSource

    func waitReady() async {
        if settleTimeout <= .zero { return }
        let (node, clock, timeout) = (self.node, self.clock, settleTimeout)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await node.waitReady() }
            group.addTask { try? await clock.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    var position: Int { node.position }
    var peerTimeout: Duration { node.config.peerTimeout }
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
        gossipInterval = flags.gossipInterval.value
        pushPullInterval = flags.pushPullInterval.value
        probeInterval = flags.probeInterval.value
        probeTimeout = flags.probeTimeout.value
        tcpTimeout = flags.tcpTimeout.value
        settleTimeout = flags.settleTimeout.value
        reconnectInterval = flags.reconnectInterval.value
        reconnectTimeout = flags.reconnectTimeout.value
        peerTimeout = flags.peerTimeout.value
        label = flags.clusterLabel.isEmpty ? nil : flags.clusterLabel
        allowInsecurePublicAdvertise = flags.allowInsecurePublicAdvertise
    }
}
