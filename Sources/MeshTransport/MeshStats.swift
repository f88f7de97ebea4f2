import Mesh

/// A snapshot of the cluster figures Alertmanager exports as metrics
/// (`alertmanager_cluster_members`, `_failed_peers`, `_health_score`, `alertmanager_peer_position`,
/// `_messages_queued`, `_messages_pruned_total`, `_peers_{joined,left,update}_total`,
/// `_reconnections_total`, `_refresh_join_total`, `_messages_{received,sent}[_size]_total`).
package struct MeshStats: Sendable {
    package var members = 0
    package var failedPeers = 0
    package var healthScore = 0
    package var position = 0
    package var queuedMessages = 0
    package var prunedMessages = 0
    package var peersJoined = 0
    package var peersLeft = 0
    package var peersUpdated = 0
    package var reconnections = 0
    package var refreshJoins = 0
    package var channels = ChannelCounters()
}
