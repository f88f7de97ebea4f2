import AlertCore
import AlertStore
import Foundation
import NotificationLog
import Notify
import Synchronization
import TestKit
import XCTest

/// 0.34's receiver data through the pipeline: the dedup stage hands the group's last entry's
/// `receiver_data` to the notifier (none for a first notification), the notifier changes it,
/// and the log records it only when the notification succeeded.
final class ReceiverDataPipelineTests: XCTestCase {
    /// Records the data each call saw, then stores `count` = its call number (or fails).
    final class CountingNotifier: Notifier {
        let seen = Mutex<[[String: ReceiverDataValue]]>([])
        let failNext = Mutex(false)
        func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
            let n = seen.withLock { $0.append(ctx.receiverData.all); return $0.count }
            if failNext.withLock({ f in defer { f = false }; return f }) { throw NotifyError.permanent("down") }
            ctx.receiverData.set("count", .int(Int64(n)))
            ctx.receiverData.set("last", .string("call \(n)"))
        }
    }

    let clock = ManualClock(advancesOnSleep: true)
    let log = NotificationLogStore(retention: 120 * 3600)
    let receiver = NotificationLogReceiver(groupName: "team", integration: "slack", index: 0)
    let group = "{}:{alertname=\"A\"}"

    func flush(_ pipeline: Pipeline, _ alerts: [Alert]) async -> Bool {
        await pipeline.notify(AlertGroupFlush(groupKey: group, groupLabels: ["alertname": "A"], receiver: "team",
                                              repeatInterval: 3600, groupInterval: 60, muteTimeIntervals: [],
                                              activeTimeIntervals: [], alerts: alerts, now: clock.now()))
    }

    func alert(_ i: String, resolved: Bool = false) -> Alert {
        makeAlert(["alertname": "A", "instance": i], startsAt: clock.now().addingTimeInterval(-60),
                  endsAt: resolved ? clock.now().addingTimeInterval(-1) : .goZero)
    }

    func test_receiverData_laterNotifications_seeWhatTheLastSuccessfulOneStored() async {
        let n = CountingNotifier()
        let p = Pipeline(receivers: [Receiver(name: "team", integrations: [
            Integration(name: "slack", index: 0, sendResolved: true, notifier: n)])],
                         marker: InMemoryAlerts().marker, log: log, clock: clock)
        var ok = await flush(p, [alert("1")])
        XCTAssertTrue(ok)
        XCTAssertEqual(log.query(receiver: receiver, groupKey: group)?.receiverData,
                       ["count": .int(1), "last": .string("call 1")])
        clock.advance(by: 60)
        // A new alert: not a first notification, so the stored data comes back.
        ok = await flush(p, [alert("1"), alert("2")])
        XCTAssertTrue(ok)
        // A failed attempt records nothing: the next one still sees call 2's data.
        clock.advance(by: 60)
        n.failNext.withLock { $0 = true }
        ok = await flush(p, [alert("1"), alert("2"), alert("3")])
        XCTAssertFalse(ok)
        clock.advance(by: 60)
        ok = await flush(p, [alert("1"), alert("2"), alert("3")])
        XCTAssertTrue(ok)
        // Everything resolved, then firing again: 0.34 counts that as a first notification.
        clock.advance(by: 60)
        ok = await flush(p, [alert("1", resolved: true)])
        XCTAssertTrue(ok)
        clock.advance(by: 60)
        ok = await flush(p, [alert("4")])
        XCTAssertTrue(ok)
        XCTAssertEqual(n.seen.withLock { $0 }, [
            [:],
            ["count": .int(1), "last": .string("call 1")],
            ["count": .int(2), "last": .string("call 2")],
            ["count": .int(2), "last": .string("call 2")],
            ["count": .int(4), "last": .string("call 4")],
            [:],
        ])
    }
}
