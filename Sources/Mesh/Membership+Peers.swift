import Wire

/// Alertmanager's `cluster.go` peer handling on top of memberlist: initial join of the
/// resolved `--cluster.peer`s, the failed-peer list re-joined every reconnect interval and
/// pruned after the reconnect timeout, the 15s refresh (re-resolve and join peers that are not
/// members), and leave.
extension Membership {
    /// The shell resolved the configured peers. `initial` is the start-up resolution (peers go
    /// on the failed list and are joined); otherwise it is a refresh (join the ones that are
    /// not the address of a current member).
    package mutating func peersResolved(_ endpoints: [Endpoint], initial: Bool, now: Duration) -> [MeshAction] {
        var actions: [MeshAction] = []
        let unique = Array(Set(endpoints)).sorted()
        if initial {
            for endpoint in unique where endpoint != config.advertise {
                failedPeers[endpoint] = now
                startPushPull(to: endpoint, join: true, actions: &actions)
            }
        } else {
            let memberAddresses = Set(members.map(\.endpoint))
            for endpoint in unique where endpoint != config.advertise && !memberAddresses.contains(endpoint) {
                refreshJoins += 1
                startPushPull(to: endpoint, join: true, actions: &actions)
            }
        }
        return actions
    }

    /// Joins extra addresses now (memberlist `Join`).
    package mutating func join(_ endpoints: [Endpoint], now: Duration) -> [MeshAction] {
        var actions: [MeshAction] = []
        for endpoint in endpoints where endpoint != config.advertise {
            startPushPull(to: endpoint, join: true, actions: &actions)
        }
        return actions
    }

    mutating func tickPeers(now: Duration, actions: inout [MeshAction]) {
        if let due = timers.reconnect, now >= due {
            timers.reconnect = now + config.reconnectInterval
            for endpoint in failedPeers.keys.sorted() {
                reconnections += 1
                startPushPull(to: endpoint, join: true, actions: &actions)
            }
        }
        if let due = timers.prune, now >= due {
            timers.prune = now + config.failedPeerPruneInterval
            failedPeers = failedPeers.filter { now - $0.value < config.reconnectTimeout }
        }
        if let due = timers.refresh, now >= due {
            timers.refresh = now + config.refreshInterval
            if !config.peers.isEmpty { actions.append(.resolvePeers(config.peers, initial: false)) }
        }
    }

    /// memberlist `Leave`: broadcast `dead{self, From: self}` (peers record us as left).
    /// Keep ticking until `leavePending` is false or the leave timeout passes.
    package mutating func leave(now: Duration) -> [MeshAction] {
        guard started, !leaving else { return [] }
        leaving = true
        var actions: [MeshAction] = []
        deadNode(Memberlist.Dead(incarnation: incarnation, node: config.name, from: config.name), now: now, actions: &actions)
        return actions
    }
}

extension Membership where Delegate == ReplicatedChannels {
    /// Registers a replicated store under its key (Alertmanager `AddState`).
    package mutating func register(_ state: any ReplicatedState) {
        delegate.register(state)
    }

    /// Broadcasts a local change (Alertmanager `Channel.Broadcast`): queued for gossip when the
    /// Part is ≤ 700 bytes, otherwise sent by TCP to every other member.
    package mutating func broadcast(key: String, data: [UInt8], now: Duration) -> [MeshAction] {
        let queued = delegate.queuedBroadcasts
        delegate.broadcast(key: key, data: data)
        var actions: [MeshAction] = []
        drainOversized(actions: &actions)
        if config.eagerGossip && delegate.queuedBroadcasts > queued { gossip(now: now, actions: &actions) }
        return actions
    }
}

/// The membership machine with Alertmanager's channels as its delegate.
package typealias MeshMembership = Membership<ReplicatedChannels>
