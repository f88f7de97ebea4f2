import AlertCore
import AlertStore
import Foundation
import History
import NotificationLog
import Notify
import Synchronization
import TestKit
import TimeIntervals
import XCTest

/// What the pipeline tells its observer (the notification history): one record per attempt
/// with its number and outcome, deduplications with the log entry's time, muted flushes.
final class NotificationObserverTests: XCTestCase {
    final class Recorder: NotificationObserver {
        let records = Mutex<[NotificationRecord]>([])
        func record(_ record: NotificationRecord) { records.withLock { $0.append(record) } }
        var all: [NotificationRecord] { records.withLock { $0 } }
    }

    var clock: ManualClock!
    var log: NotificationLogStore!
    var recorder: Recorder!

    override func setUp() {
        clock = ManualClock(advancesOnSleep: true)
        log = NotificationLogStore(retention: 120 * 3600)
        recorder = Recorder()
    }

    func pipeline(_ n: ScriptedNotifier, intervals: [String: NamedTimeInterval] = [:]) -> Pipeline {
        Pipeline(receivers: [Receiver(name: "team", integrations: [
            Integration(name: "webhook", index: 0, sendResolved: true, notifier: n)])],
                 timeIntervals: intervals, marker: InMemoryAlerts().marker, log: log, clock: clock, random: { 0.5 },
                 observer: recorder)
    }

    func flush(_ alerts: [Alert], mute: [String] = []) -> AlertGroupFlush {
        AlertGroupFlush(groupKey: "{}:{alertname=\"A\"}", groupLabels: ["alertname": "A"], receiver: "team",
                        repeatInterval: 3600, groupInterval: 60, muteTimeIntervals: mute, activeTimeIntervals: [],
                        alerts: alerts, now: clock.now())
    }

    func test_observer_twoFailuresThenSuccess_recordsThreeAttemptsInOrder() async {
        let n = ScriptedNotifier(clock: clock, script: [.retryable("status 500"), .retryable("status 500"), nil])
        let firing = makeAlert(["alertname": "A", "instance": "1"], startsAt: clock.now())
        let resolved = makeAlert(["alertname": "A", "instance": "2"], startsAt: clock.now().addingTimeInterval(-60),
                                 endsAt: clock.now().addingTimeInterval(-1))
        let ok = await pipeline(n).notify(flush([firing, resolved]))
        XCTAssertTrue(ok)
        let r = recorder.all
        XCTAssertEqual(r.map(\.outcome), [.failed, .failed, .success])
        XCTAssertEqual(r.map(\.attempt), [1, 2, 3])
        XCTAssertEqual(r.map(\.willRetry), [true, true, false])
        XCTAssertEqual(r.map(\.error), ["status 500", "status 500", ""])
        XCTAssertEqual(r[2].firing, [firing.fingerprint.description])
        XCTAssertEqual(r[2].resolved, [resolved.fingerprint.description])
        XCTAssertEqual(r[2].groupLabels, ["alertname": "A"])
        XCTAssertEqual(r[2].time, n.calls[2].at, "recorded when the attempt ended (virtual time: no wait)")
    }

    func test_observer_logEntryAlreadyCoversTheGroup_recordsDeduplicatedWithItsTime() async {
        let a = makeAlert(["alertname": "A"], startsAt: clock.now())
        let peerSentAt = clock.now()
        log.log(receiver: NotificationLogReceiver(groupName: "team", integration: "webhook", index: 0),
                groupKey: "{}:{alertname=\"A\"}", firing: [a.labels.nflogHash], resolved: [], expiry: 7200, now: peerSentAt)
        clock.advance(by: .seconds(30))
        let n = ScriptedNotifier(clock: clock)
        _ = await pipeline(n).notify(flush([a]))
        XCTAssertTrue(n.calls.isEmpty)
        XCTAssertEqual(recorder.all.map(\.outcome), [.deduplicated])
        XCTAssertEqual(recorder.all.first?.notifiedAt, peerSentAt)
        XCTAssertEqual(recorder.all.first?.attempt, 0)
    }

    func test_observer_routeMutedByTimeInterval_recordsSuppressedWithItsName() async throws {
        let year = Self.year(of: clock.now())
        let always = try TimeIntervals.TimeInterval(times: [], weekdays: [], daysOfMonth: [], months: [],
                                                    years: ["\(year)"], location: nil)
        let n = ScriptedNotifier(clock: clock)
        _ = await pipeline(n, intervals: ["thisYear": NamedTimeInterval(name: "thisYear", intervals: [always])])
            .notify(flush([makeAlert(["alertname": "A"], startsAt: clock.now())], mute: ["thisYear"]))
        XCTAssertTrue(n.calls.isEmpty)
        XCTAssertEqual(recorder.all.map(\.outcome), [.suppressed])
        XCTAssertEqual(recorder.all.first?.timeInterval, "thisYear")
    }

    static func year(of d: Date) -> Int {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        return cal.component(.year, from: d)
    }
}
