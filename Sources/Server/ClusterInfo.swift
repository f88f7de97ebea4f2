import HTTPAPI

/// What `GET /api/v2/status` says about the cluster until the gossip mesh is wired in:
/// with `--cluster.listen-address` empty, "disabled"; otherwise this node alone, ready
/// (a cluster of one: peers configured with `--cluster.peer` are not joined yet, and the
/// server logs that at start).
struct ClusterInfo: Sendable {
    let enabled: Bool
    let name: String
    let address: String

    init(flags: ServerFlags) {
        enabled = !flags.clusterListenAddress.isEmpty
        name = ULID.make()
        let listen = flags.clusterAdvertiseAddress.isEmpty ? flags.clusterListenAddress : flags.clusterAdvertiseAddress
        if let (host, port) = WebSettings.hostPort(listen) {
            address = "\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)"
        } else {
            address = listen
        }
    }

    var status: APIStatus.ClusterStatus {
        guard enabled else { return .disabled }
        return APIStatus.ClusterStatus(name: name, status: "ready", peers: [APIStatus.Peer(name: name, address: address)])
    }
}
