import AlertCore
import AlertStore
import Foundation
import MetricsTestKit
import Notify
import NotificationLog
import TestKit
import TimeIntervals
import XCTest

/// Pipeline runs with fake notifiers, a manual clock and a sleeper that advances it,
/// covering the semantics of Alertmanager's TestRetry, TestResolvedFilter and TestRepeat.
final class PipelineTests: XCTestCase {
    var clock: ManualClock!
    var log: NotificationLogStore!
    var metrics: TestMetrics!
    /// Where the marker keeps statuses: only a stored alert's are kept.
    var store: InMemoryAlerts!
    var marker: AlertMarker!
    var t0: Date!

    override func setUp() {
        // Virtual time: a wait (cluster wait, backoff) moves the clock and returns.
        clock = ManualClock(advancesOnSleep: true)
        t0 = clock.now()
        metrics = TestMetrics()
        log = NotificationLogStore(retention: 120 * 3600, metricsFactory: metrics)
        store = InMemoryAlerts()
        marker = store.marker
    }

    func pipeline(_ integrations: [Integration], inhibitor: (any Muter)? = nil, silencer: (any Muter)? = nil,
                  intervals: [String: NamedTimeInterval] = [:], peer: any ClusterPeer = SinglePeer()) -> Pipeline {
        Pipeline(receivers: [Receiver(name: "team", integrations: integrations)], inhibitor: inhibitor, silencer: silencer,
                 timeIntervals: intervals, marker: marker, log: log, peer: peer, clock: clock,
                 metrics: NotifyMetrics(factory: metrics), random: { 0.5 })
    }

    func webhook(_ n: ScriptedNotifier, index: Int = 0, sendResolved: Bool = true) -> Integration {
        Integration(name: "webhook", index: index, sendResolved: sendResolved, notifier: n)
    }

    func flush(_ alerts: [Alert], repeatInterval: Double = 3600, groupInterval: Double = 60, receiver: String = "team",
               mute: [String] = [], active: [String] = []) -> AlertGroupFlush {
        AlertGroupFlush(groupKey: "{}:{alertname=\"A\"}", groupLabels: ["alertname": "A"], receiver: receiver,
                        repeatInterval: repeatInterval, groupInterval: groupInterval, muteTimeIntervals: mute,
                        activeTimeIntervals: active, alerts: alerts, now: clock.now())
    }

    func firing(_ name: String) -> Alert { makeAlert(["alertname": "A", "instance": name], startsAt: t0) }

    func resolved(_ name: String) -> Alert {
        makeAlert(["alertname": "A", "instance": name], startsAt: t0, endsAt: clock.now().addingTimeInterval(-1))
    }

    func test_pipeline_unknownReceiver_fails() async {
        let n = ScriptedNotifier(clock: clock)
        let ok = await pipeline([webhook(n)]).notify(flush([firing("1")], receiver: "nobody"))
        XCTAssertFalse(ok)
        XCTAssertTrue(n.calls.isEmpty)
    }

    func test_pipeline_noAlerts_succeedsWithoutSending() async {
        let n = ScriptedNotifier(clock: clock)
        let ok = await pipeline([webhook(n)]).notify(flush([]))
        XCTAssertTrue(ok)
        XCTAssertTrue(n.calls.isEmpty)
    }

    func test_pipeline_firstFlush_sendsAndLogsFiringHashes() async throws {
        let n = ScriptedNotifier(clock: clock)
        let a = firing("1")
        let ok = await pipeline([webhook(n)]).notify(flush([a]))
        XCTAssertTrue(ok)
        XCTAssertEqual(n.calls.count, 1)
        XCTAssertEqual(n.calls.first?.ctx.groupKey, "{}:{alertname=\"A\"}")
        XCTAssertEqual(n.calls.first?.ctx.deadline, t0.addingTimeInterval(60))
        let e = log.query(receiver: .init(groupName: "team", integration: "webhook", index: 0), groupKey: "{}:{alertname=\"A\"}")
        XCTAssertEqual(e?.firingAlerts, [a.labels.nflogHash])
        XCTAssertEqual(e?.expiresAt, t0.addingTimeInterval(7200), "expiry = 2 × repeat_interval")
        XCTAssertEqual(try metrics.expectCounter("alertmanager_notifications_total", [("integration", "webhook")]).totalValue, 1)
        XCTAssertEqual(try metrics.expectCounter("alertmanager_notification_requests_total",
                                                 [("integration", "webhook")]).totalValue, 1)
    }

    func test_pipeline_sameAlertsWithinRepeat_deduplicates() async {
        let n = ScriptedNotifier(clock: clock)
        let p = pipeline([webhook(n)])
        _ = await p.notify(flush([firing("1")]))
        clock.advance(by: 60)
        let ok = await p.notify(flush([firing("1")]))
        XCTAssertTrue(ok)
        XCTAssertEqual(n.calls.count, 1)
    }

    /// TestRepeat: a tiny repeat_interval re-sends at every flush; a resolution is sent.
    func test_pipeline_tinyRepeatInterval_notifiesEveryFlushThenResolved() async {
        let n = ScriptedNotifier(clock: clock)
        let p = pipeline([webhook(n)])
        for _ in 0..<3 {
            _ = await p.notify(flush([firing("1")], repeatInterval: 0.001, groupInterval: 1))
            clock.advance(by: 1)
        }
        _ = await p.notify(flush([resolved("1")], repeatInterval: 0.001, groupInterval: 1))
        XCTAssertEqual(n.calls.count, 4)
        XCTAssertEqual(n.calls.last?.alerts.first?.status(at: clock.now()), "resolved")
    }

    /// TestRetry: two integrations of one receiver are deduplicated independently.
    func test_pipeline_oneIntegrationFailing_othersLoggedAndFailingRetriedNextFlush() async throws {
        let good = ScriptedNotifier(clock: clock)
        // A permanent failure keeps this test free of clock races between the two concurrent
        // integrations; retrying until the deadline is covered by its own test.
        let bad = ScriptedNotifier(clock: clock, always: .permanent("unexpected status code 400", reason: .clientError))
        let p = pipeline([webhook(good, index: 0), webhook(bad, index: 1)])
        let first = await p.notify(flush([firing("1")]))
        XCTAssertFalse(first, "fanout fails if any integration fails")
        XCTAssertEqual(good.calls.count, 1)
        XCTAssertEqual(bad.calls.count, 1)
        XCTAssertNil(log.query(receiver: .init(groupName: "team", integration: "webhook", index: 1), groupKey: "{}:{alertname=\"A\"}"))

        let badCalls = bad.calls.count
        let working = ScriptedNotifier(clock: clock)
        let p2 = pipeline([webhook(good, index: 0), webhook(working, index: 1)])
        clock.advance(by: 1)
        let second = await p2.notify(flush([firing("1")]))
        XCTAssertTrue(second)
        XCTAssertEqual(good.calls.count, 1, "already notified: deduplicated")
        XCTAssertEqual(working.calls.count, 1, "never logged: notified now")
        XCTAssertEqual(bad.calls.count, badCalls)

        clock.advance(by: 3601)
        _ = await p2.notify(flush([firing("1")]))
        XCTAssertEqual(good.calls.count, 2)
        XCTAssertEqual(working.calls.count, 2)
        XCTAssertEqual(try metrics.expectCounter("alertmanager_notifications_failed_total",
                                                 [("integration", "webhook"), ("reason", "clientError")]).totalValue, 1)
    }

    /// TestResolvedFilter: send_resolved false never sees resolved alerts nor notifies because of
    /// them, yet the log records them.
    func test_pipeline_sendResolvedFalse_filtersResolvedButLogsThem() async {
        let withResolved = ScriptedNotifier(clock: clock)
        let without = ScriptedNotifier(clock: clock)
        let p = pipeline([webhook(withResolved, index: 0), webhook(without, index: 1, sendResolved: false)])
        _ = await p.notify(flush([firing("1"), firing("2")]))
        XCTAssertEqual(withResolved.calls.count, 1)
        XCTAssertEqual(without.calls.count, 1)

        clock.advance(by: 60)
        let ok = await p.notify(flush([resolved("1"), firing("2")]))
        XCTAssertTrue(ok)
        XCTAssertEqual(withResolved.calls.count, 2)
        XCTAssertEqual(withResolved.calls.last?.alerts.count, 2)
        XCTAssertEqual(without.calls.count, 1, "a resolution alone is not a reason to notify")
        let entry = log.query(receiver: .init(groupName: "team", integration: "webhook", index: 1), groupKey: "{}:{alertname=\"A\"}")
        XCTAssertEqual(entry?.resolvedAlerts ?? [], [], "nothing was sent, so the log is untouched")

        clock.advance(by: 3601)
        _ = await p.notify(flush([resolved("1"), firing("2")]))
        XCTAssertEqual(without.calls.count, 2)
        XCTAssertEqual(without.calls.last?.alerts.map { $0.labels.value("instance") }, ["2"], "resolved stripped")
        let after = log.query(receiver: .init(groupName: "team", integration: "webhook", index: 1), groupKey: "{}:{alertname=\"A\"}")
        XCTAssertEqual(after?.resolvedAlerts, [resolved("1").labels.nflogHash], "resolved logged even when filtered")
    }

    func test_pipeline_allResolvedWithoutSendResolved_logsWithoutSending() async {
        let n = ScriptedNotifier(clock: clock)
        let p = pipeline([webhook(n, sendResolved: false)])
        _ = await p.notify(flush([firing("1")]))
        clock.advance(by: 60)
        let ok = await p.notify(flush([resolved("1")]))
        XCTAssertTrue(ok)
        XCTAssertEqual(n.calls.count, 1)
        let e = log.query(receiver: .init(groupName: "team", integration: "webhook", index: 0), groupKey: "{}:{alertname=\"A\"}")
        XCTAssertEqual(e?.firingAlerts, [])
        XCTAssertEqual(e?.resolvedAlerts, [firing("1").labels.nflogHash])
        XCTAssertEqual(try metrics.expectCounter("alertmanager_notifications_total", [("integration", "webhook")]).totalValue, 2)
    }

    func test_pipeline_retryableThenSuccess_backsOffHalfSecondThenThreeQuarters() async {
        let n = ScriptedNotifier(clock: clock, script: [.retryable("boom"), .retryable("boom"), nil])
        let ok = await pipeline([webhook(n)]).notify(flush([firing("1")]))
        XCTAssertTrue(ok)
        XCTAssertEqual(n.calls.count, 3)
        XCTAssertEqual(clock.sleeps, [.seconds(0.5), .seconds(0.75)])
        XCTAssertEqual(try metrics.expectCounter("alertmanager_notification_requests_failed_total",
                                                 [("integration", "webhook")]).totalValue, 2)
    }

    func test_pipeline_nonRetryableError_stopsAfterOneAttempt() async {
        let n = ScriptedNotifier(clock: clock, always: .permanent("unexpected status code 404", reason: .clientError))
        let ok = await pipeline([webhook(n)]).notify(flush([firing("1")]))
        XCTAssertFalse(ok)
        XCTAssertEqual(n.calls.count, 1)
        XCTAssertEqual(try metrics.expectCounter("alertmanager_notifications_failed_total",
                                                 [("integration", "webhook"), ("reason", "clientError")]).totalValue, 1)
    }

    func test_pipeline_alwaysRetryable_stopsAtDeadlineOfGroupIntervalFloorTenSeconds() async {
        let n = ScriptedNotifier(clock: clock, always: .retryable("boom"))
        let ok = await pipeline([webhook(n)]).notify(flush([firing("1")], groupInterval: 1))
        XCTAssertFalse(ok)
        // Delays 0.5, 0.75, 1.125, 1.6875, 2.53125 sum to 6.59; the next (3.8) would pass 10s.
        XCTAssertEqual(n.calls.count, 6)
        XCTAssertTrue(n.calls.allSatisfy { $0.at < self.t0.addingTimeInterval(10) })
        XCTAssertEqual(clock.now(), t0.addingTimeInterval(10), "waited out the deadline, no further attempt")
    }

    func test_pipeline_allAlertsInhibited_succeedsWithoutSendingOrLogging() async {
        let n = ScriptedNotifier(clock: clock)
        let ok = await pipeline([webhook(n)], inhibitor: NameMuter(names: ["A"])).notify(flush([firing("1")]))
        XCTAssertTrue(ok)
        XCTAssertTrue(n.calls.isEmpty)
        XCTAssertEqual(log.count, 0)
    }

    func test_pipeline_someAlertsSilenced_sendsOnlyTheRest() async {
        let n = ScriptedNotifier(clock: clock)
        let other = makeAlert(["alertname": "B"], startsAt: t0)
        let ok = await pipeline([webhook(n)], silencer: NameMuter(names: ["A"])).notify(flush([firing("1"), other]))
        XCTAssertTrue(ok)
        XCTAssertEqual(n.calls.first?.alerts.map { $0.labels.value("alertname") }, ["B"])
    }

    func test_pipeline_muteIntervalContainsNow_dropsAllAndMarksMutedBy() async throws {
        let n = ScriptedNotifier(clock: clock)
        let y2023 = try TimeIntervals.TimeInterval(times: [], weekdays: [], daysOfMonth: [], months: [], years: ["2023"],
                                                   location: nil)
        let intervals = ["in2023": NamedTimeInterval(name: "in2023", intervals: [y2023])]
        let a = firing("1")
        store.put([a], now: clock.now())
        let ok = await pipeline([webhook(n)], intervals: intervals).notify(flush([a], mute: ["in2023"]))
        XCTAssertTrue(ok)
        XCTAssertTrue(n.calls.isEmpty)
        XCTAssertEqual(marker.status(a.fingerprint)?.mutedBy, ["in2023"])
        XCTAssertEqual(log.count, 0, "muted flushes are not logged")
    }

    func test_pipeline_activeIntervalNotContainingNow_dropsAll() async throws {
        let n = ScriptedNotifier(clock: clock)
        let y2030 = try TimeIntervals.TimeInterval(times: [], weekdays: [], daysOfMonth: [], months: [], years: ["2030"],
                                                   location: nil)
        let intervals = ["future": NamedTimeInterval(name: "future", intervals: [y2030])]
        let p = pipeline([webhook(n)], intervals: intervals)
        let okOutside = await p.notify(flush([firing("1")], active: ["future"]))
        XCTAssertTrue(okOutside)
        XCTAssertTrue(n.calls.isEmpty)
        let okNoInterval = await p.notify(flush([firing("1")]))
        XCTAssertTrue(okNoInterval)
        XCTAssertEqual(n.calls.count, 1)
    }

    func test_pipeline_unknownTimeInterval_fails() async {
        let n = ScriptedNotifier(clock: clock)
        let ok = await pipeline([webhook(n)]).notify(flush([firing("1")], mute: ["nope"]))
        XCTAssertFalse(ok)
        XCTAssertTrue(n.calls.isEmpty)
    }

    func test_pipeline_peerPositionTwo_waitsTwiceThePeerTimeoutFirst() async {
        let n = ScriptedNotifier(clock: clock)
        let p = pipeline([webhook(n)], peer: FixedPeer(position: 2, peerTimeout: .seconds(15)))
        let ok = await p.notify(flush([firing("1")]))
        XCTAssertTrue(ok)
        XCTAssertEqual(clock.sleeps, [.seconds(30)])
        XCTAssertEqual(n.calls.first?.at, t0.addingTimeInterval(30))
        XCTAssertEqual(n.calls.first?.ctx.deadline, t0.addingTimeInterval(90), "deadline includes the wait")
    }

    func test_pipeline_peerLoggedFirst_laterPeerDeduplicates() async throws {
        // Peer 0 notified and its entry arrived by gossip: this node (position 1) stays quiet.
        let peer0 = NotificationLogStore(retention: 3600, metricsFactory: TestMetrics())
        peer0.log(receiver: .init(groupName: "team", integration: "webhook", index: 0), groupKey: "{}:{alertname=\"A\"}",
                  firing: [firing("1").labels.nflogHash], resolved: [], expiry: 0, now: t0)
        XCTAssertEqual(try log.merge(peer0.snapshot(), now: t0), 1)
        let n = ScriptedNotifier(clock: clock)
        let ok = await pipeline([webhook(n)], peer: FixedPeer(position: 1, peerTimeout: .seconds(15))).notify(flush([firing("1")]))
        XCTAssertTrue(ok)
        XCTAssertTrue(n.calls.isEmpty)
    }
}
