import AlertCore
import Foundation
import MeshTransport
import NotificationLog
@testable import Server
import TestKit
import XCTest

/// The rule `/-/ready` and the pipeline's settle wait share (issue #17), on a manual clock.
final class SettleGateTests: XCTestCase {
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    func test_gate_meshNotSettled_closedUntilTheTimeoutThenOpen() {
        let gate = SettleGate(start: start, timeout: .seconds(60))
        XCTAssertFalse(gate.isOpen(meshSettled: false, now: start))
        XCTAssertFalse(gate.isOpen(meshSettled: false, now: start.addingTimeInterval(59.999)))
        XCTAssertTrue(gate.isOpen(meshSettled: false, now: start.addingTimeInterval(60)))
    }

    func test_gate_meshSettled_openBeforeTheTimeout() {
        let gate = SettleGate(start: start, timeout: .seconds(60))
        XCTAssertTrue(gate.isOpen(meshSettled: true, now: start.addingTimeInterval(1)))
    }

    func test_gate_zeroTimeout_openAtOnce() {
        XCTAssertTrue(SettleGate(start: start, timeout: .zero).isOpen(meshSettled: false, now: start))
    }

    /// A node whose mesh never settles (here: never started) turns ready when the server's
    /// clock passes the settle timeout, and a notification waiting on the gate goes then.
    func test_meshPeer_unsettledMesh_readyAndReleasedAtTheSettleTimeout() async {
        let clock = ManualClock(start)
        let node = MeshNode(config: MeshConfig(peerName: "n1", listenHost: "127.0.0.1", listenPort: 7901,
                                               peers: ["127.0.0.1:7902"]),
                            transport: InMemoryNetwork().transport())
        let peer = MeshPeer(node: node, settleTimeout: .seconds(30), clock: clock, claims: SendClaimStore())
        XCTAssertFalse(peer.isSettled)
        let waiter = Task { await peer.waitReady() }
        await clock.waitForSleeper(until: start.addingTimeInterval(30))
        clock.advance(by: 29)
        XCTAssertFalse(peer.isSettled)
        clock.advance(by: 1)
        await waiter.value
        XCTAssertTrue(peer.isSettled)
    }

    /// A mesh that settled (here with a zero mesh settle timeout) opens the gate before the
    /// server's own timeout.
    func test_meshPeer_settledMesh_readyBeforeTheTimeout() async throws {
        let clock = ManualClock(start)
        var config = MeshConfig(peerName: "n1", listenHost: "127.0.0.1", listenPort: 7903)
        config.settleTimeout = .zero
        let node = MeshNode(config: config, transport: InMemoryNetwork().transport())
        let peer = MeshPeer(node: node, settleTimeout: .seconds(30), clock: clock, claims: SendClaimStore())
        XCTAssertFalse(peer.isSettled, "not started")
        try await node.start()
        XCTAssertTrue(peer.isSettled)
        await peer.waitReady()
        await node.stop(leave: false)
    }
}
