import Foundation
import Mesh
@testable import MeshTransport
import XCTest

final class MeshNodeTests: XCTestCase {
    func test_advertise_explicitAddressWins() throws {
        XCTAssertEqual(try AdvertiseAddress.resolve(bindHost: "0.0.0.0", advertiseHost: "10.1.2.3", allowPublic: false), [10, 1, 2, 3])
    }

    func test_advertise_specificBindAddress_isAdvertisedAsIs() throws {
        XCTAssertEqual(try AdvertiseAddress.resolve(bindHost: "127.0.0.1", advertiseHost: nil, allowPublic: false), [127, 0, 0, 1])
    }

    func test_advertise_unspecifiedBind_picksAPrivateAddressWhenThereIsOne() throws {
        let ip = try AdvertiseAddress.resolve(bindHost: "0.0.0.0", advertiseHost: nil, allowPublic: false)
        let privateOnHost = AdvertiseAddress.interfaceIPv4s().first(where: AdvertiseAddress.isPrivate)
        XCTAssertEqual(ip, privateOnHost ?? [127, 0, 0, 1])
    }

    func test_advertise_privateRanges_classifiedLikeGoSockaddr() {
        XCTAssertTrue(AdvertiseAddress.isPrivate([10, 0, 0, 1]))
        XCTAssertTrue(AdvertiseAddress.isPrivate([172, 31, 0, 1]))
        XCTAssertFalse(AdvertiseAddress.isPrivate([172, 32, 0, 1]))
        XCTAssertTrue(AdvertiseAddress.isPrivate([192, 168, 1, 1]))
        XCTAssertFalse(AdvertiseAddress.isPrivate([8, 8, 8, 8]))
        XCTAssertFalse(AdvertiseAddress.isPrivate([127, 0, 0, 1]))
    }

    func test_advertise_badExplicitAddress_throws() {
        XCTAssertThrowsError(try AdvertiseAddress.resolve(bindHost: "0.0.0.0", advertiseHost: "not-an-ip", allowPublic: false))
    }

    func test_node_twoSwiftNodesOnLoopback_joinSettleAndReplicate() async throws {
        func config(_ name: String, _ peers: [String]) -> MeshConfig {
            var config = MeshConfig(peerName: name, listenHost: "127.0.0.1", listenPort: 0, peers: peers)
            config.settleTimeout = .milliseconds(300)
            return config
        }
        let firstPort = try freePort()
        var firstConfig = config("a", [])
        firstConfig.listenPort = firstPort
        let first = MeshNode(config: firstConfig)
        let second = MeshNode(config: config("b", ["127.0.0.1:\(firstPort)"]))
        let stateA = RecordingSilences(), stateB = RecordingSilences()
        first.register(stateA)
        second.register(stateB)
        try await first.start()
        try await second.start()
        XCTAssertEqual(first.status, "settling")
        await first.waitReady()
        await second.waitReady()
        XCTAssertEqual(first.status, "ready")
        for _ in 0..<200 where first.peers.count < 2 || second.peers.count < 2 { try await Task.sleep(for: .milliseconds(10)) }
        XCTAssertEqual(first.peers.map(\.name), ["a", "b"])
        XCTAssertEqual(second.peers.map(\.address), ["127.0.0.1:\(firstPort)", second.peers[1].address])
        XCTAssertEqual([first.position, second.position], [0, 1])
        let id = UUID().uuidString.lowercased()
        second.broadcast(key: "sil", data: stateB.makeLocal(id: id, alertname: "X"))
        for _ in 0..<200 where stateA.received(id) == nil { try await Task.sleep(for: .milliseconds(10)) }
        XCTAssertNotNil(stateA.received(id))
        await second.stop()
        for _ in 0..<200 where first.peers.count != 1 { try await Task.sleep(for: .milliseconds(10)) }
        XCTAssertEqual(first.peers.map(\.name), ["a"])
        await first.stop()
    }
}
