import Wire

/// memberlist `ingestPacket`/`handleCommand`: what each UDP message does.
extension Membership {
    /// Handles one datagram received from `from` (the UDP source address).
    package mutating func handlePacket(_ bytes: [UInt8], from: Endpoint, now: Duration) -> [MeshAction] {
        guard started else { return [] }
        guard let packet = try? Memberlist.decodePacket(bytes), packet.label == config.label else { return [] }
        var actions: [MeshAction] = []
        if packet.problems.contains(where: { if case .framing(.badLZW(.outputTooLarge)) = $0 { true } else { false } }) {
            actions.append(.rejected(.udpDecompressedTooLarge, from: from))
        }
        for message in packet.messages {
            handle(message, from: from, now: now, actions: &actions)
        }
        return actions
    }

    mutating func handle(_ message: Memberlist.PacketMessage, from: Endpoint, now: Duration, actions: inout [MeshAction]) {
        switch message {
        case let .ping(ping):
            guard ping.node.isEmpty || ping.node == config.name else { return }
            let ack = Memberlist.AckResponse(seqNo: ping.seqNo, payload: [])
            sendMessage(Memberlist.message(.ackResponse, ack), to: replyAddress(ping.sourceAddr, ping.sourcePort, from),
                        actions: &actions)
        case let .indirectPing(request):
            let seq = nextSequence()
            let ping = Memberlist.Ping(seqNo: seq, node: request.node, sourceAddr: config.advertise.ip,
                                       sourcePort: config.advertise.port, sourceNode: config.name)
            let replyTo = replyAddress(request.sourceAddr, request.sourcePort, from)
            ackHandlers[seq] = AckHandler(kind: .relay(originalSeq: request.seqNo, replyTo: replyTo, wantsNack: request.nack),
                                          deadline: now + config.probeTimeout)
            sendMessage(Memberlist.message(.ping, ping), to: Endpoint(ip: request.target, port: request.port),
                        actions: &actions)
        case let .ack(ack):
            guard let handler = ackHandlers[ack.seqNo] else { return }
            ackHandlers[ack.seqNo] = nil
            switch handler.kind {
            case .probe:
                if probe?.seq == ack.seqNo { finishProbe(success: true, now: now, actions: &actions) }
            case let .relay(original, replyTo, _):
                let forward = Memberlist.AckResponse(seqNo: original, payload: nil)
                sendMessage(Memberlist.message(.ackResponse, forward), to: replyTo, actions: &actions)
            }
        case let .nack(nack):
            if probe?.seq == nack.seqNo { probe?.nacks += 1 }
        case let .suspect(suspect):
            suspectNode(suspect, now: now, actions: &actions)
        case let .alive(alive):
            aliveNode(alive, bootstrap: false, now: now, actions: &actions)
        case let .dead(dead):
            deadNode(dead, now: now, actions: &actions)
        case let .user(payload):
            deliverUserMessage(payload, now: now, actions: &actions)
        }
    }

    /// `NotifyMsg`, plus an eager gossip round when the delegate queued a re-broadcast.
    mutating func deliverUserMessage(_ payload: [UInt8], now: Duration, actions: inout [MeshAction]) {
        let queued = delegate.queuedBroadcasts
        delegate.notifyMessage(payload)
        drainOversized(actions: &actions)
        if config.eagerGossip && delegate.queuedBroadcasts > queued { gossip(now: now, actions: &actions) }
    }

    func replyAddress(_ addr: [UInt8], _ port: UInt16, _ fallback: Endpoint) -> Endpoint {
        guard !addr.isEmpty, port != 0 else { return fallback }
        return Endpoint(ip: addr, port: port)
    }

    // MARK: - Sending

    /// memberlist `sendMsg`: piggy-backs queued broadcasts on `message` within the UDP budget.
    mutating func sendMessage(_ message: [UInt8], to: Endpoint, actions: inout [MeshAction]) {
        let available = config.udpBufferSize - message.count - 2 - labelOverhead
        let extras = pendingBroadcasts(overhead: 2, limit: available)
        if extras.isEmpty {
            sendRaw(message, to: to, node: nil, actions: &actions)
        } else if let compound = try? Memberlist.compoundMessage([message] + extras) {
            sendRaw(compound, to: to, node: nil, actions: &actions)
        }
    }

    /// memberlist `rawSendMsgPacket`: compress when shorter, CRC for nodes with PMax ≥ 5
    /// (only when the node is known, as memberlist's name lookup allows), then the label.
    mutating func sendRaw(_ message: [UInt8], to: Endpoint, node: NodeRecord?, actions: inout [MeshAction]) {
        var packet = message
        if config.enableCompression {
            let compressed = Memberlist.compressedMessage(message)
            if compressed.count < packet.count { packet = compressed }
        }
        if let node, node.protocolMax >= 5 { packet = Memberlist.addCRC(packet) }
        if !config.label.isEmpty, let labelled = Memberlist.addLabel(config.label, to: packet) { packet = labelled }
        actions.append(.sendPacket(to: to, bytes: packet))
    }

    var labelOverhead: Int { config.label.isEmpty ? 0 : 2 + config.label.count }

    /// memberlist `getBroadcasts`: its own queue first, then the delegate's user messages
    /// each prefixed with the `userMsg` type byte.
    mutating func pendingBroadcasts(overhead: Int, limit: Int) -> [[UInt8]] {
        guard limit > 0 else { return [] }
        var out = ownQueue.getBroadcasts(overhead: overhead, limit: limit, numNodes: estimatedNodes)
        let used = out.reduce(0) { $0 + $1.count + overhead }
        let user = delegate.broadcasts(overhead: overhead + 1, limit: limit - used, numNodes: members.count)
        out += user.map { [Memberlist.MessageType.user.rawValue] + $0 }
        return out
    }

    /// memberlist `gossip`: each interval, queued broadcasts go to `GossipNodes` random alive,
    /// suspect or recently dead nodes.
    mutating func gossip(now: Duration, actions: inout [MeshAction]) {
        let deadWindow = config.gossipToTheDeadTime
        let targets = randomNodes(config.gossipNodes) { record in
            switch record.state {
            case .alive, .suspect: return true
            case .dead: return now - record.stateChange <= deadWindow
            default: return false
            }
        }
        for target in targets {
            let messages = pendingBroadcasts(overhead: 2, limit: config.udpBufferSize - 2 - labelOverhead)
            if messages.isEmpty { return }
            if messages.count == 1 {
                sendRaw(messages[0], to: target.endpoint, node: target, actions: &actions)
            } else if let compounds = try? Memberlist.compoundMessages(messages) {
                for compound in compounds { sendRaw(compound, to: target.endpoint, node: target, actions: &actions) }
            }
        }
    }

    /// Sends the delegate's oversized messages to every other member by TCP
    /// (Alertmanager's `OversizedMessage` worker uses `SendReliable` for each).
    mutating func drainOversized(actions: inout [MeshAction]) {
        let messages = delegate.takeOversized()
        guard !messages.isEmpty else { return }
        let others = nodes.values.filter { $0.isMember && $0.name != config.name }.sorted { $0.name < $1.name }
        for message in messages {
            let bytes = Memberlist.encodeStreamMessage(.user(message))
            for node in others { actions.append(.sendStream(to: node.endpoint, bytes: bytes)) }
        }
    }
}
