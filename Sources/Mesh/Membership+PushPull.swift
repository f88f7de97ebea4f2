import Wire

struct PendingPushPull: Sendable {
    var to: Endpoint
    var join: Bool
}

/// Push-pull anti-entropy and TCP streams (memberlist `pushPull`, `handleConn`, `mergeState`,
/// `verifyProtocol`).
extension Membership {
    /// Our node table as sent in a push-pull (dead and left nodes included until reaped).
    func localNodeStates() -> [Memberlist.PushNodeState] {
        nodes.values.sorted { $0.name < $1.name }.map { $0.pushState() }
    }

    mutating func pushPullRequest(join: Bool) -> [UInt8] {
        let pushPull = Memberlist.PushPull(join: join, nodes: localNodeStates(), userState: delegate.localState(join: join))
        return Memberlist.encodeStreamMessage(.pushPull(pushPull))
    }

    /// Starts a push-pull with `endpoint` (a join when `join` is true).
    mutating func startPushPull(to endpoint: Endpoint, join: Bool, actions: inout [MeshAction]) {
        nextPushPullID += 1
        pushPulls[nextPushPullID] = PendingPushPull(to: endpoint, join: join)
        actions.append(.pushPull(id: nextPushPullID, to: endpoint, request: pushPullRequest(join: join)))
    }

    mutating func periodicPushPull(now: Duration, actions: inout [MeshAction]) {
        guard let peer = randomNodes(1, where: { $0.state == .alive }).first else { return }
        startPushPull(to: peer.endpoint, join: false, actions: &actions)
    }

    /// The reply of a push-pull we started.
    package mutating func pushPullCompleted(id: UInt64, reply: Memberlist.StreamMessage, now: Duration) -> [MeshAction] {
        guard let pending = pushPulls.removeValue(forKey: id) else { return [] }
        var actions: [MeshAction] = []
        if case let .pushPull(remote) = reply {
            mergeRemote(remote, join: pending.join, now: now, actions: &actions)
        }
        return actions
    }

    /// A push-pull we started could not complete (connect, timeout or decode failure).
    package mutating func pushPullFailed(id: UInt64, now: Duration) -> [MeshAction] {
        pushPulls[id] = nil
        return []
    }

    /// Handles one message read from an inbound TCP stream; the reply (if any) goes back on
    /// the same connection before it is closed.
    package mutating func handleStream(_ message: Memberlist.StreamMessage, from: Endpoint, now: Duration) -> StreamReply {
        var actions: [MeshAction] = []
        switch message {
        case let .pushPull(remote):
            let reply = pushPullRequest(join: remote.join)
            mergeRemote(remote, join: remote.join, now: now, actions: &actions)
            return StreamReply(reply: reply, actions: actions)
        case let .user(payload):
            if !payload.isEmpty { deliverUserMessage(payload, now: now, actions: &actions) }
            return StreamReply(reply: nil, actions: actions)
        case let .ping(ping):
            guard ping.node.isEmpty || ping.node == config.name else { return StreamReply(reply: nil, actions: []) }
            let ack = Memberlist.encodeStreamMessage(.ack(Memberlist.AckResponse(seqNo: ping.seqNo, payload: nil)))
            return StreamReply(reply: ack, actions: [])
        case .ack, .error:
            return StreamReply(reply: nil, actions: [])
        }
    }

    mutating func mergeRemote(_ remote: Memberlist.PushPull, join: Bool, now: Duration, actions: inout [MeshAction]) {
        guard verifyProtocol(remote.nodes) else { return }
        // Only a peer's state counts (a node restarted into a running cluster).
        if remote.nodes.contains(where: { $0.name != config.name }) { settle.synced = true }
        for node in remote.nodes {
            switch node.state {
            case .alive:
                let alive = Memberlist.Alive(incarnation: node.incarnation, node: node.name, addr: node.addr,
                                             port: node.port, meta: node.meta, vsn: node.vsn)
                aliveNode(alive, bootstrap: false, now: now, actions: &actions)
            case .left:
                deadNode(Memberlist.Dead(incarnation: node.incarnation, node: node.name, from: node.name),
                         now: now, actions: &actions)
            default:
                // A remote dead or suspect only makes us suspect the node.
                suspectNode(Memberlist.Suspect(incarnation: node.incarnation, node: node.name, from: config.name),
                            now: now, actions: &actions)
            }
        }
        if !remote.userState.isEmpty {
            delegate.mergeRemoteState(remote.userState, join: join)
            drainOversized(actions: &actions)
        }
    }

    /// memberlist `verifyProtocol`: every listed node's current protocol and delegate versions
    /// must lie within the ranges all alive nodes support; otherwise the push-pull is rejected.
    func verifyProtocol(_ remote: [Memberlist.PushNodeState]) -> Bool {
        var maxPMin: UInt8 = 0, minPMax: UInt8 = .max, maxDMin: UInt8 = 0, minDMax: UInt8 = .max
        func include(_ vsn: [UInt8]) {
            guard vsn.count >= 6 else { return }
            maxPMin = max(maxPMin, vsn[0]); minPMax = min(minPMax, vsn[1])
            maxDMin = max(maxDMin, vsn[3]); minDMax = min(minDMax, vsn[4])
        }
        for node in remote where node.state == .alive && !node.vsn.isEmpty { include(node.vsn) }
        for node in nodes.values where node.state == .alive { include(node.vsn) }
        func fits(_ vsn: [UInt8]) -> Bool {
            let pCur = vsn.count >= 6 ? vsn[2] : 0, dCur = vsn.count >= 6 ? vsn[5] : 0
            return maxPMin <= pCur && pCur <= minPMax && maxDMin <= dCur && dCur <= minDMax
        }
        return remote.allSatisfy { fits($0.vsn) } && nodes.values.allSatisfy { fits($0.vsn) }
    }
}
