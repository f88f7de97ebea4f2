import Foundation

/// Go's `time.Parse(time.RFC3339, s)`, with Go's error texts, as amtool parses `--start` and
/// `--end` and as go-openapi reads the API's date-times (fraction optional, `Z` or `±hh:mm`).
/// A numeric offset gets the local zone's name when the local zone has that offset then, as
/// Go's `time.Parse` does; otherwise a nameless fixed zone (printed `+0100`).
extension GoTime {
    package struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        package let description: String
    }

    package static let rfc3339Layout = "2006-01-02T15:04:05Z07:00"

    package static func parseRFC3339(_ input: String) throws(ParseError) -> GoTime {
        var p = Scanner(bytes: Array(input.utf8), full: input)
        let year = try p.number(elem: "2006", digits: 4, fixed: true)
        try p.literal("-")
        let month = try p.number(elem: "01", digits: 2, fixed: true)
        if !(1...12).contains(month) { throw p.range("month") }
        try p.literal("-")
        let day = try p.number(elem: "02", digits: 2, fixed: true)
        try p.literal("T")
        let hour = try p.number(elem: "15", digits: 2, fixed: false)
        if hour > 23 { throw p.range("hour") }
        try p.literal(":")
        let minute = try p.number(elem: "04", digits: 2, fixed: true)
        if minute > 59 { throw p.range("minute") }
        try p.literal(":")
        let second = try p.number(elem: "05", digits: 2, fixed: true)
        if second > 59 { throw p.range("second") }
        let nanos = p.fraction()
        let offset = try p.zone()
        if p.pos < p.bytes.count {
            let rest = String(decoding: p.bytes[p.pos...], as: UTF8.self)
            throw ParseError(description: "parsing time \(GoQuote.quote(input)): extra text: \(GoQuote.quote(rest))")
        }
        if day < 1 || day > CivilDate.daysIn(month: month, year: year) {
            throw ParseError(description: "parsing time \(GoQuote.quote(input)): day out of range")
        }
        let local = CivilDate.unixSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let offset else { return GoTime(unixSeconds: local, nanoseconds: nanos) }
        let unix = local - Int64(offset)
        return GoTime(unixSeconds: unix, nanoseconds: nanos, offsetSeconds: offset,
                      zoneName: zoneForParsedOffset(offset, unixSeconds: unix))
    }

    /// Walks the value like Go's parser so errors name the same value and layout elements.
    struct Scanner {
        let bytes: [UInt8]
        let full: String
        var pos = 0
        var layoutRest = GoTime.rfc3339Layout

        func rest(from i: Int) -> String { String(decoding: bytes[min(i, bytes.count)...], as: UTF8.self) }

        func bad(_ elem: String, at i: Int) -> ParseError {
            ParseError(description: "parsing time \(GoQuote.quote(full)) as \(GoQuote.quote(GoTime.rfc3339Layout)): "
                + "cannot parse \(GoQuote.quote(rest(from: i))) as \(GoQuote.quote(elem))")
        }

        func range(_ what: String) -> ParseError {
            ParseError(description: "parsing time \(GoQuote.quote(full)): \(what) out of range")
        }

        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }

        mutating func literal(_ s: String) throws(ParseError) {
            let lit = Array(s.utf8)
            guard bytes.count - pos >= lit.count, Array(bytes[pos..<pos + lit.count]) == lit else { throw bad(s, at: pos) }
            pos += lit.count
        }

        mutating func number(elem: String, digits: Int, fixed: Bool) throws(ParseError) -> Int {
            if digits == 4 {
                guard bytes.count - pos >= 4, (0..<4).allSatisfy({ isDigit(pos + $0) }) else { throw bad(elem, at: pos) }
                let v = (0..<4).reduce(0) { $0 * 10 + Int(bytes[pos + $1] - 0x30) }
                pos += 4
                return v
            }
            guard isDigit(pos) else { throw bad(elem, at: pos) }
            guard isDigit(pos + 1) else {
                if fixed { throw bad(elem, at: pos) }
                pos += 1
                return Int(bytes[pos - 1] - 0x30)
            }
            let v = Int(bytes[pos] - 0x30) * 10 + Int(bytes[pos + 1] - 0x30)
            pos += 2
            return v
        }

        /// An optional `.ddd` / `,ddd` fraction after the seconds (Go accepts it although the
        /// layout has none); digits past the ninth are dropped.
        mutating func fraction() -> Int {
            guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: ".") || bytes[pos] == UInt8(ascii: ","),
                  isDigit(pos + 1) else { return 0 }
            var i = pos + 1
            var nanos = 0
            var n = 0
            while isDigit(i) {
                if n < 9 { nanos = nanos * 10 + Int(bytes[i] - 0x30); n += 1 }
                i += 1
            }
            while n < 9 { nanos *= 10; n += 1 }
            pos = i
            return nanos
        }

        /// `Z` (UTC, returns nil) or `±hh:mm` (seconds east).
        mutating func zone() throws(ParseError) -> Int? {
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "Z") { pos += 1; return nil }
            let start = pos
            guard bytes.count - pos >= 6, bytes[pos + 3] == UInt8(ascii: ":"),
                  isDigit(pos + 1), isDigit(pos + 2), isDigit(pos + 4), isDigit(pos + 5),
                  bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") else { throw bad("Z07:00", at: start) }
            let h = Int(bytes[pos + 1] - 0x30) * 10 + Int(bytes[pos + 2] - 0x30)
            let m = Int(bytes[pos + 4] - 0x30) * 10 + Int(bytes[pos + 5] - 0x30)
            if h > 24 { throw range("time zone offset hour") }
            if m > 60 { throw range("time zone offset minute") }
            let off = (h * 60 + m) * 60
            let neg = bytes[pos] == UInt8(ascii: "-")
            pos += 6
            return neg ? -off : off
        }
    }

    /// The zone Go's `time.Parse` gives a numeric offset: the local zone when it has that
    /// offset at that instant, else a nameless fixed zone.
    static func zoneForParsedOffset(_ offset: Int, unixSeconds: Int64) -> String {
        let tz = TimeZone.current
        let d = Date(timeIntervalSince1970: Double(unixSeconds))
        guard tz.secondsFromGMT(for: d) == offset else { return "" }
        return localAbbreviation(tz, at: d)
    }

    /// Go's name for the local zone: `UTC` for a UTC local zone, else the tz abbreviation.
    static func localAbbreviation(_ tz: TimeZone, at d: Date) -> String {
        if ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Universal", "Zulu"].contains(tz.identifier) { return "UTC" }
        return tz.abbreviation(for: d) ?? ""
    }
}
