import Foundation
import MeshTransport

/// Alertmanager 0.25's cluster metrics (`cluster/cluster.go`, `cluster/delegate.go`) and the
/// two gossip-propagation counters of the silences and nflog stores, rendered in the text
/// exposition format from `MeshNode.stats` at every scrape. The mesh keeps absolute counts,
/// so rendering them (rather than mirroring them into registry counters) keeps the values exact.
/// Without a cluster Alertmanager registers none of the `alertmanager_cluster_*` series except
/// `alertmanager_cluster_enabled` (in `ServerMetrics`); the propagation counters exist either way.
enum ClusterMetrics {
    static func exposition(node: MeshNode?) -> String {
        var out = MetricsText()
        guard let node else {
            propagation(&out, sil: 0, nfl: 0)
            return out.text
        }
        let stats = node.stats
        let c = stats.channels
        out.gauge("alertmanager_cluster_members", "Number indicating current number of members in cluster.", stats.members)
        out.gauge("alertmanager_cluster_peer_info", "A metric with a constant '1' value labeled by peer name.", 1,
                  labels: [("peer", node.name)])
        out.gauge("alertmanager_peer_position", "Position the Alertmanager instance believes it's in. The position determines a peer's behavior in the cluster.",
                  stats.position)
        out.gauge("alertmanager_cluster_health_score", "Health score of the cluster. Lower values are better and zero means 'totally healthy'.",
                  stats.healthScore)
        out.gauge("alertmanager_cluster_failed_peers", "Number indicating the current number of failed peers in the cluster.",
                  stats.failedPeers)
        out.gauge("alertmanager_cluster_messages_queued", "Number of cluster messages which are queued.", stats.queuedMessages)
        out.counter("alertmanager_cluster_messages_pruned_total", "Total number of cluster messages pruned.", stats.prunedMessages)
        out.counter("alertmanager_cluster_messages_received_total", "Total number of cluster messages received.",
                    byType(full: c.fullStateReceived, update: c.updatesReceived))
        out.counter("alertmanager_cluster_messages_received_size_total", "Total size of cluster messages received.",
                    byType(full: c.fullStateReceivedBytes, update: c.updatesReceivedBytes))
        out.counter("alertmanager_cluster_messages_sent_total", "Total number of cluster messages sent.",
                    byType(full: c.fullStateSent, update: c.updatesSent))
        out.counter("alertmanager_cluster_messages_sent_size_total", "Total size of cluster messages sent.",
                    byType(full: c.fullStateSentBytes, update: c.updatesSentBytes))
        out.counter("alertmanager_cluster_peers_joined_total", "A counter of the number of peers that have joined.", stats.peersJoined)
        out.counter("alertmanager_cluster_peers_left_total", "A counter of the number of peers that have left.", stats.peersLeft)
        out.counter("alertmanager_cluster_peers_update_total", "A counter of the number of peers that have updated metadata.",
                    stats.peersUpdated)
        out.counter("alertmanager_cluster_reconnections_total", "A counter of the number of cluster peer reconnections.",
                    stats.reconnections)
        out.counter("alertmanager_cluster_refresh_join_total", "A counter of the number of cluster peer joined via refresh.",
                    stats.refreshJoins)
        out.counter("alertmanager_oversized_gossip_message_sent_total", "Number of oversized gossip message sent.",
                    ["nfl", "sil"].map { ([("key", $0)], c.oversizedSent[$0] ?? 0) })
        let rejected = node.inbound.rejections
        out.counter("tocsin_cluster_inbound_rejected_total",
                    "Gossip input from peers refused for exceeding a limit (docs/operations.md), by reason.",
                    rejected.keys.sorted { $0.rawValue < $1.rawValue }.map { ([("reason", $0.rawValue)], rejected[$0] ?? 0) })
        propagation(&out, sil: c.propagated["sil"] ?? 0, nfl: c.propagated["nfl"] ?? 0)
        return out.text
    }

    private static func byType(full: Int, update: Int) -> [([(String, String)], Int)] {
        [([("msg_type", "full_state")], full), ([("msg_type", "update")], update)]
    }

    private static func propagation(_ out: inout MetricsText, sil: Int, nfl: Int) {
        out.counter("alertmanager_silences_gossip_messages_propagated_total", "Number of received gossip messages that have been further gossiped.", sil)
        out.counter("alertmanager_nflog_gossip_messages_propagated_total", "Number of received gossip messages that have been further gossiped.", nfl)
    }
}

/// A small builder for Prometheus text exposition lines.
struct MetricsText {
    private(set) var text = ""

    mutating func gauge(_ name: String, _ help: String, _ value: Int, labels: [(String, String)] = []) {
        family(name, help, "gauge", [(labels, value)])
    }

    mutating func counter(_ name: String, _ help: String, _ value: Int) {
        family(name, help, "counter", [([], value)])
    }

    mutating func counter(_ name: String, _ help: String, _ series: [([(String, String)], Int)]) {
        family(name, help, "counter", series)
    }

    private mutating func family(_ name: String, _ help: String, _ type: String, _ series: [([(String, String)], Int)]) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        for (labels, value) in series {
            let rendered = labels.isEmpty ? "" : "{" + labels.map { "\($0.0)=\"\(escape($0.1))\"" }.joined(separator: ",") + "}"
            text += "\(name)\(rendered) \(value)\n"
        }
    }

    private func escape(_ v: String) -> String {
        v.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
