import Mesh
import Wire
import XCTest

final class ClusterSimulationTests: XCTestCase {
    private let all = (0..<5).map(SimulatedCluster.name)

    private func converged(_ cluster: SimulatedCluster, _ names: [String]) -> Bool {
        names.allSatisfy { observer in
            Set(cluster.view(observer)) == Set(names)
                && names.allSatisfy { cluster.state(of: $0, seenBy: observer) == .alive }
        }
    }

    func test_cluster_fiveNodesJoinThroughSeed_everyNodeSeesFiveAlive() {
        let cluster = SimulatedCluster(count: 5)
        cluster.startAll()
        cluster.run(for: .seconds(3))
        XCTAssertTrue(converged(cluster, all), "\(all.map(cluster.view))")
    }

    func test_cluster_withTwentyPercentPacketLoss_stillConvergesToFiveAlive() {
        let cluster = SimulatedCluster(count: 5)
        cluster.loss = 0.2
        cluster.delay = .milliseconds(20)
        cluster.startAll()
        cluster.run(for: .seconds(40))
        cluster.loss = 0
        cluster.run(for: .seconds(10))
        XCTAssertTrue(converged(cluster, all), "\(all.map(cluster.view))")
    }

    func test_failureDetection_crashedNode_isDeclaredDeadByEveryone() {
        let cluster = SimulatedCluster(count: 5)
        cluster.startAll()
        cluster.run(for: .seconds(3))
        cluster.crash("node-3")
        cluster.run(for: .seconds(30))
        for observer in all where observer != "node-3" {
            XCTAssertEqual(cluster.state(of: "node-3", seenBy: observer), .dead, observer)
            XCTAssertFalse(cluster.view(observer).contains("node-3"))
        }
    }

    func test_failureDetection_crashedNode_firesLeftEventAndGoesOnFailedList() {
        let cluster = SimulatedCluster(count: 5)
        cluster.startAll()
        cluster.run(for: .seconds(3))
        cluster.crash("node-2")
        cluster.run(for: .seconds(30))
        let left = cluster.events["node-0", default: []].contains {
            if case let .left(member) = $0 { return member.name == "node-2" }
            return false
        }
        XCTAssertTrue(left)
        XCTAssertNotNil(cluster.mesh("node-0").failedPeers[SimulatedCluster.endpoint(2)])
    }

    func test_failureDetection_slowButAliveNodeUnderLoss_isNotDeclaredDead() {
        let cluster = SimulatedCluster(count: 5)
        cluster.delay = .milliseconds(150)
        cluster.startAll()
        cluster.run(for: .seconds(60))
        XCTAssertTrue(converged(cluster, all))
    }

    func test_failureDetection_udpBlockedButTcpWorks_tcpFallbackPingKeepsNodeAlive() {
        let cluster = SimulatedCluster(count: 2) { config, _ in config.indirectChecks = 0 }
        let names = ["node-0", "node-1"]
        cluster.startAll()
        cluster.run(for: .seconds(3))
        cluster.udpBlocked = [names]
        cluster.run(for: .seconds(20))
        XCTAssertTrue(converged(cluster, names), "\(names.map(cluster.view))")
        cluster.apply("node-0") { $0.leave(now: cluster.now) }
        cluster.crash("node-0")
        cluster.run(for: .seconds(20))
        XCTAssertNotEqual(cluster.state(of: "node-0", seenBy: "node-1"), .alive, "without any path the node fails")
    }

    func test_refutation_falseSuspicion_nodeRaisesIncarnationAndStaysAlive() {
        let cluster = SimulatedCluster(count: 5)
        cluster.startAll()
        cluster.run(for: .seconds(3))
        let accusation = Memberlist.message(.suspect, Memberlist.Suspect(incarnation: 1, node: "node-1", from: "node-4"))
        cluster.apply("node-2") { $0.handlePacket(accusation, from: SimulatedCluster.endpoint(4), now: cluster.now) }
        XCTAssertEqual(cluster.state(of: "node-1", seenBy: "node-2"), .suspect)
        cluster.run(for: .seconds(3))
        XCTAssertGreaterThan(cluster.mesh("node-1").incarnation, 1)
        XCTAssertTrue(converged(cluster, all))
    }

    func test_refutation_deadAboutSelf_nodeRefutesEverywhere() {
        let cluster = SimulatedCluster(count: 3)
        let names = (0..<3).map(SimulatedCluster.name)
        cluster.startAll()
        cluster.run(for: .seconds(3))
        let dead = Memberlist.message(.dead, Memberlist.Dead(incarnation: 1, node: "node-0", from: "node-1"))
        cluster.apply("node-2") { $0.handlePacket(dead, from: SimulatedCluster.endpoint(1), now: cluster.now) }
        XCTAssertEqual(cluster.state(of: "node-0", seenBy: "node-2"), .dead)
        cluster.run(for: .seconds(5))
        XCTAssertGreaterThan(cluster.mesh("node-0").incarnation, 1)
        XCTAssertTrue(converged(cluster, names), "\(names.map(cluster.view))")
    }

    func test_partition_heals_membershipAndStateReconverge() {
        let cluster = SimulatedCluster(count: 5)
        cluster.startAll()
        cluster.run(for: .seconds(3))
        cluster.groups = [["node-0", "node-1", "node-2"], ["node-3", "node-4"]]
        cluster.run(for: .seconds(30))
        XCTAssertEqual(Set(cluster.view("node-0")), ["node-0", "node-1", "node-2"])
        XCTAssertEqual(Set(cluster.view("node-4")), ["node-3", "node-4"])
        cluster.write("node-4", id: "s1", version: 1)
        cluster.groups = nil
        cluster.run(for: .seconds(60))
        XCTAssertTrue(converged(cluster, all), "\(all.map(cluster.view))")
        for name in all { XCTAssertEqual(cluster.stores[name]!.snapshot["s1"], 1, name) }
    }

    func test_broadcast_smallUpdate_reachesEveryNodeWithinASecond() {
        let cluster = SimulatedCluster(count: 5)
        cluster.startAll()
        cluster.run(for: .seconds(3))
        cluster.write("node-3", id: "a", version: 7)
        cluster.run(for: .seconds(1))
        for name in all { XCTAssertEqual(cluster.stores[name]!.snapshot["a"], 7, name) }
    }

    func test_broadcast_eagerGossip_reachesEveryNodeBeforeTheNextGossipTick() {
        let cluster = SimulatedCluster(count: 5)
        cluster.startAll()
        cluster.run(for: .seconds(3))
        cluster.write("node-2", id: "fast", version: 1)
        cluster.run(for: .milliseconds(30))
        for name in all { XCTAssertEqual(cluster.stores[name]!.snapshot["fast"], 1, name) }
    }

    func test_broadcast_eagerGossipOff_waitsForTheGossipTick() {
        let cluster = SimulatedCluster(count: 2) { config, _ in config.eagerGossip = false }
        cluster.startAll()
        cluster.run(for: .seconds(3))
        cluster.write("node-0", id: "slow", version: 1)
        XCTAssertNil(cluster.stores["node-1"]!.snapshot["slow"])
        cluster.run(for: .milliseconds(250))
        XCTAssertEqual(cluster.stores["node-1"]!.snapshot["slow"], 1)
    }

    func test_broadcast_withThirtyPercentLoss_reachesEveryNodeByGossipOrPushPull() {
        let cluster = SimulatedCluster(count: 5) { config, _ in config.pushPullInterval = .seconds(10) }
        cluster.startAll()
        cluster.run(for: .seconds(3))
        cluster.loss = 0.3
        for version in 1...10 { cluster.write("node-1", id: "k\(version)", version: version) }
        cluster.run(for: .seconds(25))
        for name in all { XCTAssertEqual(cluster.stores[name]!.snapshot.count, 10, "\(name) \(all.map { cluster.stores[$0]!.snapshot.count })") }
    }

    func test_broadcast_oversizedUpdate_goesByStreamToEveryOtherMember() {
        let cluster = SimulatedCluster(count: 5)
        cluster.startAll()
        cluster.run(for: .seconds(3))
        let id = String(repeating: "x", count: 900)
        let delta = cluster.stores["node-0"]!.set(id, version: 1)
        var actions: [MeshAction] = []
        cluster.apply("node-0") { mesh in
            actions = mesh.broadcast(key: "sil", data: delta, now: cluster.now)
            return actions
        }
        let streams = actions.filter { if case .sendStream = $0 { return true } else { return false } }
        XCTAssertEqual(streams.count, 4)
        cluster.run(for: .milliseconds(50))
        for name in all { XCTAssertEqual(cluster.stores[name]!.snapshot[id], 1, name) }
    }

    func test_pushPull_stateWrittenBeforeJoin_arrivesWithTheJoin() {
        let cluster = SimulatedCluster(count: 2)
        cluster.start("node-0")
        cluster.write("node-0", id: "old", version: 3)
        cluster.run(for: .seconds(5))
        cluster.start("node-1")
        cluster.run(for: .milliseconds(50))
        XCTAssertEqual(cluster.stores["node-1"]!.snapshot["old"], 3)
        XCTAssertEqual(Set(cluster.view("node-1")), ["node-0", "node-1"])
    }

    func test_pushPull_periodic_repairsStateMissedByGossip() {
        let cluster = SimulatedCluster(count: 3) { config, _ in config.pushPullInterval = .seconds(5) }
        cluster.startAll()
        cluster.run(for: .seconds(3))
        cluster.loss = 1.0
        cluster.write("node-2", id: "lost", version: 1)
        cluster.run(for: .seconds(2))
        cluster.loss = 0
        cluster.run(for: .seconds(12))
        for name in ["node-0", "node-1"] { XCTAssertEqual(cluster.stores[name]!.snapshot["lost"], 1, name) }
    }

    func test_settle_stableCluster_readyAfterFivePollsOfTwoSeconds() {
        let cluster = SimulatedCluster(count: 5)
        cluster.startAll()
        cluster.run(for: .seconds(12))
        for name in all { XCTAssertEqual(cluster.settledAt[name], .seconds(10), name) }
        XCTAssertTrue(cluster.mesh("node-0").isReady)
    }

    func test_settle_zeroTimeout_readyImmediately() {
        let cluster = SimulatedCluster(count: 1) { config, _ in config.settleTimeout = .zero }
        cluster.startAll()
        XCTAssertEqual(cluster.settledAt["node-0"], .zero)
        XCTAssertTrue(cluster.mesh("node-0").isReady)
    }

    func test_settle_timeoutShorterThanSettling_readyAtTimeout() {
        let cluster = SimulatedCluster(count: 1) { config, _ in config.settleTimeout = .seconds(5) }
        cluster.startAll()
        cluster.run(for: .seconds(4))
        XCTAssertFalse(cluster.mesh("node-0").isReady)
        cluster.run(for: .seconds(2))
        XCTAssertEqual(cluster.settledAt["node-0"], .seconds(5))
    }

    func test_settle_peerConfiguredButDown_readyOnlyAtTimeout() {
        let cluster = SimulatedCluster(count: 2) { config, _ in config.settleTimeout = .seconds(20) }
        cluster.crash("node-0")
        cluster.start("node-1")
        cluster.run(for: .seconds(14))
        XCTAssertNil(cluster.settledAt["node-1"], "a stable member count is not enough before a peer's state arrived")
        cluster.run(for: .seconds(7))
        XCTAssertEqual(cluster.settledAt["node-1"], .seconds(20))
    }

    func test_settle_restartIntoRunningCluster_readyAfterPeersStateMerged() {
        let cluster = SimulatedCluster(count: 2)
        cluster.start("node-0")
        cluster.run(for: .seconds(12))
        cluster.start("node-1")
        cluster.run(for: .seconds(12))
        XCTAssertEqual(cluster.settledAt["node-1"], .seconds(12 + 10), "five polls after its start, not the settle timeout: the join merged node-0's state")
    }

    func test_settle_growingCluster_waitsUntilCountIsStable() {
        let cluster = SimulatedCluster(count: 2)
        cluster.start("node-0")
        cluster.run(for: .seconds(5))
        cluster.start("node-1")
        cluster.run(for: .seconds(8))
        XCTAssertNil(cluster.settledAt["node-0"], "member count changed at 5s, needs 3 stable polls after")
        cluster.run(for: .seconds(4))
        XCTAssertNotNil(cluster.settledAt["node-0"])
    }

    func test_position_allNodes_agreeOnNameOrder() {
        let cluster = SimulatedCluster(count: 5)
        cluster.startAll()
        cluster.run(for: .seconds(3))
        let positions = all.map { cluster.mesh($0).position }
        XCTAssertEqual(positions, [0, 1, 2, 3, 4])
        cluster.crash("node-0")
        cluster.run(for: .seconds(30))
        XCTAssertEqual((1..<5).map { cluster.mesh(SimulatedCluster.name($0)).position }, [0, 1, 2, 3])
    }

    func test_leave_gracefulLeave_othersRecordLeftAndLeaveCompletes() {
        let cluster = SimulatedCluster(count: 5)
        cluster.startAll()
        cluster.run(for: .seconds(3))
        cluster.apply("node-4") { $0.leave(now: cluster.now) }
        XCTAssertTrue(cluster.mesh("node-4").leavePending)
        cluster.run(for: .seconds(2))
        XCTAssertFalse(cluster.mesh("node-4").leavePending)
        for name in all.dropLast() {
            XCTAssertEqual(cluster.state(of: "node-4", seenBy: name), .left, name)
        }
    }

    func test_rejoin_crashedNodeComesBack_refutesAndIsAliveAgain() {
        let cluster = SimulatedCluster(count: 3)
        let names = (0..<3).map(SimulatedCluster.name)
        cluster.startAll()
        cluster.run(for: .seconds(3))
        cluster.crash("node-2")
        cluster.run(for: .seconds(20))
        XCTAssertEqual(cluster.state(of: "node-2", seenBy: "node-0"), .dead)
        cluster.down.remove("node-2")
        cluster.run(for: .seconds(25))
        XCTAssertTrue(converged(cluster, names), "\(names.map(cluster.view))")
    }

    func test_reconnect_seedDownAtStart_joinedOnReconnectInterval() {
        let cluster = SimulatedCluster(count: 2)
        cluster.start("node-1")
        cluster.run(for: .seconds(1))
        XCTAssertEqual(cluster.view("node-1"), ["node-1"])
        cluster.start("node-0")
        cluster.run(for: .seconds(10))
        XCTAssertEqual(Set(cluster.view("node-0")), ["node-0", "node-1"])
        XCTAssertTrue(cluster.mesh("node-1").failedPeers.isEmpty)
    }

    func test_refresh_dnsNameResolvesLater_peerJoinedOnRefresh() {
        let cluster = SimulatedCluster(count: 2) { config, index in
            if index == 1 { config.peers = ["seed.example:9094"] }
        }
        cluster.dns["seed.example"] = []
        cluster.startAll()
        cluster.run(for: .seconds(5))
        XCTAssertEqual(cluster.view("node-1"), ["node-1"])
        cluster.dns["seed.example"] = [SimulatedCluster.endpoint(0)]
        cluster.run(for: .seconds(11))
        XCTAssertEqual(Set(cluster.view("node-1")), ["node-0", "node-1"])
    }
}
