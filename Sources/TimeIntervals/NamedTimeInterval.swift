import Foundation

/// A named interval from the config's `time_intervals:` (or legacy `mute_time_intervals:`)
/// list, referenced by routes' `mute_time_intervals` and `active_time_intervals`.
package struct NamedTimeInterval: Sendable, Hashable {
    package let name: String
    package let intervals: [TimeInterval]

    package init(name: String, intervals: [TimeInterval]) {
        self.name = name
        self.intervals = intervals
    }

    /// True when any entry contains `date`, as Alertmanager's mute/active stages loop over a
    /// named interval's entries. A named interval with no entries never contains anything.
    package func contains(_ date: Date) -> Bool {
        intervals.contains { $0.contains(date) }
    }
}
