extension TimeInterval {
    /// `times` back as `(start_time, end_time)` strings, `HH:MM` (`24:00` for minute 1440), as
    /// Alertmanager's `TimeRange.MarshalYAML`; `[]` when absent.
    package var timeStrings: [(start: String, end: String)] {
        (times ?? []).map { (start: Self.clock($0.startMinute), end: Self.clock($0.endMinute)) }
    }

    /// `weekdays` back as names, `monday:friday` or `saturday` (Alertmanager's `WeekdayRange.MarshalText`).
    package var weekdayStrings: [String] {
        (weekdays ?? []).map { range in
            let begin = Self.weekdayName(range.begin)
            return range.begin == range.end ? begin : "\(begin):\(Self.weekdayName(range.end))"
        }
    }

    /// `days_of_month` back as `1:7`, `-3:-1` or `15`.
    package var daysOfMonthStrings: [String] { (daysOfMonth ?? []).map(Self.numeric) }

    /// `months` back as numbers (`1:3`, `12`): Alertmanager 0.25's `MonthRange` marshals through
    /// the numeric `InclusiveRange`, so `january:march` comes back as `1:3`.
    package var monthStrings: [String] { (months ?? []).map(Self.numeric) }

    /// `years` back as `2022:2025` or `2024`.
    package var yearStrings: [String] { (years ?? []).map(Self.numeric) }

    /// `location` back as Go's `Location.String()` (`UTC` for an empty name); `nil` when absent.
    package var locationString: String? { location?.name }

    /// The entry as Alertmanager marshals it to YAML, in its field order, absent and empty
    /// fields omitted (`omitempty`): keys `times`, `weekdays`, `days_of_month`, `months`,
    /// `years`, `location`. Times are lists of `["start_time": ..., "end_time": ...]`.
    package var yamlFields: [(key: String, value: YAMLValue)] {
        var out: [(key: String, value: YAMLValue)] = []
        let times = timeStrings
        if !times.isEmpty {
            out.append((key: "times", value: .timeList(times)))
        }
        for (key, list) in [("weekdays", weekdayStrings), ("days_of_month", daysOfMonthStrings),
                            ("months", monthStrings), ("years", yearStrings)] where !list.isEmpty {
            out.append((key: key, value: .list(list)))
        }
        if let locationString {
            out.append((key: "location", value: .scalar(locationString)))
        }
        return out
    }

    /// A value of ``yamlFields``.
    package enum YAMLValue: Sendable, Equatable {
        case scalar(String)
        case list([String])
        /// `times:` entries as (start_time, end_time).
        case timeList([(start: String, end: String)])

        package static func == (lhs: YAMLValue, rhs: YAMLValue) -> Bool {
            switch (lhs, rhs) {
            case let (.scalar(a), .scalar(b)): return a == b
            case let (.list(a), .list(b)): return a == b
            case let (.timeList(a), .timeList(b)):
                return a.count == b.count && zip(a, b).allSatisfy { $0.start == $1.start && $0.end == $1.end }
            default: return false
            }
        }
    }

    private static func clock(_ minute: Int) -> String {
        let hours = minute / 60
        let minutes = minute % 60
        return (hours < 10 ? "0" : "") + String(hours) + ":" + (minutes < 10 ? "0" : "") + String(minutes)
    }

    private static func weekdayName(_ day: Int) -> String {
        RangeParsing.weekdayNames.indices.contains(day) ? RangeParsing.weekdayNames[day] : String(day)
    }

    private static func numeric(_ range: InclusiveRange) -> String {
        range.begin == range.end ? String(range.begin) : "\(range.begin):\(range.end)"
    }
}
