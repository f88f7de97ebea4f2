import Foundation

/// A named interval from the config's `time_intervals:` (or legacy `mute_time_intervals:`)
/// list, referenced by routes' `mute_time_intervals` and `active_time_intervals`.
public struct NamedTimeInterval: Sendable, Hashable {
    public let name: String
    public let intervals: [TimeInterval]

    public init(name: String, intervals: [TimeInterval]) {
        self.name = name
        self.intervals = intervals
    }

    /// True when any entry contains `date`, as Alertmanager's mute/active stages loop over a
    /// named interval's entries. A named interval with no entries never contains anything.
    public func contains(_ date: Date) -> Bool {
        intervals.contains { $0.contains(date) }
    }
}
