import Synchronization

/// Counts input refused for exceeding a limit, by reason, and decides when a refusal is
/// logged: at most once per reason per `logInterval`, so a flood of hostile input does not
/// become a flood of log lines. The one home of that rule for the API
/// (`tocsin_api_rejected_total`) and the gossip transport (`tocsin_cluster_inbound_rejected_total`).
package final class RejectionCounter<Reason: Hashable & Sendable>: Sendable {
    package static var logInterval: Duration { .seconds(10) }

    private let state = Mutex<State>(State())

    private struct State {
        var counts: [Reason: Int] = [:]
        var lastLogged: [Reason: ContinuousClock.Instant] = [:]
    }

    package init() {}

    /// Counts one refusal; true when it should be logged (none of this reason was logged
    /// within `logInterval`).
    package func record(_ reason: Reason, now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { s in
            s.counts[reason, default: 0] += 1
            if let t = s.lastLogged[reason], now - t < Self.logInterval { return false }
            s.lastLogged[reason] = now
            return true
        }
    }

    /// Refusals so far of `reason`.
    package func count(_ reason: Reason) -> Int { state.withLock { $0.counts[reason] ?? 0 } }
}
