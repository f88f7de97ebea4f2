/// Go's reference-time layout (`time.Layout`), cut into chunks as Go's `nextStdChunk` cuts it: the one
/// reading of a layout that `GoTime.format` and `GoTime.parse` share.
enum TimeLayout {
    enum Element: Equatable {
        case longMonth, month, numMonth, zeroMonth
        case longWeekDay, weekDay
        case day, underDay, zeroDay, underYearDay, zeroYearDay
        case hour, hour12, zeroHour12, minute, zeroMinute, second, zeroSecond
        case longYear, year
        case pm, lowerPM
        case zoneName
        /// Numeric zones: `-07:00:00` … `Z07`; `zulu` writes and reads `Z` for UTC.
        case numericZone(colon: Bool, seconds: Bool, hoursOnly: Bool, zulu: Bool)
        /// `.000` (`zeros`, exactly that many digits) or `.999` (trailing zeros dropped);
        /// `separator` is `.` or `,`.
        case fraction(digits: Int, zeros: Bool, separator: UInt8)
    }

    enum Chunk: Equatable {
        case literal([UInt8])
        case element(Element, text: String)
    }

    /// Ordered longest first where prefixes overlap, as Go's switch is.
    private static let table: [(String, Element)] = [
        ("January", .longMonth), ("Jan", .month), ("Monday", .longWeekDay), ("Mon", .weekDay), ("MST", .zoneName),
        ("2006", .longYear), ("002", .zeroYearDay), ("01", .zeroMonth), ("02", .zeroDay), ("03", .zeroHour12),
        ("04", .zeroMinute), ("05", .zeroSecond), ("06", .year), ("15", .hour), ("1", .numMonth), ("2", .day),
        ("__2", .underYearDay), ("_2", .underDay), ("3", .hour12), ("4", .minute), ("5", .second),
        ("PM", .pm), ("pm", .lowerPM),
        ("-07:00:00", .numericZone(colon: true, seconds: true, hoursOnly: false, zulu: false)),
        ("-070000", .numericZone(colon: false, seconds: true, hoursOnly: false, zulu: false)),
        ("-07:00", .numericZone(colon: true, seconds: false, hoursOnly: false, zulu: false)),
        ("-0700", .numericZone(colon: false, seconds: false, hoursOnly: false, zulu: false)),
        ("-07", .numericZone(colon: false, seconds: false, hoursOnly: true, zulu: false)),
        ("Z07:00:00", .numericZone(colon: true, seconds: true, hoursOnly: false, zulu: true)),
        ("Z070000", .numericZone(colon: false, seconds: true, hoursOnly: false, zulu: true)),
        ("Z07:00", .numericZone(colon: true, seconds: false, hoursOnly: false, zulu: true)),
        ("Z0700", .numericZone(colon: false, seconds: false, hoursOnly: false, zulu: true)),
        ("Z07", .numericZone(colon: false, seconds: false, hoursOnly: true, zulu: true)),
    ]

    static func chunks(_ layout: String) -> [Chunk] {
        let l = Array(layout.utf8)
        var out: [Chunk] = []
        var literal: [UInt8] = []
        func flush() {
            if !literal.isEmpty { out.append(.literal(literal)) }
            literal = []
        }
        func has(_ s: String, at i: Int) -> Bool {
            let b = Array(s.utf8)
            return i + b.count <= l.count && Array(l[i..<i + b.count]) == b
        }
        var i = 0
        outer: while i < l.count {
            let ch = l[i]
            // Fractional seconds: "." or "," then a run of 0s or 9s not followed by a digit.
            if (ch == UInt8(ascii: ".") || ch == UInt8(ascii: ",")) && i + 1 < l.count
                && (l[i + 1] == UInt8(ascii: "0") || l[i + 1] == UInt8(ascii: "9")) {
                let d = l[i + 1]
                var j = i + 1
                while j < l.count && l[j] == d { j += 1 }
                if j >= l.count || !(l[j] >= 48 && l[j] <= 57) {
                    flush()
                    out.append(.element(.fraction(digits: j - i - 1, zeros: d == UInt8(ascii: "0"), separator: ch),
                                        text: String(decoding: l[i..<j], as: UTF8.self)))
                    i = j
                    continue
                }
            }
            // "_2006" is a literal "_" then the year; "Jan"/"Mon" before a lower-case letter
            // are text ("Janet", "Month").
            if has("_2006", at: i) {
                literal.append(ch)
                i += 1
                continue
            }
            let wordFollows = i + 3 < l.count && l[i + 3] >= UInt8(ascii: "a") && l[i + 3] <= UInt8(ascii: "z")
            for (token, element) in table where has(token, at: i) && !((token == "Jan" || token == "Mon") && wordFollows) {
                flush()
                out.append(.element(element, text: token))
                i += token.utf8.count
                continue outer
            }
            literal.append(ch)
            i += 1
        }
        flush()
        return out
    }
}
