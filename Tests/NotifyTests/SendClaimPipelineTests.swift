import AlertCore
import AlertStore
import Foundation
import MetricsTestKit
import NotificationLog
import Notify
import Synchronization
import TestKit
import XCTest

/// Two nodes' pipelines on one manual clock, their claims and notification logs gossiped to
/// each other at once: node "a" (position 0) sends first, node "b" (position 1) one peer
/// timeout later.
final class SendClaimPipelineTests: XCTestCase {
    struct Node: ClusterPeer, ClaimCoordinator {
        let nodeName: String
        let position: Int
        let claims = SendClaimStore()
        let unseen: [String]
        var peerTimeout: Duration { .seconds(1) }
        func waitReady() async {}
        func takeoverRank(excluding holder: String) -> Int { holder == nodeName ? position : 0 }
        func unseenPeers() -> [String] { unseen }
    }

    /// Answers after `delay` seconds of the manual clock, failing the first `failures` times.
    final class SlowNotifier: Notifier {
        let clock: ManualClock
        let delay: TimeInterval
        let failures: Int
        let calls = Mutex<[NotificationContext]>([])

        init(clock: ManualClock, delay: TimeInterval, failures: Int = 0) {
            self.clock = clock
            self.delay = delay
            self.failures = failures
        }

        func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
            let n = calls.withLock { $0.append(ctx); return $0.count }
            try? await clock.sleep(for: .seconds(delay))
            if n <= failures { throw NotifyError.retryable("unexpected status code 500") }
        }
    }

    var clock: ManualClock!
    var t0: Date!

    override func setUp() {
        clock = ManualClock()
        t0 = clock.now()
    }

    func pipeline(_ node: Node, _ notifier: SlowNotifier, log: NotificationLogStore,
                  metrics: TestMetrics = TestMetrics()) -> Pipeline {
        Pipeline(receivers: [Receiver(name: "team", integrations: [
            Integration(name: "webhook", index: 0, sendResolved: true, notifier: notifier)])],
                 marker: InMemoryAlerts().marker, log: log, peer: node, clock: clock, metrics: NotifyMetrics(factory: metrics),
                 random: { 0.5 })
    }

    func flush(_ instances: [String]) -> AlertGroupFlush {
        AlertGroupFlush(groupKey: "{}:{alertname=\"A\"}", groupLabels: ["alertname": "A"], receiver: "team",
                        repeatInterval: 3600, groupInterval: 30, muteTimeIntervals: [], activeTimeIntervals: [],
                        alerts: instances.map { makeAlert(["alertname": "A", "instance": $0], startsAt: t0) },
                        now: clock.now())
    }

    /// Connects a's claims and log to b's (gossip without delay).
    func gossip(_ a: Node, _ aLog: NotificationLogStore, to b: Node, _ bLog: NotificationLogStore) {
        let (claims, clock) = (b.claims, clock!)
        a.claims.setBroadcaster { _ = claims.merge($0) }
        aLog.setBroadcaster { _ = try? bLog.merge($0, now: clock.now()) }
    }

    /// Runs both flushes: a's first, b's once a is sending; moves the clock in 50 ms steps
    /// until both ended.
    func run(_ a: Pipeline, _ aFlush: AlertGroupFlush, aSent: SlowNotifier, _ b: Pipeline,
             _ bFlush: AlertGroupFlush) async -> (Bool, Bool) {
        let first = Task { await a.notify(aFlush) }
        while aSent.calls.withLock({ $0.isEmpty }) { await Task.yield() }
        let second = Task { await b.notify(bFlush) }
        let clock = self.clock!
        let watch = Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 2_000_000)
                clock.advance(by: 0.05)
            }
        }
        let ra = await first.value
        let rb = await second.value
        watch.cancel()
        return (ra, rb)
    }

    func test_claimedSend_receiverSlowerThanPeerTimeout_peerStaysSilent() async {
        let a = Node(nodeName: "a", position: 0, unseen: []), b = Node(nodeName: "b", position: 1, unseen: [])
        let aLog = NotificationLogStore(retention: 3600), bLog = NotificationLogStore(retention: 3600)
        gossip(a, aLog, to: b, bLog)
        let aSent = SlowNotifier(clock: clock, delay: 4), bSent = SlowNotifier(clock: clock, delay: 0)
        let (ra, rb) = await run(pipeline(a, aSent, log: aLog), flush(["1"]), aSent: aSent,
                                 pipeline(b, bSent, log: bLog), flush(["1"]))
        XCTAssertTrue(ra)
        XCTAssertTrue(rb)
        XCTAssertEqual(aSent.calls.withLock { $0.count }, 1)
        XCTAssertEqual(bSent.calls.withLock { $0.count }, 0, "b waited for a's claim, then found a's log entry")
        XCTAssertFalse(aSent.calls.withLock { $0[0].idempotencyKey }.isEmpty)
    }

    func test_claimedSend_holderRetriesPastLease_renewsAndPeerStaysSilent() async {
        let a = Node(nodeName: "a", position: 0, unseen: []), b = Node(nodeName: "b", position: 1, unseen: [])
        let aLog = NotificationLogStore(retention: 3600), bLog = NotificationLogStore(retention: 3600)
        gossip(a, aLog, to: b, bLog)
        // Each attempt takes 1.5 s and the first three fail: about 7 s of sending and backoff,
        // more than two leases of 3 s.
        let aSent = SlowNotifier(clock: clock, delay: 1.5, failures: 3), bSent = SlowNotifier(clock: clock, delay: 0)
        let (ra, rb) = await run(pipeline(a, aSent, log: aLog), flush(["1"]), aSent: aSent,
                                 pipeline(b, bSent, log: bLog), flush(["1"]))
        XCTAssertTrue(ra)
        XCTAssertTrue(rb)
        XCTAssertEqual(aSent.calls.withLock { $0.count }, 4)
        XCTAssertGreaterThan(clock.now().timeIntervalSince(t0), 6)
        XCTAssertEqual(bSent.calls.withLock { $0.count }, 0)
    }

    func test_claimedSend_peerHasNewAlert_otherContentNotBlocked() async {
        let a = Node(nodeName: "a", position: 0, unseen: []), b = Node(nodeName: "b", position: 1, unseen: ["c"])
        let aLog = NotificationLogStore(retention: 3600), bLog = NotificationLogStore(retention: 3600)
        gossip(a, aLog, to: b, bLog)
        let metrics = TestMetrics()
        let aSent = SlowNotifier(clock: clock, delay: 4), bSent = SlowNotifier(clock: clock, delay: 0)
        let (ra, rb) = await run(pipeline(a, aSent, log: aLog), flush(["1"]), aSent: aSent,
                                 pipeline(b, bSent, log: bLog, metrics: metrics), flush(["1", "2"]))
        XCTAssertTrue(ra)
        XCTAssertTrue(rb)
        XCTAssertEqual(bSent.calls.withLock { $0.count }, 1, "b's group has an alert a's claim does not cover")
        XCTAssertNotEqual(aSent.calls.withLock { $0[0].idempotencyKey }, bSent.calls.withLock { $0[0].idempotencyKey })
        // b could not see peer c: its send is counted as a possible duplicate.
        XCTAssertEqual(try metrics.expectCounter("tocsin_notifications_possible_duplicates_total",
                                                 [("integration", "webhook")]).totalValue, 1)
    }

    func test_claimedSend_singleNode_noIdempotencyKey() async {
        let sent = SlowNotifier(clock: clock, delay: 0)
        let ok = await Pipeline(receivers: [Receiver(name: "team", integrations: [
            Integration(name: "webhook", index: 0, sendResolved: true, notifier: sent)])],
                                marker: InMemoryAlerts().marker, log: NotificationLogStore(retention: 3600), clock: clock,
                                random: { 0.5 }).notify(flush(["1"]))
        XCTAssertTrue(ok)
        XCTAssertEqual(sent.calls.withLock { $0.map(\.idempotencyKey) }, [""], "a single node's output stays Alertmanager's")
    }

    func test_idempotencyKey_sameInputsAnyOrder_sameKeyAndRepeatChangesIt() {
        let one = notificationIdempotencyKey(groupKey: "g", receiver: "r", integration: "webhook[0]", firing: [1, 2],
                                             resolved: [3], previous: nil)
        XCTAssertEqual(one, notificationIdempotencyKey(groupKey: "g", receiver: "r", integration: "webhook[0]",
                                                       firing: [2, 1], resolved: [3], previous: nil))
        XCTAssertNotEqual(one, notificationIdempotencyKey(groupKey: "g", receiver: "r", integration: "webhook[0]",
                                                          firing: [1, 2], resolved: [3], previous: t0))
        XCTAssertNotEqual(one, notificationIdempotencyKey(groupKey: "g", receiver: "r", integration: "webhook[1]",
                                                          firing: [1, 2], resolved: [3], previous: nil))
    }
}
