/// Parsers for the `"a"` / `"a:b"` range strings of weekdays, days_of_month, months and
/// years, mirroring Alertmanager 0.25's `stringableRangeFromString` and the per-type
/// `UnmarshalYAML` checks, with their exact error texts.
enum RangeParsing {
    static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    static let monthNames = ["january", "february", "march", "april", "may", "june", "july",
                             "august", "september", "october", "november", "december"]

    /// `weekdays`: names only; begin must not be after end (no wrap-around: `saturday:sunday` fails).
    static func weekday(_ input: String) throws(TimeIntervalError) -> InclusiveRange {
        let range = try split(input) { (member) throws(TimeIntervalError) in
            guard let index = weekdayNames.firstIndex(of: member) else {
                throw TimeIntervalError(message: "\(member) is not a valid weekday")
            }
            return index
        }
        return try ordered(range) { _ in "start day cannot be before end day" }
    }

    /// `days_of_month`: integers in [-31,-1] ∪ [1,31]; a negative start needs a negative end;
    /// a range that is empty even in a 28-day month is rejected.
    static func dayOfMonth(_ input: String) throws(TimeIntervalError) -> InclusiveRange {
        let range = try split(input, member: goAtoi)
        for value in [range.begin, range.end] where value == 0 || value < -31 || value > 31 {
            throw TimeIntervalError(message: "\(value) is not a valid day of the month: out of range")
        }
        if range.begin < 0 && range.end > 0 {
            throw TimeIntervalError(message: "end day must be negative if start day is negative")
        }
        let checkBegin = range.begin < 0 ? 28 + range.begin : range.begin
        let checkEnd = range.end < 0 ? 28 + range.end : range.end
        if checkBegin > checkEnd {
            throw TimeIntervalError(message: "end day \(range.end) is always before start day \(range.begin)")
        }
        return range
    }

    /// `months`: names or plain integers (integers are not range-checked, as in Alertmanager).
    static func month(_ input: String) throws(TimeIntervalError) -> InclusiveRange {
        let range = try split(input) { (member) throws(TimeIntervalError) in
            if let index = monthNames.firstIndex(of: member) {
                return index + 1
            }
            guard let number = try? goAtoi(member) else {
                throw TimeIntervalError(message: "\(member) is not a valid month")
            }
            return number
        }
        // Alertmanager names the months through a map; numbers outside 1...12 print as "".
        return try ordered(range) { "end month \(monthName($0.end)) is before start month \(monthName($0.begin))" }
    }

    /// `years`: integers, begin <= end.
    static func year(_ input: String) throws(TimeIntervalError) -> InclusiveRange {
        let range = try split(input, member: goAtoi)
        return try ordered(range) { "end year \($0.end) is before start year \($0.begin)" }
    }

    /// `range`, or the error `message` gives when it runs backwards (begin after end).
    static func ordered(_ range: InclusiveRange, _ message: (InclusiveRange) -> String) throws(TimeIntervalError) -> InclusiveRange {
        guard range.begin <= range.end else { throw TimeIntervalError(message: message(range)) }
        return range
    }

    static func monthName(_ number: Int) -> String {
        (1...12).contains(number) ? monthNames[number - 1] : ""
    }

    /// Lower-cases the input and splits it into one member or two around a single colon.
    private static func split(
        _ input: String, member: (String) throws(TimeIntervalError) -> Int
    ) throws(TimeIntervalError) -> InclusiveRange {
        let lowered = input.lowercased()
        guard lowered.contains(":") else {
            let value = try member(lowered)
            return InclusiveRange(begin: value, end: value)
        }
        let parts = lowered.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw TimeIntervalError(message: "couldn't parse range \(lowered), invalid format")
        }
        let begin = try member(String(parts[0]))
        let end = try member(String(parts[1]))
        return InclusiveRange(begin: begin, end: end)
    }

    /// Go's `strconv.Atoi`: optional sign, ASCII digits, 64-bit range, with Go's error texts.
    static func goAtoi(_ input: String) throws(TimeIntervalError) -> Int {
        var digits = Substring(input)
        if let first = digits.first, first == "+" || first == "-" {
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .invalidSyntax(input)
        }
        guard let value = Int(input) else {
            throw .outOfRange(input)
        }
        return value
    }
}

extension TimeOfDayRange {
    /// Parses `start_time`/`end_time` as Alertmanager's `TimeRange.UnmarshalYAML`: both
    /// required, `HH:MM` (00:00-23:59) or `24:00`, start strictly before end.
    static func parse(start: String, end: String) throws(TimeIntervalError) -> TimeOfDayRange {
        if start.isEmpty || end.isEmpty {
            throw TimeIntervalError(message: "both start and end times must be provided")
        }
        let startMinute = try minuteOfDay(start)
        let endMinute = try minuteOfDay(end)
        if startMinute >= endMinute {
            throw TimeIntervalError(message: "start time cannot be equal or greater than end time")
        }
        return TimeOfDayRange(startMinute: startMinute, endMinute: endMinute)
    }

    /// `HH:MM` to minutes since midnight; accepts exactly what Alertmanager's
    /// `^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)` accepts.
    static func minuteOfDay(_ text: String) throws(TimeIntervalError) -> Int {
        if text == "24:00" {
            return 1440
        }
        let bytes = Array(text.utf8)
        func digit(_ index: Int) -> Int? {
            let byte = bytes[index]
            return (0x30...0x39).contains(byte) ? Int(byte - 0x30) : nil
        }
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
              let h1 = digit(0), let h2 = digit(1), let m1 = digit(3), let m2 = digit(4),
              h1 * 10 + h2 <= 23, m1 <= 5 else {
            throw TimeIntervalError(message: "couldn't parse timestamp \(text), invalid format")
        }
        return (h1 * 10 + h2) * 60 + m1 * 10 + m2
    }
}
