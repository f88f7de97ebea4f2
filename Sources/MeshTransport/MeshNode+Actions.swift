import Logging
import Mesh
import Wire

/// Performing the machine's actions through the transport (packets, push-pulls, stream pings
/// and reliable user messages), peer resolution, events.
extension MeshNode {
    func perform(_ actions: [MeshAction]) {
        guard !actions.isEmpty else { return }
        for action in actions {
            switch action {
            case let .sendPacket(to, bytes):
                transport.sendPacket(bytes, to: to)
            case let .pushPull(id, to, request):
                Task { [self] in
                    do {
                        let reply = try await exchange(request, with: to)
                        drive { $0.pushPullCompleted(id: id, reply: reply, now: now) }
                    } catch {
                        logger.debug("push-pull failed", metadata: ["peer": "\(to)", "err": "\(error)"])
                        drive { $0.pushPullFailed(id: id, now: now) }
                    }
                }
            case let .streamPing(seq, to, request):
                Task { [self] in
                    guard let reply = try? await exchange(request, with: to) else { return }
                    drive { $0.streamPingCompleted(seq: seq, reply: reply, now: now) }
                }
            case let .sendStream(to, bytes):
                Task { [self] in
                    do { try await transport.send(framed(bytes), to: to, timeout: config.tcpTimeout) } catch {
                        logger.debug("reliable send failed", metadata: ["peer": "\(to)", "err": "\(error)"])
                    }
                }
            case let .resolvePeers(peers, initial):
                Task { [self] in
                    let endpoints = await resolver.resolve(peers)
                    drive { $0.peersResolved(endpoints, initial: initial, now: now) }
                }
            case let .memberEvent(event):
                log(event)
            case .settled:
                logger.info("gossip settled; proceeding")
                let waiters = state.withLock { state in
                    defer { state.waiters = [:] }
                    return state.waiters.values
                }
                for waiter in waiters { waiter.resume() }
            case let .rejected(reason, from):
                inbound.reject(reason, from: "\(from)", logger: logger)
            }
        }
    }

    private func log(_ event: MemberEvent) {
        switch event {
        case let .joined(member): logger.debug("peer joined", metadata: ["peer": "\(member.name)", "addr": "\(member.endpoint)"])
        case let .left(member): logger.debug("peer left", metadata: ["peer": "\(member.name)", "addr": "\(member.endpoint)"])
        case let .updated(member): logger.debug("peer updated", metadata: ["peer": "\(member.name)"])
        }
    }

    /// Writes `request` and reads one stream message back, within the TCP timeout. A reply
    /// over the inbound limits is counted like any refused input.
    func exchange(_ request: [UInt8], with to: Endpoint) async throws -> Memberlist.StreamMessage {
        do {
            return try await transport.exchange(framed(request), with: to, timeout: config.tcpTimeout, limits: inbound.stream)
        } catch let e as Memberlist.StreamError {
            if let reason = Memberlist.InboundRejection(e) { inbound.reject(reason, from: "\(to)", detail: "\(e)", logger: logger) }
            throw e
        }
    }
}
