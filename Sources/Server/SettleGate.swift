import AlertCore
import Foundation

/// When this node may notify, and when `/-/ready` answers 200 (issue #17): at once with
/// `--cluster.settle-timeout=0s`; otherwise once the mesh has settled (Alertmanager's
/// `Peer.Settle`, plus tocsin's push-pull condition: see `Mesh.SettleState`) or the settle
/// timeout has passed since the node started, on the server's clock. A node without a mesh
/// (`--cluster.listen-address=`) has no gate. Alertmanager answers 200 on `/-/ready` from the
/// start; tocsin reports what its notification pipeline waits for, so a load balancer or a
/// rolling update does not count a node that is still catching up with its peers.
struct SettleGate: Sendable {
    let start: Date
    let timeout: Duration

    /// When the timeout opens the gate whatever the mesh says.
    var deadline: Date { start.addingTimeInterval(timeout.timeInterval) }

    func isOpen(meshSettled: Bool, now: Date) -> Bool {
        timeout <= .zero || meshSettled || now >= deadline
    }
}
