import AlertCore
import Foundation

/// Date-times of API v2 (go-openapi `strfmt.DateTime`), parsed and formatted without
/// Foundation's formatters, which are far too slow for 100k alerts per response.
enum RFC3339 {
    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The civil date of `days` since 1970-01-01.
    static func civil(days z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Appends `date` as `2006-01-02T15:04:05.000Z` (go-openapi's output format, UTC),
    /// milliseconds truncated as Go truncates. Go's zero time becomes `0001-01-01T00:00:00.000Z`.
    static func append(_ date: Date, to out: inout [UInt8]) {
        // Whole seconds and the fraction apart: far-away times (Go's zero) stay exact, and the
        // fraction is rounded to microseconds first because a Double near 1.7e9 s cannot hold
        // .123 exactly.
        let t = date.timeIntervalSince1970
        let whole = t.rounded(.down)
        var secs = Int(whole)
        var micros = Int(((t - whole) * 1_000_000).rounded())
        if micros >= 1_000_000 {
            secs += 1
            micros -= 1_000_000
        }
        let ms = micros / 1000
        let sod = ((secs % 86400) + 86400) % 86400
        let (y, mo, d) = civil(days: (secs - sod) / 86400)
        digits(y, 4, &out); out.append(UInt8(ascii: "-"))
        digits(mo, 2, &out); out.append(UInt8(ascii: "-"))
        digits(d, 2, &out); out.append(UInt8(ascii: "T"))
        digits(sod / 3600, 2, &out); out.append(UInt8(ascii: ":"))
        digits(sod / 60 % 60, 2, &out); out.append(UInt8(ascii: ":"))
        digits(sod % 60, 2, &out); out.append(UInt8(ascii: "."))
        digits(ms, 3, &out); out.append(UInt8(ascii: "Z"))
    }

    static func format(_ date: Date) -> String {
        var out: [UInt8] = []
        append(date, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func digits(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
        var div = 1
        for _ in 1..<width { div *= 10 }
        var v = max(value, 0) % (div * 10)
        while div > 0 {
            out.append(UInt8(48 + v / div))
            v %= div
            div /= 10
        }
    }

    /// Parses what `strfmt.ParseDateTime` accepts in practice: `YYYY-MM-DD`, `T` (or a space),
    /// `hh:mm` with optional `:ss` and any fraction, then `Z`, `±hh:mm`, `±hhmm` or nothing (UTC).
    /// An empty string is Go's zero time. Returns nil when the text is not a date-time.
    static func parse<C: RandomAccessCollection>(_ s: C) -> Date? where C.Element == UInt8, C.Index == Int {
        if s.isEmpty { return .goZero }
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
        let secs = days(year: year, month: month, day: day) * 86400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(secs) + frac)
    }
}
