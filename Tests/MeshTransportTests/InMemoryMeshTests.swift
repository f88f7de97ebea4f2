import Foundation
import Mesh
import MeshTransport
import Wire
import XCTest

/// The mesh shell over `InMemoryNetwork`: several nodes in one process, no sockets, and
/// waits that end on the event (`MeshNode.waitUntil`) instead of a poll interval.
final class InMemoryMeshTests: XCTestCase {
    /// Fast timers so that failure detection and reconnection happen within a second or two.
    func node(_ name: String, port: Int, peers: [String], on network: InMemoryNetwork,
              label: String? = nil) -> (MeshNode, InMemoryTransport, RecordingSilences) {
        var config = MeshConfig(peerName: name, listenHost: "127.0.0.1", listenPort: port, peers: peers)
        config.settleTimeout = .milliseconds(200)
        config.gossipInterval = .milliseconds(20)
        config.probeInterval = .milliseconds(50)
        config.probeTimeout = .milliseconds(25)
        config.reconnectInterval = .milliseconds(200)
        config.pushPullInterval = .milliseconds(500)
        config.leaveTimeout = .milliseconds(200)
        config.label = label
        let transport = network.transport()
        let node = MeshNode(config: config, transport: transport)
        let state = RecordingSilences()
        node.register(state)
        return (node, transport, state)
    }

    func test_inMemory_threeNodesJoinThroughOneSeed_allSeeAllAndABroadcastReachesEveryone() async throws {
        let network = InMemoryNetwork()
        let (a, _, sa) = node("a", port: 7001, peers: [], on: network)
        let (b, _, sb) = node("b", port: 7002, peers: ["127.0.0.1:7001"], on: network)
        let (c, _, sc) = node("c", port: 7003, peers: ["127.0.0.1:7001"], on: network)
        for n in [a, b, c] { try await n.start() }
        for n in [a, b, c] {
            let joined = await n.waitUntil(timeout: .seconds(10)) { n.peers.count == 3 }
            XCTAssertTrue(joined, "\(n.name) sees \(n.peers.map(\.name))")
        }
        XCTAssertEqual(a.peers.map(\.name), ["a", "b", "c"])
        XCTAssertEqual([a.position, b.position, c.position], [0, 1, 2])
        c.broadcast(key: "sil", data: sc.makeLocal(id: "s1", alertname: "X"))
        for (n, s) in [(a, sa), (b, sb)] {
            let got = await n.waitUntil(timeout: .seconds(10)) { s.received("s1") != nil }
            XCTAssertTrue(got, "\(n.name) did not receive the silence")
        }
        for n in [a, b, c] { await n.stop() }
    }

    func test_inMemory_partitionThenHeal_minorityDropsOutAndRejoinsWithWhatItMissed() async throws {
        let network = InMemoryNetwork()
        let (a, ta, sa) = node("a", port: 7101, peers: [], on: network)
        let (b, tb, sb) = node("b", port: 7102, peers: ["127.0.0.1:7101"], on: network)
        let (c, tc, _) = node("c", port: 7103, peers: ["127.0.0.1:7101"], on: network)
        for n in [a, b, c] { try await n.start() }
        for n in [a, b, c] {
            let joined = await n.waitUntil(timeout: .seconds(10)) { n.peers.count == 3 }
            XCTAssertTrue(joined)
        }
        network.partition([[ta], [tb, tc]])
        let aAlone = await a.waitUntil(timeout: .seconds(20)) { a.peers.map(\.name) == ["a"] }
        let bcPair = await b.waitUntil(timeout: .seconds(20)) { b.peers.map(\.name) == ["b", "c"] }
        XCTAssertTrue(aAlone, "a still sees \(a.peers.map(\.name))")
        XCTAssertTrue(bcPair, "b sees \(b.peers.map(\.name))")
        XCTAssertGreaterThan(network.dropped, 0)
        // A silence made on the majority side while a is cut off reaches a after healing,
        // by push-pull's full state or gossip.
        b.broadcast(key: "sil", data: sb.makeLocal(id: "during-split", alertname: "Y"))
        network.heal()
        let rejoined = await a.waitUntil(timeout: .seconds(20)) { a.peers.count == 3 && sa.received("during-split") != nil }
        XCTAssertTrue(rejoined, "a sees \(a.peers.map(\.name)), silence: \(sa.received("during-split") != nil)")
        for n in [a, b, c] { await n.stop() }
    }

    func test_inMemory_wrongLabel_streamRefusedAndNodesStayApart() async throws {
        let network = InMemoryNetwork()
        let (a, _, _) = node("a", port: 7201, peers: [], on: network, label: "blue")
        let (b, _, _) = node("b", port: 7202, peers: ["127.0.0.1:7201"], on: network, label: "green")
        try await a.start()
        try await b.start()
        let joined = await b.waitUntil(timeout: .seconds(2)) { b.peers.count > 1 }
        XCTAssertFalse(joined, "nodes with different labels formed a cluster: \(b.peers.map(\.name))")
        XCTAssertEqual(a.peers.map(\.name), ["a"])
        await a.stop()
        await b.stop()
    }

    func test_inMemory_portTaken_secondListenFails() async throws {
        let network = InMemoryNetwork()
        let (a, _, _) = node("a", port: 7301, peers: [], on: network)
        let (b, _, _) = node("b", port: 7301, peers: [], on: network)
        try await a.start()
        do {
            try await b.start()
            XCTFail("second node listened on a taken address")
        } catch {
            XCTAssertTrue("\(error)".contains("address already in use"), "\(error)")
        }
        await a.stop()
    }
}
