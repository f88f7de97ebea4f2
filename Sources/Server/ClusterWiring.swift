import AlertCore
import Foundation
import Mesh
import MeshTransport
import NotificationLog
import Notify
import Replication
import Silences
import Wire

extension SilencesReplica {
    func connect(_ node: MeshNode) { connect { node.broadcast(key: "sil", data: $0) } }
}

extension NotificationLogReplica {
    func connect(_ node: MeshNode) { connect { node.broadcast(key: "nfl", data: $0) } }
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
