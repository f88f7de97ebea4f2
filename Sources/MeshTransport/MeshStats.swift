import Mesh

/// A snapshot of the cluster figures Alertmanager exports as metrics
/// (`alertmanager_cluster_members`, `_failed_peers`, `_health_score`, `alertmanager_peer_position`,
/// `_messages_queued`, `_messages_pruned_total`, `_peers_{joined,left,update}_total`,
/// `_reconnections_total`, `_refresh_join_total`, `_messages_{received,sent}[_size]_total`).
public struct MeshStats: Sendable {
    public var members = 0
    public var failedPeers = 0
    public var healthScore = 0
    public var position = 0
    public var queuedMessages = 0
    public var prunedMessages = 0
    public var peersJoined = 0
    public var peersLeft = 0
    public var peersUpdated = 0
    public var reconnections = 0
    public var refreshJoins = 0
    public var channels = ChannelCounters()
}
