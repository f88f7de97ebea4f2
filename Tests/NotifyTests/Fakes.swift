import AlertCore
import Foundation
import Notify
import Synchronization
import TestKit

/// A notifier that records every call and answers from a script (then succeeds).
final class ScriptedNotifier: Notifier {
    struct Call: Sendable {
        let ctx: NotificationContext
        let alerts: [Alert]
        let at: Date
    }

    private let state = Mutex<(calls: [Call], script: [NotifyError?])>(([], []))
    let clock: ManualClock
    /// When set, every call fails with it (after the script is used up).
    let always: NotifyError?

    init(clock: ManualClock, script: [NotifyError?] = [], always: NotifyError? = nil) {
        self.clock = clock
        self.always = always
        state.withLock { $0.script = script }
    }

    var calls: [Call] { state.withLock { $0.calls } }

    func setScript(_ script: [NotifyError?]) { state.withLock { $0.script = script } }

    func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let result: NotifyError? = state.withLock { s in
            s.calls.append(Call(ctx: ctx, alerts: alerts, at: clock.now()))
            if !s.script.isEmpty { return s.script.removeFirst() }
            return always
        }
        if let result { throw result }
    }
}

/// Mutes alerts whose `alertname` is in the set.
struct NameMuter: Muter {
    let names: Set<String>
    func mutes(_ alert: Alert, now: Date) -> Bool { names.contains(alert.labels.value("alertname")) }
}

struct FixedPeer: ClusterPeer {
    let position: Int
    let peerTimeout: Duration
    func waitReady() async {}
}
