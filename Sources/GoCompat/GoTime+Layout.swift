/// Go's `time.ParseInLocation(layout, value, time.UTC)` for any layout (templates' `toDate`
/// and `mustToDate`), on the same layout chunks as `format`, with Go's error texts.
extension GoTime {
    package static func parse(layout: String, _ value: String) throws(ParseError) -> GoTime {
        var p = LayoutParser(layout: layout, full: value)
        return try p.run()
    }
}

private struct LayoutParser {
    let layout: String
    let full: String
    var v: [UInt8]
    var year = 0, month = -1, day = -1, yday = -1, hour = 0, minute = 0, second = 0, nanos = 0
    var pmSet = false, amSet = false
    var offset: Int?
    var zoneName: String?

    init(layout: String, full: String) {
        self.layout = layout
        self.full = full
        v = Array(full.utf8)
    }

    var rest: String { String(decoding: v, as: UTF8.self) }

    func bad(_ elem: String, _ valueElem: [UInt8]) -> GoTime.ParseError {
        GoTime.ParseError(description: "parsing time \(GoQuote.quote(full)) as \(GoQuote.quote(layout)): cannot parse "
            + "\(GoQuote.quote(String(decoding: valueElem, as: UTF8.self))) as \(GoQuote.quote(elem))")
    }

    func range(_ what: String) -> GoTime.ParseError {
        GoTime.ParseError(description: "parsing time \(GoQuote.quote(full)): \(what) out of range")
    }

    static func isDigit(_ b: [UInt8], _ i: Int) -> Bool { i < b.count && b[i] >= 0x30 && b[i] <= 0x39 }

    /// Go's `getnum`: one or two digits (two required when `fixed`).
    mutating func num(_ elem: String, fixed: Bool) throws(GoTime.ParseError) -> Int {
        let start = v
        guard Self.isDigit(v, 0) else { throw bad(elem, start) }
        guard Self.isDigit(v, 1) else {
            if fixed { throw bad(elem, start) }
            defer { v.removeFirst() }
            return Int(v[0] - 0x30)
        }
        defer { v.removeFirst(2) }
        return Int(v[0] - 0x30) * 10 + Int(v[1] - 0x30)
    }

    /// Go's `getnum3`: one to three digits (three when `fixed`).
    mutating func num3(_ elem: String, fixed: Bool) throws(GoTime.ParseError) -> Int {
        let start = v
        var n = 0, i = 0
        while i < 3, Self.isDigit(v, i) { n = n * 10 + Int(v[i] - 0x30); i += 1 }
        if i == 0 || (fixed && i != 3) { throw bad(elem, start) }
        v.removeFirst(i)
        return n
    }

    /// Go's `lookup`: a case-insensitive prefix match against names.
    mutating func lookup(_ names: [String], _ elem: String) throws(GoTime.ParseError) -> Int {
        for (i, name) in names.enumerated() {
            let n = Array(name.utf8)
            if v.count >= n.count, zip(v.prefix(n.count), n).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) {
                v.removeFirst(n.count)
                return i
            }
        }
        throw bad(elem, v)
    }

    /// Go's `skip`: a layout literal; a run of spaces in it matches a run of at least one space.
    mutating func literal(_ lit: [UInt8]) throws(GoTime.ParseError) {
        var l = lit[...]
        let start = v
        while let c = l.first {
            if c == UInt8(ascii: " ") {
                if let f = v.first, f != UInt8(ascii: " ") { throw bad(String(decoding: lit, as: UTF8.self), start) }
                while l.first == UInt8(ascii: " ") { l.removeFirst() }
                while v.first == UInt8(ascii: " ") { v.removeFirst() }
                continue
            }
            guard v.first == c else { throw bad(String(decoding: lit, as: UTF8.self), start) }
            v.removeFirst()
            l.removeFirst()
        }
    }

    /// Digits of a fraction after its separator, as nanoseconds.
    mutating func fractionDigits(count: Int?) -> Int {
        var n = 0, used = 0, i = 0
        while Self.isDigit(v, i), count == nil || i < count! {
            if used < 9 { n = n * 10 + Int(v[i] - 0x30); used += 1 }
            i += 1
        }
        v.removeFirst(i)
        while used < 9 { n *= 10; used += 1 }
        return n
    }

    mutating func run() throws(GoTime.ParseError) -> GoTime {
        let chunks = TimeLayout.chunks(layout)
        for (index, chunk) in chunks.enumerated() {
            guard case let .element(element, text) = chunk else {
                if case let .literal(bytes) = chunk { try literal(bytes) }
                continue
            }
            let start = v
            switch element {
            case .year:
                guard v.count >= 2 else { throw bad(text, start) }
                let y = try num(text, fixed: true)
                year = y >= 69 ? y + 1900 : y + 2000
            case .longYear:
                guard v.count >= 4, Self.isDigit(v, 0) else { throw bad(text, start) }
                let digits = String(decoding: v.prefix(4), as: UTF8.self)
                // Go has moved past the four bytes when it reports a bad year.
                v.removeFirst(4)
                guard let y = Int(digits) else { throw bad(text, v) }
                year = y
            case .month: month = try lookup(GoTime.months.map { String($0.prefix(3)) }, text) + 1
            case .longMonth: month = try lookup(GoTime.months, text) + 1
            case .numMonth, .zeroMonth:
                month = try num(text, fixed: element == .zeroMonth)
                if month < 1 || month > 12 { throw range("month") }
            case .weekDay: _ = try lookup(GoTime.days.map { String($0.prefix(3)) }, text)
            case .longWeekDay: _ = try lookup(GoTime.days, text)
            case .day, .underDay, .zeroDay:
                if element == .underDay, v.first == UInt8(ascii: " ") { v.removeFirst() }
                day = try num(text, fixed: element == .zeroDay)
            case .underYearDay, .zeroYearDay:
                for _ in 0..<2 where element == .underYearDay && v.first == UInt8(ascii: " ") { v.removeFirst() }
                yday = try num3(text, fixed: element == .zeroYearDay)
                if yday < 1 || yday > 366 { throw range("day-of-year") }
            case .hour:
                hour = try num(text, fixed: false)
                if hour > 23 { throw range("hour") }
            case .hour12, .zeroHour12:
                hour = try num(text, fixed: element == .zeroHour12)
                if hour > 12 { throw range("hour") }
            case .minute, .zeroMinute:
                minute = try num(text, fixed: element == .zeroMinute)
                if minute > 59 { throw range("minute") }
            case .second, .zeroSecond:
                second = try num(text, fixed: element == .zeroSecond)
                if second > 59 { throw range("second") }
                // A fraction in the value that the layout does not spell out is read anyway.
                let nextIsFraction: Bool = {
                    guard index + 1 < chunks.count, case .element(.fraction, _) = chunks[index + 1] else { return false }
                    return true
                }()
                if !nextIsFraction, v.count >= 2, v[0] == UInt8(ascii: ".") || v[0] == UInt8(ascii: ","), Self.isDigit(v, 1) {
                    v.removeFirst()
                    nanos = fractionDigits(count: nil)
                }
            case .pm, .lowerPM:
                guard v.count >= 2 else { throw bad(text, start) }
                let word = String(decoding: v.prefix(2), as: UTF8.self)
                let (p, a) = element == .pm ? ("PM", "AM") : ("pm", "am")
                if word == p { pmSet = true } else if word == a { amSet = true } else { throw bad(text, start) }
                v.removeFirst(2)
            case let .numericZone(colon, seconds, hoursOnly, zulu):
                if zulu, v.first == UInt8(ascii: "Z") {
                    v.removeFirst()
                    offset = 0
                    zoneName = "UTC"
                    continue
                }
                let need = 3 + (hoursOnly ? 0 : 2 + (colon ? 1 : 0)) + (seconds ? 2 + (colon ? 1 : 0) : 0)
                guard v.count >= need, v[0] == UInt8(ascii: "+") || v[0] == UInt8(ascii: "-") else { throw bad(text, start) }
                var i = 1
                func two() -> Int? {
                    guard Self.isDigit(v, i), Self.isDigit(v, i + 1) else { return nil }
                    defer { i += 2 }
                    return Int(v[i] - 0x30) * 10 + Int(v[i + 1] - 0x30)
                }
                guard let hh = two() else { throw bad(text, start) }
                var mm = 0, ss = 0
                if !hoursOnly {
                    if colon { guard v[i] == UInt8(ascii: ":") else { throw bad(text, start) }; i += 1 }
                    guard let m = two() else { throw bad(text, start) }
                    mm = m
                }
                if seconds {
                    if colon { guard i < v.count, v[i] == UInt8(ascii: ":") else { throw bad(text, start) }; i += 1 }
                    guard let s = two() else { throw bad(text, start) }
                    ss = s
                }
                if hh > 24 { throw range("time zone offset hour") }
                if mm > 60 { throw range("time zone offset minute") }
                if ss > 60 { throw range("time zone offset second") }
                let o = (hh * 3600 + mm * 60 + ss) * (v[0] == UInt8(ascii: "-") ? -1 : 1)
                v.removeFirst(i)
                offset = o
            case .zoneName:
                if v.count >= 3, String(decoding: v.prefix(3), as: UTF8.self) == "UTC" {
                    v.removeFirst(3)
                    zoneName = "UTC"
                    continue
                }
                // Go's parseTimeZone: three to five upper-case letters (ChST, MeST too), or GMT.
                var n = 0
                while n < v.count, (v[n] >= UInt8(ascii: "A") && v[n] <= UInt8(ascii: "Z")) || (n > 0 && v[n] == UInt8(ascii: "h")) { n += 1 }
                guard n >= 3 else { throw bad(text, start) }
                zoneName = String(decoding: v.prefix(n), as: UTF8.self)
                v.removeFirst(n)
            case let .fraction(digits, zeros, _):
                if zeros {
                    guard v.count >= digits + 1, v[0] == UInt8(ascii: ".") || v[0] == UInt8(ascii: ","),
                          (1...digits).allSatisfy({ Self.isDigit(v, $0) }) else { throw bad(text, start) }
                    v.removeFirst()
                    nanos = fractionDigits(count: digits)
                } else if v.count >= 2, v[0] == UInt8(ascii: ".") || v[0] == UInt8(ascii: ","), Self.isDigit(v, 1) {
                    v.removeFirst()
                    nanos = fractionDigits(count: nil)
                }
            }
        }
        if !v.isEmpty {
            throw GoTime.ParseError(description: "parsing time \(GoQuote.quote(full)): extra text: \(GoQuote.quote(rest))")
        }
        if pmSet, hour < 12 { hour += 12 } else if amSet, hour == 12 { hour = 0 }
        if yday >= 0 {
            let leap = CivilDate.daysIn(month: 2, year: year) == 29
            var m = 1, d = yday
            while m <= 12, d > CivilDate.daysIn(month: m, year: year) { d -= CivilDate.daysIn(month: m, year: year); m += 1 }
            if m > 12 || (!leap && yday > 365) { throw range("day-of-year") }
            if month >= 0, month != m { throw range("day-of-year") }
            if day >= 0, day != d { throw range("day-of-year") }
            month = m
            day = d
        } else {
            if month < 0 { month = 1 }
            if day < 0 { day = 1 }
        }
        if day < 1 || day > CivilDate.daysIn(month: month, year: year) {
            throw GoTime.ParseError(description: "parsing time \(GoQuote.quote(full)): day out of range")
        }
        let local = CivilDate.unixSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        let off = offset ?? 0
        // In UTC: a zero offset (or none) is UTC; another offset is a nameless fixed zone; a
        // zone abbreviation without an offset is a zero-offset zone of that name.
        let name = offset.map { $0 == 0 ? "UTC" : "" } ?? zoneName ?? "UTC"
        return GoTime(unixSeconds: local - Int64(off), nanoseconds: nanos, offsetSeconds: off, zoneName: name)
    }
}
