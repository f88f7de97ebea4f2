import Foundation

/// API v2's date-times, as go-openapi's `strfmt.DateTime` reads and writes them, without
/// Foundation's formatters (far too slow for 100k alerts per response).
package enum StrfmtDateTime {
    /// Appends `date` as `2006-01-02T15:04:05.000Z` (strfmt's `MarshalFormat`, in UTC as
    /// Alertmanager's times are), the fraction rounded to the microsecond and then truncated
    /// to milliseconds as Go truncates. Go's zero time is `0001-01-01T00:00:00.000Z`. Total:
    /// any `Date`, `Int64.min` seconds or NaN included, prints without trapping (see `GoTime`).
    package static func append(_ date: Date, to out: inout [UInt8]) {
        GoTime(roundingToMicroseconds: date).appendRFC3339(to: &out, fraction: .milliseconds)
    }

    package static func format(_ date: Date) -> String {
        var out: [UInt8] = []
        append(date, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses what `strfmt.ParseDateTime` accepts in practice: `YYYY-MM-DD`, `T` (or a space),
    /// `hh:mm` with optional `:ss` and any fraction, then `Z`, `±hh:mm`, `±hhmm` or nothing (UTC).
    /// An empty string is Go's zero time. Returns nil when the text is not a date-time.
    package static func parse(_ s: [UInt8]) -> Date? { s.withUnsafeBufferPointer { parse($0) } }

    /// `parse` on bytes in place: the alert decoder's path. Not generic, because a generic
    /// parser called from another module runs unspecialised, through a witness call per byte
    /// (it was 5 % of ingest's CPU).
    package static func parse(_ s: UnsafeBufferPointer<UInt8>) -> Date? {
        if s.isEmpty { return GoTime.zero.date }
        var i = s.startIndex
        let end = s.endIndex
        func num(_ n: Int) -> Int? {
            guard i + n <= end else { return nil }
            var v = 0
            for k in i..<(i + n) {
                let c = s[k]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < end, s[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = num(4), expect(45), let month = num(2), expect(45), let day = num(2) else { return nil }
        guard i < end, s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = num(2), expect(58), let minute = num(2) else { return nil }
        var second = 0
        var frac = 0.0
        if expect(58) {
            guard let sec = num(2) else { return nil }
            second = sec
            if i < end, s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ",") {
                i += 1
                var scale = 0.1
                let start = i
                while i < end, s[i] >= 48, s[i] <= 57 {
                    frac += Double(s[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
                if i == start { return nil }
            }
        }
        var offset = 0
        if i < end {
            let c = s[i]
            i += 1
            if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") {
                offset = 0
            } else if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                guard let oh = num(2) else { return nil }
                _ = expect(58)
                guard let om = num(2) else { return nil }
                offset = (oh * 60 + om) * 60 * (c == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        guard i == end, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        let secs = CivilDate.unixSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            - Int64(offset)
        return Date(timeIntervalSince1970: Double(secs) + frac)
    }
}
