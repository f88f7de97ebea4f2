import Wire

/// An outstanding ack we wait for (memberlist `ackHandlers`).
enum AckKind: Sendable, Equatable {
    /// Our own probe of a node.
    case probe
    /// A ping we sent on behalf of an indirect-ping requester.
    case relay(originalSeq: UInt32, replyTo: Endpoint, wantsNack: Bool)
}

struct AckHandler: Sendable {
    var kind: AckKind
    var deadline: Duration
}

/// The probe in progress (memberlist `probeNode`).
struct ProbeState: Sendable {
    var seq: UInt32
    var target: String
    var directDeadline: Duration
    var finalDeadline: Duration
    var indirectSent = false
    var expectedNacks = 0
    var nacks = 0
}

/// SWIM failure detection: one probe per `ProbeInterval`, direct ping, indirect pings through
/// `IndirectChecks` members after `ProbeTimeout`, suspicion when nothing answers.
extension Membership {
    mutating func tickProbe(now: Duration, actions: inout [MeshAction]) {
        if let current = probe {
            if !current.indirectSent && now >= current.directDeadline {
                sendIndirectPings(now: now, actions: &actions)
            }
            if let current = probe, now >= current.finalDeadline {
                finishProbe(success: false, now: now, actions: &actions)
            }
            return
        }
        guard let due = timers.probe, now >= due else { return }
        timers.probe = now + config.probeInterval
        guard let target = nextProbeTarget(now: now) else { return }
        probeNode(target, now: now, actions: &actions)
    }

    /// Round-robin over the shuffled probe list, skipping self and dead/left nodes; a wrap
    /// reaps long-dead nodes and reshuffles (memberlist `resetNodes`).
    mutating func nextProbeTarget(now: Duration) -> NodeRecord? {
        var checked = 0
        while checked <= probeOrder.count {
            if probeIndex >= probeOrder.count {
                resetNodes(now: now)
                probeIndex = 0
                checked += 1
                continue
            }
            let name = probeOrder[probeIndex]
            probeIndex += 1
            checked += 1
            guard name != config.name, let record = nodes[name], !record.isDeadOrLeft else { continue }
            return record
        }
        return nil
    }

    mutating func resetNodes(now: Duration) {
        let reaped = nodes.values.filter { $0.isDeadOrLeft && now - $0.stateChange > config.gossipToTheDeadTime }
        for record in reaped where record.name != config.name {
            nodes[record.name] = nil
            suspicions[record.name] = nil
        }
        probeOrder = probeOrder.filter { nodes[$0] != nil }
        probeOrder.shuffle(using: &rng)
    }

    mutating func probeNode(_ target: NodeRecord, now: Duration, actions: inout [MeshAction]) {
        let seq = nextSequence()
        let ping = Memberlist.Ping(seqNo: seq, node: target.name, sourceAddr: config.advertise.ip,
                                   sourcePort: config.advertise.port, sourceNode: config.name)
        let interval = awareness.scale(config.probeInterval)
        if target.state == .alive {
            sendMessage(Memberlist.message(.ping, ping), to: target.endpoint, actions: &actions)
        } else {
            // Lifeguard buddy system: tell a suspect node it is suspected so it can refute.
            let suspect = Memberlist.Suspect(incarnation: target.incarnation, node: target.name, from: config.name)
            let parts = [Memberlist.message(.ping, ping), Memberlist.message(.suspect, suspect)]
            if let compound = try? Memberlist.compoundMessage(parts) {
                sendRaw(compound, to: target.endpoint, node: target, actions: &actions)
            }
        }
        probe = ProbeState(seq: seq, target: target.name, directDeadline: now + config.probeTimeout,
                           finalDeadline: now + interval)
        ackHandlers[seq] = AckHandler(kind: .probe, deadline: now + interval)
    }

    mutating func sendIndirectPings(now: Duration, actions: inout [MeshAction]) {
        guard var current = probe else { return }
        current.indirectSent = true
        // A target reaped meanwhile gets no indirect pings; the probe still moves on to its
        // final deadline (else its passed direct deadline would stay the next wakeup).
        guard let target = nodes[current.target] else {
            probe = current
            return
        }
        let relays = randomNodes(config.indirectChecks) { $0.state == .alive && $0.name != target.name }
        for relay in relays {
            var request = Memberlist.IndirectPingRequest()
            request.seqNo = current.seq
            request.target = target.addr
            request.port = target.port
            request.node = target.name
            request.nack = relay.protocolMax >= 4
            request.sourceAddr = config.advertise.ip
            request.sourcePort = config.advertise.port
            request.sourceNode = config.name
            if request.nack { current.expectedNacks += 1 }
            sendMessage(Memberlist.message(.indirectPing, request), to: relay.endpoint, actions: &actions)
        }
        probe = current
        // memberlist also tries a TCP ping to nodes that speak protocol ≥ 3.
        if target.protocolMax >= 3 {
            let ping = Memberlist.Ping(seqNo: current.seq, node: target.name, sourceAddr: config.advertise.ip,
                                       sourcePort: config.advertise.port, sourceNode: config.name)
            actions.append(.streamPing(seq: current.seq, to: target.endpoint,
                                       request: Memberlist.encodeStreamMessage(.ping(ping))))
        }
    }

    /// The answer to a TCP fallback ping: an ack with the probe's sequence counts as success.
    package mutating func streamPingCompleted(seq: UInt32, reply: Memberlist.StreamMessage, now: Duration) -> [MeshAction] {
        guard case let .ack(ack) = reply, ack.seqNo == seq, probe?.seq == seq else { return [] }
        var actions: [MeshAction] = []
        finishProbe(success: true, now: now, actions: &actions)
        return actions
    }

    mutating func finishProbe(success: Bool, now: Duration, actions: inout [MeshAction]) {
        guard let current = probe else { return }
        probe = nil
        ackHandlers[current.seq] = nil
        if success {
            awareness.apply(-1)
            return
        }
        if current.expectedNacks > 0 {
            awareness.apply(max(0, current.expectedNacks - current.nacks))
        } else {
            awareness.apply(1)
        }
        guard let target = nodes[current.target] else { return }
        suspectNode(Memberlist.Suspect(incarnation: target.incarnation, node: target.name, from: config.name),
                    now: now, actions: &actions)
    }

    /// Expires relay handlers, sending a nack when the requester asked for one.
    mutating func tickAckHandlers(now: Duration, actions: inout [MeshAction]) {
        for (seq, handler) in ackHandlers where handler.deadline <= now {
            guard case let .relay(original, replyTo, wantsNack) = handler.kind else { continue }
            ackHandlers[seq] = nil
            if wantsNack {
                sendMessage(Memberlist.message(.nackResponse, Memberlist.NackResponse(seqNo: original)),
                            to: replyTo, actions: &actions)
            }
        }
    }
}
