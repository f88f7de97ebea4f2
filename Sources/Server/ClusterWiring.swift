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

/// The pipeline's view of the mesh: the settle gate (bounded by `--cluster.settle-timeout`,
/// also what `/-/ready` reports) and this node's position, which delays its notifications by
/// position × peer timeout.
struct MeshPeer: ClusterPeer, ClaimCoordinator {
    let node: MeshNode
    let gate: SettleGate
    let clock: any TimeSource
    /// Send claims, gossiped on their own channel (issue #17).
    let claims: SendClaimStore

    init(node: MeshNode, settleTimeout: Duration, clock: any TimeSource, claims: SendClaimStore) {
        self.node = node
        gate = SettleGate(start: clock.now(), timeout: settleTimeout)
        self.clock = clock
        self.claims = claims
    }

    var nodeName: String { node.name }

    func takeoverRank(excluding holder: String) -> Int {
        node.peers.map(\.name).filter { $0 != holder }.firstIndex(of: node.name) ?? node.position
    }

    func unseenPeers() -> [String] { node.unreachablePeers }

    /// Whether the gate is open now (`/-/ready`).
    var isSettled: Bool { gate.isOpen(meshSettled: node.isReady, now: clock.now()) }

    func waitReady() async {
        if isSettled { return }
        let (node, clock, deadline) = (self.node, self.clock, gate.deadline)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await node.waitReady() }
            group.addTask { try? await clock.sleep(until: deadline) }
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
