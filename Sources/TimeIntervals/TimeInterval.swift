import Foundation

/// One entry of a named interval's `time_intervals:` list, as Alertmanager 0.25's
/// `timeinterval.TimeInterval`.
///
/// Each field that is present must match (AND); within a field any one range may match (OR);
/// an entry with no fields matches every instant. Build it with ``init(times:weekdays:daysOfMonth:months:years:location:)``
/// from the YAML strings; errors carry Alertmanager's exact texts.
///
/// Note: Foundation also declares `TimeInterval` (a `Double`). A file that imports both
/// Foundation and this module can spell this type `TimeIntervals.TimeInterval` or use the
/// alias ``TimeIntervalEntry``.
package struct TimeInterval: Sendable, Hashable {
    /// Times of day; `nil` when the field is absent.
    package let times: [TimeOfDayRange]?
    /// Weekday ranges, 0 = Sunday ... 6 = Saturday; `nil` when absent.
    package let weekdays: [InclusiveRange]?
    /// Day-of-month ranges; negative values count from the end of the month (-1 = last day).
    package let daysOfMonth: [InclusiveRange]?
    /// Month ranges, 1 = January (numbers given in the config are not range-checked, as in Alertmanager).
    package let months: [InclusiveRange]?
    /// Year ranges; `nil` when absent.
    package let years: [InclusiveRange]?
    /// The location instants are converted to before matching; `nil` means UTC.
    package let location: IntervalLocation?

    /// Parses one entry from its YAML string fields. An empty list means "field absent"
    /// (use ``parse(times:weekdays:daysOfMonth:months:years:location:)`` to tell an explicit
    /// empty list apart). Fields are validated in Alertmanager's struct order: times,
    /// weekdays, days_of_month, months, years, location.
    package init(times: [(start: String, end: String)], weekdays: [String], daysOfMonth: [String],
                months: [String], years: [String], location: String?) throws(TimeIntervalError) {
        self = try TimeInterval.parse(
            times: times.isEmpty ? nil : times,
            weekdays: weekdays.isEmpty ? nil : weekdays,
            daysOfMonth: daysOfMonth.isEmpty ? nil : daysOfMonth,
            months: months.isEmpty ? nil : months,
            years: years.isEmpty ? nil : years,
            location: location)
    }

    /// Parses one entry where `nil` means the field is absent and an empty list means the
    /// field is present but empty. Alertmanager (yaml.v2) keeps `weekdays: []` as a non-nil
    /// empty list, and an empty present field matches nothing, so such an entry never matches.
    package static func parse(times: [(start: String, end: String)]?, weekdays: [String]?,
                             daysOfMonth: [String]?, months: [String]?, years: [String]?,
                             location: String?) throws(TimeIntervalError) -> TimeInterval {
        var parsedTimes: [TimeOfDayRange]?
        if let times {
            parsedTimes = []
            for time in times {
                parsedTimes?.append(try TimeOfDayRange.parse(start: time.start, end: time.end))
            }
        }
        let parsedWeekdays = try weekdays.map { (list) throws(TimeIntervalError) in
            try parseAll(list, with: RangeParsing.weekday)
        }
        let parsedDays = try daysOfMonth.map { (list) throws(TimeIntervalError) in
            try parseAll(list, with: RangeParsing.dayOfMonth)
        }
        let parsedMonths = try months.map { (list) throws(TimeIntervalError) in
            try parseAll(list, with: RangeParsing.month)
        }
        let parsedYears = try years.map { (list) throws(TimeIntervalError) in
            try parseAll(list, with: RangeParsing.year)
        }
        let parsedLocation = try location.map { (name) throws(TimeIntervalError) in
            try IntervalLocation.load(name)
        }
        return TimeInterval(timeRanges: parsedTimes, weekdayRanges: parsedWeekdays,
                            dayOfMonthRanges: parsedDays, monthRanges: parsedMonths,
                            yearRanges: parsedYears, location: parsedLocation)
    }

    /// Builds an entry from already validated parts (no checks), e.g. for tests or for code
    /// that constructs intervals programmatically. `nil` means the field is absent.
    package init(timeRanges: [TimeOfDayRange]?, weekdayRanges: [InclusiveRange]?,
                dayOfMonthRanges: [InclusiveRange]?, monthRanges: [InclusiveRange]?,
                yearRanges: [InclusiveRange]?, location: IntervalLocation?) {
        self.times = timeRanges
        self.weekdays = weekdayRanges
        self.daysOfMonth = dayOfMonthRanges
        self.months = monthRanges
        self.years = yearRanges
        self.location = location
    }

    private static func parseAll(
        _ list: [String], with parse: (String) throws(TimeIntervalError) -> InclusiveRange
    ) throws(TimeIntervalError) -> [InclusiveRange] {
        var out: [InclusiveRange] = []
        out.reserveCapacity(list.count)
        for item in list {
            out.append(try parse(item))
        }
        return out
    }
}

/// Another name for ``TimeInterval`` that does not collide with Foundation's `TimeInterval`.
package typealias TimeIntervalEntry = TimeInterval

/// An inclusive range of integers, Alertmanager's `InclusiveRange` (`"a"` means `a:a`).
package struct InclusiveRange: Sendable, Hashable {
    package let begin: Int
    package let end: Int
}

/// A range of minutes within a day, `startMinute` inclusive, `endMinute` exclusive
/// (Alertmanager's `TimeRange`; `24:00` is minute 1440).
package struct TimeOfDayRange: Sendable, Hashable {
    package let startMinute: Int
    package let endMinute: Int
}
