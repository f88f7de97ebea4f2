import AlertCore
@testable import AlertDispatch
import Foundation
import TestKit

/// Scenario time zero; `at(1.5)` is 1.5s after it (like the acceptance tests' `At`).
let t0 = Date(timeIntervalSince1970: 1_700_000_000)
func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

func eq(_ name: String, _ value: String) -> Matcher {
    do { return try Matcher(.equal, name, value) } catch {
        preconditionFailure("equality matchers cannot fail to build: \(error)")
    }
}

func re(_ name: String, _ value: String) throws -> Matcher { try Matcher(.regexp, name, value) }

/// An alert named `name` (plus `extra` labels), starting at scenario second `start`,
/// received at `received` (defaults to `start`), ending at `end` if given.
func alert(_ name: String, _ extra: [String: String] = [:], start: Double, end: Double? = nil,
           received: Double? = nil) -> Alert {
    var labels = extra
    labels["alertname"] = name
    return makeAlert(labels, startsAt: at(start), endsAt: end.map(at) ?? .goZero,
                     updatedAt: at(received ?? start))
}

func names(_ alerts: [Alert]) -> [String] { alerts.map { $0.labels.value("alertname") } }

/// A route tree from a root spec with short timings.
func tree(groupBy: [String]? = nil, wait: TimeInterval = 1, interval: TimeInterval = 5,
          repeatInterval: TimeInterval = 3600, routes: [RouteSpec] = []) -> Route {
    Route(root: RouteSpec(receiver: "default", groupBy: groupBy, groupWait: wait, groupInterval: interval,
                          repeatInterval: repeatInterval, routes: routes))
}

/// One flush as a timeline records it: scenario second and alerts (name, ended?).
struct FlushRecord: Equatable, CustomStringConvertible {
    var time: Double
    var groupKey: String
    var alerts: [String]
    var description: String { "@\(time) \(groupKey) \(alerts)" }
}

/// Drives a `DispatcherState` like the shell does, with flushes that complete instantly
/// (success per `succeed`), and records every flush.
struct Timeline {
    var state: DispatcherState
    var flushes: [FlushRecord] = []
    var raw: [AlertGroupFlush] = []
    var succeed: (AlertGroupFlush) -> Bool = { _ in true }

    init(_ route: Route) { state = DispatcherState(route: route) }

    /// Fires every deadline up to and including `until` (seconds), in time order.
    mutating func run(until: Double) {
        while let d = state.nextDeadline, d <= at(until) {
            for due in state.due(now: d) {
                let s = d.timeIntervalSince(t0)
                flushes.append(FlushRecord(time: (s * 1000).rounded() / 1000, groupKey: due.flush.groupKey,
                                           alerts: due.flush.alerts.map(Self.render)))
                raw.append(due.flush)
                state.completed(due.groupID, success: succeed(due.flush), alerts: due.flush.alerts, now: d)
            }
        }
    }

    /// Runs to `time`, then ingests `alerts` at `time`.
    mutating func push(_ time: Double, _ alerts: Alert...) {
        run(until: time)
        for a in alerts { state.ingest(a, now: at(time)) }
    }

    static func render(_ a: Alert) -> String {
        let n = a.labels.value("alertname")
        return a.endsAt.isGoZero ? n : "\(n)(ended \(a.endsAt.timeIntervalSince(t0)))"
    }
}

/// A notifier recording flushes; answers with `result` (default success).
actor RecordingNotifier: AlertGroupNotifier {
    private(set) var flushes: [AlertGroupFlush] = []
    var result = true
    private var callback: (@Sendable () -> Void)?
    func setResult(_ r: Bool) { result = r }
    /// Calls `f` after every recorded flush.
    func onFlush(_ f: @escaping @Sendable () -> Void) { callback = f }
    func notify(_ flush: AlertGroupFlush) async -> Bool {
        flushes.append(flush)
        callback?()
        return result
    }
}
