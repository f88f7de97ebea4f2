import AlertCore
import AlertDispatch
import Foundation
import HTTPAPI
@testable import Server
import TestKit
import TimeIntervals
import XCTest

/// What the "why" of an alert says, from dispatcher state driven by a manual clock: the next
/// flush moves from group_wait to group_interval, a muting interval says until when.
final class AlertExplanationTests: XCTestCase {
    func matcher(_ name: String, _ value: String) throws -> Matcher { try Matcher(.equal, name, value) }

    func test_explain_groupWaitThenInterval_nextFlushFollowsTheTimers() throws {
        let clock = ManualClock()
        let t0 = clock.now()
        let route = Route(root: RouteSpec(receiver: "root", groupBy: ["alertname"], groupWait: 30, groupInterval: 300,
                                          repeatInterval: 3600, routes: [
            RouteSpec(receiver: "db", matchers: [try matcher("team", "db")], continue: true),
            RouteSpec(receiver: "all"),
        ]))
        var state = DispatcherState(route: route)
        let alert = makeAlert(["alertname": "A", "team": "db"], startsAt: t0)
        _ = state.ingest(alert, now: t0)
        func explain() -> APIExplanation {
            AlertExplanation.build(alert: alert, status: AlertStatus(), route: route, dispatcher: state, inhibition: nil,
                                   timeIntervals: [:], notifications: [], now: clock.now())
        }
        let before = explain()
        XCTAssertEqual(before.routes.map(\.receiver), ["db", "all"])
        XCTAssertEqual(before.routes.map(\.path), [[0, 1], [0, 2]])
        XCTAssertEqual(before.routes.map(\.nextFlush), Array(repeating: AlertExplanation.rfc3339(t0.addingTimeInterval(30)), count: 2))
        XCTAssertEqual(before.routes.first?.groupWait, "30s")

        clock.advance(by: 30)
        let flushes = state.due(now: clock.now())
        XCTAssertEqual(flushes.count, 2)
        for f in flushes { state.completed(f.groupID, success: true, alerts: f.flush.alerts, now: clock.now()) }
        XCTAssertEqual(explain().routes.map(\.nextFlush),
                       Array(repeating: AlertExplanation.rfc3339(t0.addingTimeInterval(330)), count: 2))
    }

    func test_explain_muteIntervalNow_namesItUntilItEnds() throws {
        // 09:00-17:00 UTC on every day; now is 10:15.
        let work = try TimeIntervals.TimeInterval(times: [(start: "09:00", end: "17:00")], weekdays: [], daysOfMonth: [],
                                                  months: [], years: [], location: nil)
        let intervals = ["work": NamedTimeInterval(name: "work", intervals: [work])]
        let day = Date(timeIntervalSince1970: 1_799_971_200)  // a midnight UTC
        let clock = ManualClock(day.addingTimeInterval(10.25 * 3600))
        XCTAssertEqual(AlertExplanation.mutes(active: [], mute: ["work"], intervals: intervals, now: clock.now()),
                       [.init(timeInterval: "work", until: AlertExplanation.rfc3339(day.addingTimeInterval(17 * 3600)))])
        XCTAssertEqual(AlertExplanation.mutes(active: ["work"], mute: [], intervals: intervals, now: clock.now()), [],
                       "inside its active interval the route is not muted")
        clock.set(day.addingTimeInterval(18 * 3600))
        XCTAssertEqual(AlertExplanation.mutes(active: [], mute: ["work"], intervals: intervals, now: clock.now()), [])
        XCTAssertEqual(AlertExplanation.mutes(active: ["work"], mute: [], intervals: intervals, now: clock.now()),
                       [.init(timeInterval: "work", until: AlertExplanation.rfc3339(day.addingTimeInterval(33 * 3600)))],
                       "outside its active interval: muted until it next begins, 09:00 the next day")
    }
}
