import Foundation
import Logging
import Mesh
import MeshTransport
import XCTest

/// Interop with the real Alertmanager 0.25 on loopback (fails, not skips, without the binary).
final class AlertmanagerInteropTests: XCTestCase {
    private func node(port: Int = 0, peers: [String]) -> MeshNode {
        var config = MeshConfig(peerName: "tocsin-\(UUID().uuidString.prefix(8).lowercased())",
                                listenHost: "127.0.0.1", listenPort: port, peers: peers)
        config.settleTimeout = .seconds(30)
        var logger = Logger(label: "interop")
        logger.logLevel = .info
        return MeshNode(config: config, logger: logger)
    }

    /// Polls `condition` every 10ms until true; returns the elapsed time or fails.
    private func waitFor(_ what: String, timeout: Duration = .seconds(15), _ condition: () async throws -> Bool) async throws -> Duration {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < timeout {
            if try await condition() { return ContinuousClock.now - start }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw InteropError("timed out waiting for \(what)")
    }

    func test_interop_swiftNodeJoinsAlertmanager_membershipAndSilencesBothWays() async throws {
        let am = try AlertmanagerProcess()
        defer { am.stop() }
        try await am.waitReady()
        let before = try await am.createSilence(alertname: "BeforeJoin")

        let silences = RecordingSilences()
        let mesh = node(peers: ["127.0.0.1:\(am.clusterPort)"])
        mesh.register(silences)
        let joinStart = ContinuousClock.now
        try await mesh.start()
        let joined = try await waitFor("both sides to see 2 members") {
            let amPeers = try await am.clusterPeers()
            return amPeers.count == 2 && mesh.peers.count == 2
        }
        let amPeers = try await am.clusterPeers()
        let joinTotal = ContinuousClock.now - joinStart
        XCTAssertTrue(amPeers.contains { $0.0 == mesh.name })
        XCTAssertNotNil(silences.received(before), "push-pull full state carried the existing silence")
        XCTAssertEqual(silences.received(before)?.viaFullState, true)

        let created = ContinuousClock.now
        let id = try await am.createSilence(alertname: "FromAM")
        _ = try await waitFor("AM silence via gossip", timeout: .seconds(5)) { silences.received(id) != nil }
        let arrival = try XCTUnwrap(silences.received(id))
        XCTAssertLessThan(arrival.at - created, .seconds(1), "Alertmanager silence must arrive within a second")
        XCTAssertEqual(arrival.silence.silence.matchers.first?.pattern, "FromAM")

        let ours = UUID().uuidString.lowercased()
        mesh.broadcast(key: "sil", data: silences.makeLocal(id: ours, alertname: "FromSwift"))
        let reverse = try await waitFor("swift silence in AM") { try await am.silenceIDs().contains(ours) }

        // Oversized (Part > 700 bytes): Alertmanager's TCP userMsg path.
        let big = UUID().uuidString.lowercased()
        mesh.broadcast(key: "sil", data: silences.makeLocal(id: big, alertname: String(repeating: "Big", count: 300)))
        let oversized = try await waitFor("oversized swift silence in AM") { try await am.silenceIDs().contains(big) }

        // Stay a member across several probe rounds: our acks keep Alertmanager's detector happy.
        try await Task.sleep(for: .seconds(6))
        let stillThere = try await am.clusterPeers().count
        XCTAssertEqual(stillThere, 2, am.logText.suffix(3000).description)
        XCTAssertEqual(mesh.peers.count, 2)

        let complaints = am.logText.split(separator: "\n").filter {
            $0.contains("[ERR]") || $0.contains("[WARN]") || $0.contains("Suspect") || $0.contains("level=warn") || $0.contains("level=error")
        }
        XCTAssertTrue(complaints.isEmpty, complaints.joined(separator: "\n"))
        let stats = mesh.stats
        XCTAssertEqual(stats.members, 2)
        XCTAssertGreaterThanOrEqual(stats.channels.fullStateReceived, 1)
        XCTAssertGreaterThanOrEqual(stats.channels.updatesReceived, 1)
        XCTAssertEqual(stats.channels.oversizedSent["sil"], 1)
        XCTAssertEqual(stats.failedPeers, 0, "the configured peer joined, so it left the failed list")
        await mesh.stop()
        let leftIn = try await waitFor("AM to drop the leaving node", timeout: .seconds(5)) { try await am.clusterPeers().count == 1 }
        print("INTEROP join: start()+join until both list 2 members=\(joinTotal) (after start returned \(joined)); am→swift silence=\(arrival.at - created); swift→am silence visible in API=\(reverse); oversized swift→am=\(oversized); leave seen by AM=\(leftIn)")
    }

    func test_interop_alertmanagerJoinsSwiftNode_bothSeeTwoMembersAndExchangeState() async throws {
        let silences = RecordingSilences()
        let port = try freePort()
        let mesh = node(port: port, peers: [])
        mesh.register(silences)
        try await mesh.start()
        let ours = UUID().uuidString.lowercased()
        _ = silences.makeLocal(id: ours, alertname: "BeforeAMJoined")

        let am = try AlertmanagerProcess(peers: ["127.0.0.1:\(port)"])
        defer { am.stop() }
        try await am.waitReady()
        let joined = try await waitFor("both sides to see 2 members") {
            try await am.clusterPeers().count == 2 && mesh.peers.count == 2
        }
        XCTAssertTrue(mesh.peers.contains { $0.address == "127.0.0.1:\(am.clusterPort)" })
        let stateArrived = try await waitFor("swift full state in AM") { try await am.silenceIDs().contains(ours) }
        let id = try await am.createSilence(alertname: "AfterJoin")
        _ = try await waitFor("AM silence via gossip", timeout: .seconds(2)) { silences.received(id) != nil }
        XCTAssertEqual(mesh.position, 1, "lower-case name sorts after the Alertmanager ULID")
        print("INTEROP reverse-join=\(joined) fullstate→am=\(stateArrived)")
        await mesh.stop()
    }
}

/// Alertmanager restarts (new ULID, same address): the Swift node records the old one as
/// left and re-joins the new process through its failed-peer reconnects.
final class RestartInteropTests: XCTestCase {
    func test_interop_alertmanagerRestarts_swiftNodeRejoinsNewProcess() async throws {
        let first = try AlertmanagerProcess()
        defer { first.stop() }
        try await first.waitReady()
        var config = MeshConfig(peerName: "tocsin-restart", listenHost: "127.0.0.1", listenPort: 0,
                                peers: ["127.0.0.1:\(first.clusterPort)"])
        config.reconnectInterval = .seconds(1)
        let mesh = MeshNode(config: config)
        try await mesh.start()
        for _ in 0..<500 where mesh.peers.count < 2 { try await Task.sleep(for: .milliseconds(10)) }
        XCTAssertEqual(mesh.peers.count, 2)
        let oldName = mesh.peers.first { $0.name != mesh.name }?.name
        first.stop()
        for _ in 0..<1000 where mesh.peers.count > 1 { try await Task.sleep(for: .milliseconds(10)) }
        XCTAssertEqual(mesh.peers.count, 1, "old Alertmanager left")
        let second = try AlertmanagerProcess(webPort: first.webPort, clusterPort: first.clusterPort)
        defer { second.stop() }
        try await second.waitReady()
        let restarted = ContinuousClock.now
        var amSees = 0
        while ContinuousClock.now - restarted < .seconds(10) {
            amSees = try await second.clusterPeers().count
            if amSees == 2 && mesh.peers.count == 2 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        XCTAssertEqual(amSees, 2)
        XCTAssertEqual(mesh.peers.count, 2)
        XCTAssertNotEqual(mesh.peers.first { $0.name != mesh.name }?.name, oldName)
        print("INTEROP restart: rejoined new Alertmanager after \(ContinuousClock.now - restarted)")
        await mesh.stop()
    }
}

/// A mixed cluster: two real Alertmanagers and the Swift node.
final class MixedClusterInteropTests: XCTestCase {
    func test_interop_twoAlertmanagersAndSwiftNode_threeMembersAndSilencesCrossTheCluster() async throws {
        let am1 = try AlertmanagerProcess()
        defer { am1.stop() }
        try await am1.waitReady()
        let am2 = try AlertmanagerProcess(peers: ["127.0.0.1:\(am1.clusterPort)"])
        defer { am2.stop() }
        try await am2.waitReady()
        let silences = RecordingSilences()
        let mesh = MeshNode(config: MeshConfig(peerName: "tocsin-mixed", listenHost: "127.0.0.1", listenPort: 0,
                                               peers: ["127.0.0.1:\(am1.clusterPort)"]))
        mesh.register(silences)
        try await mesh.start()
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .seconds(15) {
            let counts = (try await am1.clusterPeers().count, try await am2.clusterPeers().count, mesh.peers.count)
            if counts == (3, 3, 3) { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let counts = (try await am1.clusterPeers().count, try await am2.clusterPeers().count, mesh.peers.count)
        XCTAssertTrue(counts == (3, 3, 3), "\(counts)")

        let id = try await am2.createSilence(alertname: "FromAM2")
        let created = ContinuousClock.now
        while silences.received(id) == nil, ContinuousClock.now - created < .seconds(2) {
            try await Task.sleep(for: .milliseconds(10))
        }
        XCTAssertNotNil(silences.received(id), "silence from the Alertmanager we did not join reaches us")

        let ours = UUID().uuidString.lowercased()
        mesh.broadcast(key: "sil", data: silences.makeLocal(id: ours, alertname: "FromSwift"))
        let sent = ContinuousClock.now
        var seenBoth = false
        while ContinuousClock.now - sent < .seconds(3) {
            let one = try await am1.silenceIDs().contains(ours)
            let two = try await am2.silenceIDs().contains(ours)
            if one && two { seenBoth = true; break }
            try await Task.sleep(for: .milliseconds(10))
        }
        XCTAssertTrue(seenBoth)
        let bothSeen = ContinuousClock.now - sent
        try await Task.sleep(for: .seconds(5))
        let stable = (try await am1.clusterPeers().count, try await am2.clusterPeers().count)
        XCTAssertTrue(stable == (3, 3), "still three members after several probe rounds: \(stable)")
        XCTAssertEqual(mesh.position, 2, "our lower-case name sorts after both ULIDs")
        print("INTEROP mixed: am2→swift=\(silences.received(id).map { $0.at - created } ?? .zero) swift→both AMs=\(bothSeen)")
        await mesh.stop()
    }
}
