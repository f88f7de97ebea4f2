@testable import Mesh
import XCTest

/// The event-driven shell (MeshNode) sleeps until `nextWakeup`: right after a tick it must
/// lie in the future, or the shell would wake again at once and spin. (Before `nextWakeup`
/// left out the probe timer during a running probe, this failed as soon as missed acks
/// stretched a probe past the probe interval.)
final class MembershipWakeupTests: XCTestCase {
    func test_nextWakeup_afterEveryTick_isLaterThanTheTick_throughLossCrashAndSuspicion() {
        let cluster = SimulatedCluster(count: 5)
        cluster.loss = 0.3  // missed acks raise the awareness score, which stretches probes past the probe timer
        cluster.startAll()
        let names = (0..<5).map(SimulatedCluster.name)
        for step in 0..<3000 {
            if step == 300 { cluster.crash("node-3") }
            cluster.run(for: .milliseconds(10))
            for name in names where !cluster.down.contains(name) {
                // Packets may bring a deadline forward to now (a confirmed suspicion); the tick
                // the shell then runs at once must move past it.
                var mesh = cluster.mesh(name)
                _ = mesh.tick(now: cluster.now)
                guard let next = mesh.nextWakeup else { continue }
                guard next > cluster.now else {
                    return XCTFail("\(name) at \(cluster.now): next wakeup \(next) is not in the future")
                }
            }
        }
    }
}
