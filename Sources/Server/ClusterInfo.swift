import APIModel
import HTTPAPI
import MeshTransport

/// What `GET /api/v2/status` says about the cluster: "disabled" without
/// `--cluster.listen-address`, else the mesh's name, status and members.
struct ClusterInfo: Sendable {
    let node: MeshNode?

    var status: APIStatus.ClusterStatus {
        guard let node else { return .disabled }
        let peers = node.peers.map { APIStatus.Peer(name: $0.name, address: $0.address) }.sorted { $0.name < $1.name }
        return APIStatus.ClusterStatus(name: node.name, status: node.status, peers: peers)
    }
}
