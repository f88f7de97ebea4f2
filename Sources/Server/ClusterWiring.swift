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

extension SendClaimReplica {
    func connect(_ node: MeshNode) { connect { node.broadcast(key: SendClaimReplica.channel, data: $0) } }
}

/// The pipeline's view of the mesh: the settle gate (bounded by `--cluster.settle-timeout`)
/// and this node's position, which delays its notifications by position × peer timeout.
struct MeshPeer: ClusterPeer, ClaimCoordinator {
    let node: MeshNode
    let settleTimeout: Duration
    let clock: any TimeSource
    /// Send claims, gossiped on their own channel (issue #17).
    let claims: SendClaimStore

    var nodeName: String { node.name }

    func takeoverRank(excluding holder: String) -> Int {
        node.peers.map(\.name).filter { $0 != holder }.firstIndex(of: node.name) ?? node.position
    }

    func unseenPeers() -> [String] { node.unreachablePeers }

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
        timings.gossipInterval = flags.gossipInterval.value
        timings.pushPullInterval = flags.pushPullInterval.value
        timings.probeInterval = flags.probeInterval.value
        timings.probeTimeout = flags.probeTimeout.value
        tcpTimeout = flags.tcpTimeout.value
        timings.settleTimeout = flags.settleTimeout.value
        timings.reconnectInterval = flags.reconnectInterval.value
        timings.reconnectTimeout = flags.reconnectTimeout.value
        peerTimeout = flags.peerTimeout.value
        label = flags.clusterLabel.isEmpty ? nil : flags.clusterLabel
        allowInsecurePublicAdvertise = flags.allowInsecurePublicAdvertise
        streamLimits = Memberlist.StreamLimits(maxBytes: flags.maxStreamBytes,
                                               maxDecompressedBytes: flags.maxStreamDecompressedBytes,
                                               maxNodes: flags.maxPushPullNodes)
        maxInboundStreams = flags.maxInboundStreams
    }
}
