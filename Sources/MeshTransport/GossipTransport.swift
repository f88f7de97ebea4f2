import Logging
import Mesh
import Wire

/// How gossip bytes move between nodes: memberlist's `Transport`. A transport only carries
/// bytes (datagrams, and streams that carry one message each way); what they mean, labels and
/// limits included, is the node's business (`InboundStream`, `StreamReader`), so every
/// transport gets the same checks. `UDPTCPTransport` is Alertmanager's default wire;
/// `InMemoryNetwork` lets shell tests run several nodes, and cut them apart, without sockets.
package protocol GossipTransport: Sendable {
    /// Starts listening on `host:port` (port 0: any free one) and returns the port bound.
    /// Datagrams and new streams are handed to `receiver`.
    /// An inbound stream is closed `streamTimeout` after it opened, whatever happens.
    func listen(host: String, port: Int, streamTimeout: Duration, receiver: any GossipReceiver) async throws -> Int
    /// Sends one datagram; loss is allowed, errors are not reported (UDP semantics).
    func sendPacket(_ bytes: [UInt8], to: Endpoint)
    /// Opens a stream to `to`, writes `bytes`, and reads one message back (memberlist's
    /// push-pull and stream ping), within `timeout`; the reply is read against `limits`.
    func exchange(_ bytes: [UInt8], with to: Endpoint, timeout: Duration,
                  limits: Memberlist.StreamLimits) async throws -> Memberlist.StreamMessage
    /// Opens a stream, writes `bytes` and closes it (memberlist's `SendReliable`).
    func send(_ bytes: [UInt8], to: Endpoint, timeout: Duration) async throws
    /// Stops listening; streams in flight may finish.
    func close() async
}

/// What a transport hands arriving bytes to: the node.
package protocol GossipReceiver: Sendable {
    func packetReceived(_ bytes: [UInt8], from: Endpoint)
    /// A new inbound stream from `from` (`peer` names it in logs); nil when it must be
    /// refused unread (too many at once).
    func streamOpened(from: Endpoint?, peer: String) -> InboundStream?
}

/// One inbound stream as memberlist's `handleConn` treats it: read one message (label and
/// limits checked as the bytes arrive), hand it to the node, answer, close. Bad input gets
/// an `errMsg` answer, as memberlist's `readStream` gives. Not thread-safe: a transport
/// feeds one stream from one place at a time.
package final class InboundStream {
    /// What to do after a piece of input.
    package enum Outcome: Equatable {
        case needMore
        /// Write these bytes, then close.
        case reply([UInt8])
        /// Close without writing.
        case close
    }

    let node: MeshNode
    let from: Endpoint?
    let peer: String
    private var reader = StreamReader()
    private var finished = false

    init(node: MeshNode, from: Endpoint?, peer: String) {
        self.node = node
        self.from = from
        self.peer = peer
    }

    deinit { finish() }

    /// Adds a piece of the stream.
    package func feed(_ piece: some Collection<UInt8>) -> Outcome {
        guard !finished else { return .close }
        do {
            guard let message = try reader.read(piece, label: node.labelBytes, limits: node.inbound.stream) else {
                return .needMore
            }
            finish()
            let reply = node.streamReceived(message, from: from ?? Endpoint(ip: [0, 0, 0, 0], port: 0))
            return reply.map { .reply(node.framed($0)) } ?? .close
        } catch {
            finish()
            if let e = error as? Memberlist.StreamError, let reason = Memberlist.InboundRejection(e) {
                node.inbound.reject(reason, from: peer, detail: "\(e)", logger: node.logger)
            }
            return .reply(node.framed(Memberlist.encodeStreamMessage(.error(Memberlist.ErrorResponse(error: "\(error)")))))
        }
    }

    /// The stream ended (or was refused): gives its slot back. Idempotent.
    package func finish() {
        guard !finished else { return }
        finished = true
        node.inbound.releaseStream()
    }
}
