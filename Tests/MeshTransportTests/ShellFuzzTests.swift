import Foundation
import Mesh
import MeshTransport
import NIOCore
import NIOPosix
import Wire
import XCTest

/// Random and truncated bytes thrown at a running node's UDP and TCP ports never crash it,
/// and it still answers a proper ping afterwards.
final class ShellFuzzTests: XCTestCase {
    func test_shell_randomAndTruncatedDatagramsAndStreams_nodeSurvivesAndStillAcks() async throws {
        let port = try freePort()
        let node = MeshNode(config: MeshConfig(peerName: "fuzz", listenHost: "127.0.0.1", listenPort: port))
        try await node.start()
        defer { Task { await node.stop() } }
        let group = MultiThreadedEventLoopGroup.singleton
        let target = try SocketAddress(ipAddress: "127.0.0.1", port: port)
        let collector = AckCollector()
        let udp = try await DatagramBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(collector) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        var rng = SplitMix64(seed: 5)
        let alive = Memberlist.compressedMessage(Memberlist.message(.alive, Memberlist.Alive(incarnation: 2, node: "x", addr: [127, 0, 0, 1], port: 1)))
        let stream = Memberlist.encodeStreamMessage(.pushPull(.init(join: true, nodes: [], userState: [9, 9])))
        for round in 0..<400 {
            let bytes: [UInt8] = round % 2 == 0
                ? (0..<Int.random(in: 1..<200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                : Array(alive.prefix(Int.random(in: 1..<alive.count, using: &rng)))
            var buffer = udp.allocator.buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            try await udp.writeAndFlush(AddressedEnvelope(remoteAddress: target, data: buffer))
        }
        for round in 0..<30 {
            let bytes = round % 2 == 0
                ? Array(stream.prefix(Int.random(in: 1...stream.count, using: &rng)))
                : (0..<Int.random(in: 1..<300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let channel = try await ClientBootstrap(group: group).connect(to: target).get()
            var buffer = channel.allocator.buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            // The node may answer with errMsg and close first; that is fine.
            try? await channel.writeAndFlush(buffer)
            try? await channel.close()
        }
        let ping = Memberlist.message(.ping, Memberlist.Ping(seqNo: 4242, node: "fuzz"))
        var buffer = udp.allocator.buffer(capacity: ping.count)
        buffer.writeBytes(ping)
        try await udp.writeAndFlush(AddressedEnvelope(remoteAddress: target, data: buffer))
        for _ in 0..<200 where !collector.acked(4242) { try await Task.sleep(for: .milliseconds(10)) }
        XCTAssertTrue(collector.acked(4242))
        XCTAssertEqual(node.peers.map(\.name), ["fuzz"])
        try await udp.close()
    }
}

/// Records the sequence numbers of acks received. `@unchecked Sendable`: guarded by `lock`.
final class AckCollector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    private let lock = NSLock()
    private var seqs: Set<UInt32> = []

    func acked(_ seq: UInt32) -> Bool { lock.withLock { seqs.contains(seq) } }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard let packet = try? Memberlist.decodePacket(Array(buffer: envelope.data)) else { return }
        for case let .ack(ack) in packet.messages { lock.withLock { _ = seqs.insert(ack.seqNo) } }
    }
}
