/// Alertmanager's `Peer.Settle`: poll the member count every `10 × gossip-interval`; ready once
/// it was unchanged for 3 consecutive polls (checked at the poll after), or when the settle
/// timeout expires. Tocsin adds one condition (issue #17): a node with peers to join is not
/// ready by the member count alone until it merged a peer's full state (a push-pull: the
/// notification log), so a node restarted into a running cluster does not notify again what
/// its peers already sent; the settle timeout still ends the wait.
struct SettleState: Sendable {
    static let okayRequired = 3
    var ready = false
    var nextPoll: Duration?
    var deadline: Duration?
    var interval: Duration = .seconds(2)
    var previousCount = 0
    var okay = 0
    var polls = 0
    /// A peer's full state was merged (or there is no peer to wait for).
    var synced = true

    mutating func begin(now: Duration, interval: Duration, timeout: Duration) {
        self.interval = interval
        deadline = now + timeout
        nextPoll = now + interval
        if timeout <= .zero { finish() }
    }

    /// Returns true exactly when this call made the node ready.
    mutating func poll(now: Duration, memberCount: Int) -> Bool {
        guard !ready else { return false }
        if let due = nextPoll, now >= due, deadline.map({ due < $0 }) ?? true {
            nextPoll = due + interval
            polls += 1
            if okay >= Self.okayRequired && synced {
                finish()
                return true
            }
            if memberCount == previousCount { okay += 1 } else { okay = 0 }
            previousCount = memberCount
        }
        if let deadline, now >= deadline {
            finish()
            return true
        }
        return false
    }

    private mutating func finish() {
        ready = true
        nextPoll = nil
    }
}
