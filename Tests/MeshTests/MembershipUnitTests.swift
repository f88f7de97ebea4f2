import Mesh
import Wire
import XCTest

final class MembershipUnitTests: XCTestCase {
    private let me = Endpoint(ip: [10, 0, 0, 1], port: 9094)
    private let other = Endpoint(ip: [10, 0, 0, 2], port: 9094)

    private func started(_ configure: (inout MembershipConfig) -> Void = { _ in }) -> MeshMembership {
        var config = MembershipConfig(name: "self", advertise: me)
        configure(&config)
        var mesh = MeshMembership(config: config, delegate: ReplicatedChannels())
        _ = mesh.start(now: .zero)
        return mesh
    }

    private func packets(_ actions: [MeshAction]) -> [(Endpoint, Memberlist.DecodedPacket)] {
        actions.compactMap {
            guard case let .sendPacket(to, bytes) = $0, let decoded = try? Memberlist.decodePacket(bytes) else { return nil }
            return (to, decoded)
        }
    }

    private func alive(_ name: String, _ incarnation: UInt32, vsn: [UInt8] = Memberlist.alertmanagerVsn) -> [UInt8] {
        Memberlist.message(.alive, Memberlist.Alive(incarnation: incarnation, node: name, addr: other.ip, port: other.port, vsn: vsn))
    }

    func test_queue_servesFewestTransmitsFirst() {
        var queue = TransmitLimitedQueue(retransmitMult: 2)
        queue.queue([1])
        _ = queue.getBroadcasts(overhead: 0, limit: 1, numNodes: 5)
        queue.queue([2])
        XCTAssertEqual(queue.getBroadcasts(overhead: 0, limit: 1, numNodes: 5), [[2]])
    }

    func test_queue_amongEqualTransmits_newestFirst() {
        var queue = TransmitLimitedQueue(retransmitMult: 3)
        queue.queue([1])
        queue.queue([2])
        XCTAssertEqual(queue.getBroadcasts(overhead: 0, limit: 1, numNodes: 5), [[2]])
    }

    func test_queue_namedBroadcast_replacesOlderAboutSameNode() {
        var queue = TransmitLimitedQueue(retransmitMult: 3)
        queue.queue([1], name: "a")
        queue.queue([2], name: "a")
        queue.queue([3])
        XCTAssertEqual(queue.count, 2)
        XCTAssertEqual(Set(queue.getBroadcasts(overhead: 0, limit: 100, numNodes: 5)), [[2], [3]])
    }

    func test_queue_messageDroppedAfterRetransmitLimit() {
        var queue = TransmitLimitedQueue(retransmitMult: 3)
        queue.queue([9])
        for _ in 0..<3 { XCTAssertEqual(queue.getBroadcasts(overhead: 2, limit: 100, numNodes: 4).count, 1) }
        XCTAssertTrue(queue.isEmpty)
    }

    func test_queue_tenThousandQueued_packetExaminesOnlyWhatItTakes() {
        // Finding 12 of issue #19: the cost of a packet's broadcasts must not grow with the queue.
        var queue = TransmitLimitedQueue(retransmitMult: 4)
        for i in 0..<10_000 { queue.queue(Array(repeating: UInt8(i % 251), count: 150 + i % 3)) }
        let got = queue.getBroadcasts(overhead: 2, limit: 1400, numNodes: 2)
        XCTAssertEqual(got.count, 9)
        XCTAssertLessThanOrEqual(queue.lastExamined, 9 + 3)
        XCTAssertEqual(queue.count, 10_000)
    }

    func test_queue_orderAcrossSizesAndTransmits_matchesMemberlist() {
        var queue = TransmitLimitedQueue(retransmitMult: 2)
        queue.queue([1])
        queue.queue([2, 2])
        queue.queue([3])
        // Longest first, then newest first among equal lengths.
        XCTAssertEqual(queue.getBroadcasts(overhead: 0, limit: 3, numNodes: 5), [[2, 2], [3]])
        // [1] has the fewest transmits now, then the others, newest first among equal lengths.
        XCTAssertEqual(queue.getBroadcasts(overhead: 0, limit: 2, numNodes: 5), [[1], [3]])
    }

    func test_retransmitLimit_scalesWithCeilLog10OfClusterSize() {
        XCTAssertEqual(TransmitLimitedQueue.retransmitLimit(mult: 3, nodes: 1), 3)
        XCTAssertEqual(TransmitLimitedQueue.retransmitLimit(mult: 3, nodes: 9), 3)
        XCTAssertEqual(TransmitLimitedQueue.retransmitLimit(mult: 3, nodes: 10), 6)
        XCTAssertEqual(TransmitLimitedQueue.retransmitLimit(mult: 4, nodes: 99), 8)
    }

    func test_queue_respectsByteLimitIncludingOverhead() {
        var queue = TransmitLimitedQueue(retransmitMult: 3)
        queue.queue(Array(repeating: 1, count: 10))
        queue.queue(Array(repeating: 2, count: 10))
        XCTAssertEqual(queue.getBroadcasts(overhead: 2, limit: 23, numNodes: 3).count, 1)
    }

    func test_queue_prune_keepsNewestMessages() {
        var queue = TransmitLimitedQueue(retransmitMult: 3)
        for value in 0..<10 { queue.queue([UInt8(value)]) }
        XCTAssertEqual(queue.prune(maxRetained: 4), 6)
        XCTAssertEqual(Set(queue.getBroadcasts(overhead: 0, limit: 100, numNodes: 3)), [[6], [7], [8], [9]])
    }

    func test_awareness_clampedToZeroThroughMaxMinusOne_andScalesTimeouts() {
        var awareness = Awareness(max: 8)
        awareness.apply(-3)
        XCTAssertEqual(awareness.score, 0)
        awareness.apply(20)
        XCTAssertEqual(awareness.score, 7)
        XCTAssertEqual(awareness.scale(.seconds(1)), .seconds(8))
    }

    func test_suspicion_threeNodeCluster_declaredDeadAfterFourSeconds() {
        var mesh = started()
        _ = mesh.handlePacket(alive("b", 1), from: other, now: .zero)
        var third = Memberlist.Alive(incarnation: 1, node: "c", addr: [10, 0, 0, 3], port: 9094)
        third.meta = []
        _ = mesh.handlePacket(Memberlist.message(.alive, third), from: other, now: .zero)
        let suspect = Memberlist.message(.suspect, Memberlist.Suspect(incarnation: 1, node: "b", from: "c"))
        _ = mesh.handlePacket(suspect, from: other, now: .seconds(1))
        _ = mesh.tick(now: .milliseconds(4990))
        XCTAssertEqual(mesh.node(named: "b")?.state, .suspect)
        _ = mesh.tick(now: .seconds(5))
        XCTAssertEqual(mesh.node(named: "b")?.state, .dead)
    }

    func test_ping_forAnotherName_isNotAnswered() {
        var mesh = started()
        let ping = Memberlist.message(.ping, Memberlist.Ping(seqNo: 7, node: "someone-else"))
        XCTAssertTrue(packets(mesh.handlePacket(ping, from: other, now: .seconds(1))).isEmpty)
    }

    func test_ping_isAckedToSourceAddressWithSameSequence() {
        var mesh = started()
        let source = Endpoint(ip: [10, 9, 9, 9], port: 7946)
        let ping = Memberlist.message(.ping, Memberlist.Ping(seqNo: 7, node: "self", sourceAddr: source.ip, sourcePort: source.port, sourceNode: "x"))
        let sent = packets(mesh.handlePacket(ping, from: other, now: .seconds(1)))
        XCTAssertEqual(sent.count, 1)
        XCTAssertEqual(sent.first?.0, source)
        XCTAssertEqual(sent.first?.1.messages.first, .ack(Memberlist.AckResponse(seqNo: 7, payload: [])))
    }

    func test_alive_newNodeWithIncarnationZero_isIgnored() {
        var mesh = started()
        _ = mesh.handlePacket(alive("b", 0), from: other, now: .zero)
        XCTAssertEqual(mesh.members.map(\.name), ["self"])
    }

    func test_alive_vsnShorterThanSixBytes_isIgnored() {
        var mesh = started()
        _ = mesh.handlePacket(alive("b", 1, vsn: [1, 5, 2]), from: other, now: .zero)
        XCTAssertEqual(mesh.members.map(\.name), ["self"])
    }

    func test_alive_conflictingAddressForLiveNode_isIgnored() {
        var mesh = started()
        _ = mesh.handlePacket(alive("b", 1), from: other, now: .zero)
        let moved = Memberlist.Alive(incarnation: 5, node: "b", addr: [10, 0, 0, 77], port: 9094)
        _ = mesh.handlePacket(Memberlist.message(.alive, moved), from: other, now: .zero)
        XCTAssertEqual(mesh.node(named: "b")?.endpoint, other)
    }

    func test_pushPull_nodeWithBadVsn_wholeExchangeRejected() {
        var mesh = started()
        let good = Memberlist.PushNodeState(name: "b", addr: other.ip, port: other.port, incarnation: 1, state: .alive)
        var bad = Memberlist.PushNodeState(name: "c", addr: [10, 0, 0, 3], port: 1, incarnation: 1, state: .dead)
        bad.vsn = []
        let reply = mesh.handleStream(.pushPull(.init(join: true, nodes: [good, bad], userState: [])), from: other, now: .zero)
        XCTAssertNotNil(reply.reply)
        XCTAssertEqual(mesh.members.map(\.name), ["self"])
    }

    func test_pushPull_reply_listsOwnNodeWithAlertmanagerVsn() throws {
        var mesh = started()
        let reply = mesh.handleStream(.pushPull(.init(join: true, nodes: [], userState: [])), from: other, now: .zero)
        let parsed = try XCTUnwrap(try Memberlist.parseStreamMessage(XCTUnwrap(reply.reply)))
        guard case let .pushPull(pushPull) = parsed.message else { return XCTFail("not a push-pull") }
        XCTAssertTrue(pushPull.join)
        XCTAssertEqual(pushPull.nodes.map(\.name), ["self"])
        XCTAssertEqual(pushPull.nodes.first?.vsn, [1, 5, 2, 0, 0, 0])
        XCTAssertEqual(pushPull.nodes.first?.incarnation, 1)
        let full = try Clusterpb_FullState(serializedBytes: pushPull.userState)
        XCTAssertEqual(full.parts.count, 0)
    }

    func test_indirectPing_relaysPingThenForwardsAckToRequester() {
        var mesh = started()
        var request = Memberlist.IndirectPingRequest()
        request.seqNo = 99
        request.target = [10, 0, 0, 5]
        request.port = 9094
        request.node = "t"
        request.nack = true
        request.sourceAddr = other.ip
        request.sourcePort = other.port
        let sent = packets(mesh.handlePacket(Memberlist.message(.indirectPing, request), from: other, now: .zero))
        guard case let .ping(ping)? = sent.first?.1.messages.first else { return XCTFail("no relay ping") }
        XCTAssertEqual(sent.first?.0, Endpoint(ip: [10, 0, 0, 5], port: 9094))
        let ack = Memberlist.message(.ackResponse, Memberlist.AckResponse(seqNo: ping.seqNo, payload: []))
        let forwarded = packets(mesh.handlePacket(ack, from: Endpoint(ip: [10, 0, 0, 5], port: 9094), now: .milliseconds(10)))
        XCTAssertEqual(forwarded.first?.0, other)
        XCTAssertEqual(forwarded.first?.1.messages.first, .ack(Memberlist.AckResponse(seqNo: 99, payload: nil)))
    }

    func test_indirectPing_silentTarget_nackSentAfterProbeTimeout() {
        var mesh = started()
        var request = Memberlist.IndirectPingRequest()
        request.seqNo = 42
        request.target = [10, 0, 0, 5]
        request.port = 9094
        request.nack = true
        _ = mesh.handlePacket(Memberlist.message(.indirectPing, request), from: other, now: .zero)
        let sent = packets(mesh.tick(now: .milliseconds(510)))
        XCTAssertTrue(sent.contains { $0.0 == other && $0.1.messages.contains(.nack(Memberlist.NackResponse(seqNo: 42))) })
    }

    func test_userMessage_unknownKey_ignoredAndKnownKeyMerged() {
        let store = TestStore()
        var mesh = started()
        mesh.register(store)
        var part = Clusterpb_Part()
        part.key = "nfl"
        part.data = Data("x=1".utf8)
        _ = mesh.handlePacket([8] + (try! part.serializedBytes()), from: other, now: .zero)
        XCTAssertTrue(store.snapshot.isEmpty)
        part.key = "sil"
        _ = mesh.handlePacket([8] + (try! part.serializedBytes()), from: other, now: .zero)
        XCTAssertEqual(store.snapshot, ["x": 1])
    }

    func test_labelMismatch_packetDropped() {
        var mesh = started { $0.label = Array("blue".utf8) }
        let ping = Memberlist.message(.ping, Memberlist.Ping(seqNo: 1, node: ""))
        XCTAssertTrue(mesh.handlePacket(ping, from: other, now: .zero).isEmpty)
        let labelled = Memberlist.addLabel(Array("blue".utf8), to: ping)!
        let replies = mesh.handlePacket(labelled, from: other, now: .zero)
        guard case let .sendPacket(_, bytes)? = replies.first else { return XCTFail("no ack") }
        XCTAssertEqual(Array(bytes.prefix(2)), [0xF4, 4], "replies carry our label")
    }

    func test_randomAndTruncatedInput_neverCrashes() {
        var mesh = started()
        var rng = SplitMix64(seed: 9)
        let valid = Memberlist.compressedMessage(alive("b", 3))
        let stream = Memberlist.encodeStreamMessage(.pushPull(.init(join: false, nodes: [], userState: [1, 2, 3])))
        for round in 0..<3000 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0: bytes = (0..<Int.random(in: 0..<80, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            case 1: bytes = Array(valid.prefix(Int.random(in: 0...valid.count, using: &rng)))
            default:
                bytes = valid
                if !bytes.isEmpty { bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng) }
            }
            _ = mesh.handlePacket(bytes, from: other, now: .milliseconds(Int64(round)))
            let cut = Array(stream.prefix(Int.random(in: 0...stream.count, using: &rng)))
            if let parsed = try? Memberlist.parseStreamMessage(cut) {
                _ = mesh.handleStream(parsed.message, from: other, now: .milliseconds(Int64(round)))
            }
        }
        XCTAssertTrue(mesh.members.contains { $0.name == "self" })
    }

    func test_endpoint_parsesIPv4IPv6AndMappedForms() {
        XCTAssertEqual(Endpoint("127.0.0.1:9094"), Endpoint(ip: [127, 0, 0, 1], port: 9094))
        XCTAssertEqual(Endpoint("[::1]:80")?.ip, Array(repeating: 0, count: 15) + [1])
        XCTAssertNil(Endpoint("example.com:9094"))
        XCTAssertNil(Endpoint("127.0.0.1"))
        let mapped = Endpoint(ip: Array(repeating: 0, count: 10) + [0xff, 0xff, 10, 0, 0, 1], port: 1)
        XCTAssertEqual(mapped.description, "10.0.0.1:1")
    }
}

import Foundation
