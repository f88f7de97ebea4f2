import Foundation

/// The one clock everything is given: it tells the wall time and it sleeps on that same
/// time line. Wall time, not monotonic, because Alertmanager compares timestamps across
/// nodes (silences, the notification log). Production uses `WallClock`; tests use a manual
/// clock whose `advance` both moves "now" and wakes whoever sleeps until then, so no test
/// sleeps to wait for a timer it could advance.
package protocol TimeSource: Sendable {
    func now() -> Date
    /// Returns once `duration` has passed on this clock, at once when it is not positive.
    /// Throws `CancellationError` when the calling task is cancelled.
    func sleep(for duration: Duration) async throws
}

extension TimeSource {
    /// Sleeps until `deadline` on this clock.
    package func sleep(until deadline: Date) async throws {
        try await sleep(for: .seconds(deadline.timeIntervalSince(now())))
    }
}

/// The system's wall clock; sleeps on the task clock.
package struct WallClock: TimeSource {
    package init() {}
    package func now() -> Date { Date() }
    package func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return try Task.checkCancellation() }
        try await Task.sleep(for: duration)
    }
}

extension Duration {
    /// The duration in seconds, for the edges that speak `TimeInterval` (Foundation dates).
    package var timeInterval: TimeInterval {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}

extension Date {
    /// Go's zero `time.Time` (0001-01-01T00:00:00Z): Alertmanager's "unset" timestamp.
    package static let goZero = Date(timeIntervalSince1970: -62135596800)

    /// True for Go's zero time and anything before year 2 (amtool sends year-1 stamps for "unset").
    package var isGoZero: Bool { timeIntervalSince1970 < -62104060800 }
}
