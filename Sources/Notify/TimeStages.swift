import AlertCore
import Foundation
import TimeIntervals

/// The outcome of the route time-interval stages for one flush.
package enum TimeGate: Sendable, Equatable {
    /// Notify normally.
    case open
    /// Drop all alerts; the names are the intervals responsible (recorded as `mutedBy`).
    case muted(by: [String])
}

/// Alertmanager's `TimeActiveStage` then `TimeMuteStage`, as one pure decision.
///
/// - `active`: when non-empty and no named interval contains `now`, everything is dropped.
/// - `mute`: when any named interval contains `now`, everything is dropped.
/// `now` is the flush tick time; intervals convert it to their own location.
/// - Throws: ``UnknownTimeIntervalError`` for a name missing from `intervals` (Go fails the
///   flush with "time interval X doesn't exist in config").
package func timeGate(active: [String], mute: [String], intervals: [String: NamedTimeInterval],
                     now: Date) throws(UnknownTimeIntervalError) -> TimeGate {
    if !active.isEmpty {
        var inside = false
        for name in active {
            guard let interval = intervals[name] else { throw UnknownTimeIntervalError(name: name) }
            if interval.contains(now) { inside = true }
        }
        if !inside { return .muted(by: active) }
    }
    var muting: [String] = []
    for name in mute {
        guard let interval = intervals[name] else { throw UnknownTimeIntervalError(name: name) }
        if interval.contains(now) { muting.append(name) }
    }
    return muting.isEmpty ? .open : .muted(by: muting)
}

/// A route names a time interval the configuration does not define.
package struct UnknownTimeIntervalError: Error, Sendable, Equatable, CustomStringConvertible {
    package let name: String
    package var description: String { "time interval \(name) doesn't exist in config" }
}
