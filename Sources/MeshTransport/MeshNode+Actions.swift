import Logging
import Mesh
import NIOCore
import NIOPosix
import Wire

/// Performing the machine's actions: UDP sends, TCP push-pulls and user streams, peer
/// resolution, events.
extension MeshNode {
    func perform(_ actions: [MeshAction]) {
        guard !actions.isEmpty else { return }
        let udp = state.withLock { $0.udp }
        for action in actions {
            switch action {
            case let .sendPacket(to, bytes):
                guard let udp, let address = to.socketAddress else { continue }
                var buffer = udp.allocator.buffer(capacity: bytes.count)
                buffer.writeBytes(bytes)
                udp.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: buffer), promise: nil)
            case let .pushPull(id, to, request):
                exchange(request, with: to).whenComplete { [self] result in
                    switch result {
                    case let .success(reply):
                        drive { $0.pushPullCompleted(id: id, reply: reply, now: now) }
                    case let .failure(error):
                        logger.debug("push-pull failed", metadata: ["peer": "\(to)", "err": "\(error)"])
                        drive { $0.pushPullFailed(id: id, now: now) }
                    }
                }
            case let .streamPing(seq, to, request):
                exchange(request, with: to).whenSuccess { [self] reply in
                    drive { $0.streamPingCompleted(seq: seq, reply: reply, now: now) }
                }
            case let .sendStream(to, bytes):
                send(bytes, to: to)
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
                    defer { state.waiters = [] }
                    return state.waiters
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

    private func connect(_ to: Endpoint, handler: @escaping @Sendable (any Channel) throws -> Void) -> EventLoopFuture<any Channel> {
        guard let address = to.socketAddress else {
            return group.next().makeFailedFuture(MeshError("bad address \(to)"))
        }
        return ClientBootstrap(group: group)
            .connectTimeout(.nanoseconds(Int64(config.tcpTimeout.seconds * 1e9)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try handler(channel) }
            }
            .connect(to: address)
    }

    private func framed(_ bytes: [UInt8], allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: bytes.count + 8)
        if let label = Memberlist.addLabel(labelBytes, to: []), !labelBytes.isEmpty { buffer.writeBytes(label) }
        buffer.writeBytes(bytes)
        return buffer
    }

    /// Writes `request` and reads one stream message back, within the TCP timeout.
    func exchange(_ request: [UInt8], with to: Endpoint) -> EventLoopFuture<Memberlist.StreamMessage> {
        let loop = group.next()
        let promise = loop.makePromise(of: Memberlist.StreamMessage.self)
        let timeout = TimeAmount.nanoseconds(Int64(config.tcpTimeout.seconds * 1e9))
        connect(to) { channel in
            try channel.pipeline.syncOperations.addHandler(StreamClientHandler(promise: promise, inbound: self.inbound, logger: self.logger))
        }.whenComplete { [self] result in
            switch result {
            case let .success(channel):
                let task = channel.eventLoop.scheduleTask(in: timeout) {
                    promise.fail(MeshError("push-pull timed out"))
                    channel.close(promise: nil)
                }
                promise.futureResult.whenComplete { _ in task.cancel() }
                channel.writeAndFlush(framed(request, allocator: channel.allocator), promise: nil)
            case let .failure(error):
                promise.fail(error)
            }
        }
        return promise.futureResult
    }

    /// Writes a one-way stream message (memberlist `SendReliable`) and closes.
    func send(_ bytes: [UInt8], to: Endpoint) {
        connect(to) { _ in }.whenComplete { [self] result in
            switch result {
            case let .success(channel):
                channel.writeAndFlush(framed(bytes, allocator: channel.allocator)).whenComplete { _ in
                    channel.close(promise: nil)
                }
            case let .failure(error):
                logger.debug("reliable send failed", metadata: ["peer": "\(to)", "err": "\(error)"])
            }
        }
    }
}
