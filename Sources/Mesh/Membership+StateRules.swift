import Wire

/// memberlist `state.go`: `aliveNode`, `suspectNode`, `deadNode` and `refute`.
extension Membership {
    mutating func aliveNode(_ a: Memberlist.Alive, bootstrap: Bool, now: Duration, actions: inout [MeshAction]) {
        let isLocal = a.node == config.name
        if leaving && isLocal { return }
        if a.vsn.count >= 3 {
            guard a.vsn[0] != 0, a.vsn[1] != 0, a.vsn[0] <= a.vsn[1] else { return }
        }
        // Alertmanager sets an Alive delegate, so memberlist requires a 6-byte Vsn.
        guard a.vsn.count >= 6, !a.node.isEmpty else { return }
        var record: NodeRecord
        var reclaim = false
        if let existing = nodes[a.node] {
            record = existing
            if existing.addr != a.addr || existing.port != a.port {
                // Conflicting address: only a node that left may come back elsewhere
                // (DeadNodeReclaimTime is 0 in Alertmanager).
                guard existing.state == .left else { return }
                reclaim = true
            }
        } else {
            record = NodeRecord(name: a.node, addr: a.addr, port: a.port, meta: a.meta ?? [],
                                incarnation: 0, state: .dead, stateChange: now, vsn: a.vsn)
            nodes[a.node] = record
            let slot = probeOrder.isEmpty ? 0 : Int.random(in: 0...probeOrder.count, using: &rng)
            probeOrder.insert(a.node, at: slot)
        }
        if !isLocal && a.incarnation <= record.incarnation && !reclaim { return }
        if isLocal && a.incarnation < record.incarnation { return }
        suspicions[a.node] = nil
        let oldState = record.state
        let oldMeta = record.meta
        if isLocal && !bootstrap {
            if a.incarnation == record.incarnation && (a.meta ?? []) == record.meta && a.vsn == record.vsn { return }
            refute(accused: a.incarnation, now: now)
            return
        }
        queueOwn(.alive, a, name: a.node)
        record.vsn = Array(a.vsn.prefix(6))
        record.incarnation = a.incarnation
        record.meta = a.meta ?? []
        record.addr = a.addr
        record.port = a.port
        if record.state != .alive {
            record.state = .alive
            record.stateChange = now
        }
        nodes[a.node] = record
        if oldState == .dead || oldState == .left {
            nodeJoined(record, actions: &actions)
        } else if oldMeta != record.meta {
            eventCounts.updated += 1
            actions.append(.memberEvent(.updated(memberValue(record))))
        }
    }

    mutating func suspectNode(_ s: Memberlist.Suspect, now: Duration, actions: inout [MeshAction]) {
        guard var record = nodes[s.node], s.incarnation >= record.incarnation else { return }
        if var timer = suspicions[s.node] {
            if timer.confirm(from: s.from) { queueOwn(.suspect, s, name: s.node) }
            suspicions[s.node] = timer
            return
        }
        guard record.state == .alive else { return }
        if s.node == config.name {
            refute(accused: s.incarnation, now: now)
            return
        }
        queueOwn(.suspect, s, name: s.node)
        record.incarnation = s.incarnation
        record.state = .suspect
        record.stateChange = now
        nodes[s.node] = record
        let n = estimatedNodes
        var k = config.suspicionMult - 2
        if n - 2 < k { k = 0 }
        let minimum = Suspicion.baseTimeout(mult: config.suspicionMult, nodes: n, interval: config.probeInterval)
        let maximum = minimum * config.suspicionMaxTimeoutMult
        suspicions[s.node] = Suspicion(from: s.from, k: k, min: minimum, max: maximum, start: now)
    }

    mutating func deadNode(_ d: Memberlist.Dead, now: Duration, actions: inout [MeshAction]) {
        guard var record = nodes[d.node], d.incarnation >= record.incarnation else { return }
        suspicions[d.node] = nil
        if record.isDeadOrLeft { return }
        if d.node == config.name && !leaving {
            refute(accused: d.incarnation, now: now)
            return
        }
        queueOwn(.dead, d, name: d.node)
        record.incarnation = d.incarnation
        record.state = d.node == d.from ? .left : .dead
        record.stateChange = now
        nodes[d.node] = record
        nodeLeft(record, actions: &actions)
    }

    /// Raises our incarnation above the accusation and broadcasts `alive` (plus +1 awareness).
    mutating func refute(accused: UInt32, now: Duration) {
        var next = incarnation &+ 1
        if accused >= next { next = accused &+ 1 }
        incarnation = next
        awareness.apply(1)
        if var me = nodes[config.name] {
            me.incarnation = next
            nodes[config.name] = me
        }
        let alive = Memberlist.Alive(incarnation: next, node: config.name, addr: config.advertise.ip,
                                     port: config.advertise.port, meta: config.meta, vsn: config.vsn)
        queueOwn(.alive, alive, name: config.name)
    }

    /// Handles a suspicion timer running out (memberlist's suspicion `timeoutFn`).
    mutating func tickSuspicions(now: Duration, actions: inout [MeshAction]) {
        for (name, timer) in suspicions where timer.deadline <= now {
            suspicions[name] = nil
            guard let record = nodes[name], record.state == .suspect, record.stateChange == timer.start else { continue }
            deadNode(Memberlist.Dead(incarnation: record.incarnation, node: name, from: config.name),
                     now: now, actions: &actions)
        }
    }

    mutating func queueOwn(_ type: Memberlist.MessageType, _ body: some MsgPackStruct, name: String) {
        ownQueue.queue(Memberlist.message(type, body), name: name)
    }

    /// `NotifyJoin`: Alertmanager removes the peer's address from its failed list.
    mutating func nodeJoined(_ record: NodeRecord, actions: inout [MeshAction]) {
        failedPeers[record.endpoint] = nil
        eventCounts.joined += 1
        actions.append(.memberEvent(.joined(memberValue(record))))
    }

    /// `NotifyLeave`: Alertmanager adds the peer to its failed list for reconnects.
    mutating func nodeLeft(_ record: NodeRecord, actions: inout [MeshAction]) {
        if record.name != config.name { failedPeers[record.endpoint] = record.stateChange }
        eventCounts.left += 1
        actions.append(.memberEvent(.left(memberValue(record))))
    }
}
