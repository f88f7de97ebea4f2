/// Go's reference-time layouts (`time.Time.Format`): "2006-01-02 15:04:05.000 MST",
/// "Jan _2", "Z07:00", ".999999999" and the rest of Go's layout elements, recognised where Go's
/// `nextStdChunk` recognises them (amtool's `--date.format` and templates' `.Format` use this).
extension GoTime {
    private static let months = ["January", "February", "March", "April", "May", "June", "July",
                                 "August", "September", "October", "November", "December"]
    private static let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    public func format(_ layout: String) -> String {
        let l = Array(layout.utf8)
        let c = civil
        var out = ""
        var i = 0
        func has(_ s: String) -> Bool {
            let b = Array(s.utf8)
            return i + b.count <= l.count && Array(l[i..<i + b.count]) == b
        }
        func pad(_ n: Int, _ w: Int, _ fill: Character = "0") -> String {
            let s = String(n)
            return s.count >= w ? s : String(repeating: fill, count: w - s.count) + s
        }
        func zone(colon: Bool, seconds: Bool, hoursOnly: Bool, zulu: Bool) -> String {
            if zulu && offsetSeconds == 0 { return "Z" }
            let o = abs(offsetSeconds)
            var s = (offsetSeconds < 0 ? "-" : "+") + pad(o / 3600, 2)
            if !hoursOnly { s += (colon ? ":" : "") + pad(o % 3600 / 60, 2) }
            if seconds { s += (colon ? ":" : "") + pad(o % 60, 2) }
            return s
        }
        let hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12
        // Ordered longest first where prefixes overlap, as Go's nextStdChunk does.
        let table: [(String, () -> String)] = [
            ("January", { GoTime.months[c.month - 1] }), ("Jan", { String(GoTime.months[c.month - 1].prefix(3)) }),
            ("Monday", { GoTime.days[c.weekday] }), ("Mon", { String(GoTime.days[c.weekday].prefix(3)) }),
            ("MST", { zoneName.isEmpty ? zone(colon: false, seconds: false, hoursOnly: false, zulu: false) : zoneName }),
            ("2006", { pad(c.year, 4) }), ("002", { pad(c.yearDay, 3) }),
            ("01", { pad(c.month, 2) }), ("02", { pad(c.day, 2) }), ("03", { pad(hour12, 2) }),
            ("04", { pad(c.minute, 2) }), ("05", { pad(c.second, 2) }), ("06", { pad(c.year % 100, 2) }),
            ("15", { pad(c.hour, 2) }), ("1", { String(c.month) }), ("2", { String(c.day) }),
            ("__2", { pad(c.yearDay, 3, " ") }), ("_2006", { "_" + pad(c.year, 4) }), ("_2", { pad(c.day, 2, " ") }),
            ("3", { String(hour12) }), ("4", { String(c.minute) }), ("5", { String(c.second) }),
            ("PM", { c.hour >= 12 ? "PM" : "AM" }), ("pm", { c.hour >= 12 ? "pm" : "am" }),
            ("-07:00:00", { zone(colon: true, seconds: true, hoursOnly: false, zulu: false) }),
            ("-070000", { zone(colon: false, seconds: true, hoursOnly: false, zulu: false) }),
            ("-07:00", { zone(colon: true, seconds: false, hoursOnly: false, zulu: false) }),
            ("-0700", { zone(colon: false, seconds: false, hoursOnly: false, zulu: false) }),
            ("-07", { zone(colon: false, seconds: false, hoursOnly: true, zulu: false) }),
            ("Z07:00:00", { zone(colon: true, seconds: true, hoursOnly: false, zulu: true) }),
            ("Z070000", { zone(colon: false, seconds: true, hoursOnly: false, zulu: true) }),
            ("Z07:00", { zone(colon: true, seconds: false, hoursOnly: false, zulu: true) }),
            ("Z0700", { zone(colon: false, seconds: false, hoursOnly: false, zulu: true) }),
            ("Z07", { zone(colon: false, seconds: false, hoursOnly: true, zulu: true) }),
        ]
        outer: while i < l.count {
            let ch = l[i]
            // Fractional seconds: "." or "," followed by a run of 0s or 9s not followed by a digit.
            if (ch == UInt8(ascii: ".") || ch == UInt8(ascii: ",")) && i + 1 < l.count
                && (l[i + 1] == UInt8(ascii: "0") || l[i + 1] == UInt8(ascii: "9")) {
                let d = l[i + 1]
                var j = i + 1
                while j < l.count && l[j] == d { j += 1 }
                if j >= l.count || !(l[j] >= 48 && l[j] <= 57) {
                    let n = j - i - 1
                    var frac = pad(nanoseconds, 9)
                    frac = String(frac.prefix(min(n, 9)))
                    if d == UInt8(ascii: "9") {
                        while frac.hasSuffix("0") { frac.removeLast() }
                        if !frac.isEmpty { out += String(UnicodeScalar(ch)) + frac }
                    } else {
                        out += String(UnicodeScalar(ch)) + frac
                    }
                    i = j
                    continue
                }
            }
            // Go reads "Jan"/"Mon" followed by a lower-case letter as text ("Janet", "Month").
            let wordFollows = i + 3 < l.count && l[i + 3] >= UInt8(ascii: "a") && l[i + 3] <= UInt8(ascii: "z")
            for (token, render) in table where has(token) && !((token == "Jan" || token == "Mon") && wordFollows) {
                out += render()
                i += token.utf8.count
                continue outer
            }
            out.unicodeScalars.append(UnicodeScalar(ch))
            if ch >= 0x80 {
                // Copy the rest of a multi-byte character verbatim.
                out.removeLast()
                var j = i + 1
                while j < l.count && l[j] & 0xC0 == 0x80 { j += 1 }
                out += String(decoding: l[i..<j], as: UTF8.self)
                i = j
                continue
            }
            i += 1
        }
        return out
    }

    /// Go's `time.RFC3339Nano` layout.
    public static let rfc3339NanoLayout = "2006-01-02T15:04:05.999999999Z07:00"

    /// Go's RFC3339Nano text, as Go's JSON encoding writes times: `format(rfc3339NanoLayout)`,
    /// written directly like Go's own `appendFormatRFC3339` fast path, because every webhook
    /// payload writes two of these per alert (the layout walk above is ~20x slower).
    public var rfc3339Nano: String {
        let c = civil
        let offset = abs(offsetSeconds)
        guard (0...9999).contains(c.year), (0..<1_000_000_000).contains(nanoseconds), offset < 100 * 3600 else {
            return format(GoTime.rfc3339NanoLayout)
        }
        var b: [UInt8] = []
        b.reserveCapacity(35)
        func put(_ value: Int, _ width: Int) {
            var scale = 1
            for _ in 1..<width { scale *= 10 }
            var v = value
            while scale > 0 { b.append(UInt8(48 + v / scale)); v %= scale; scale /= 10 }
        }
        put(c.year, 4); b.append(UInt8(ascii: "-")); put(c.month, 2); b.append(UInt8(ascii: "-")); put(c.day, 2)
        b.append(UInt8(ascii: "T")); put(c.hour, 2); b.append(UInt8(ascii: ":")); put(c.minute, 2)
        b.append(UInt8(ascii: ":")); put(c.second, 2)
        if nanoseconds != 0 {
            var frac = nanoseconds, width = 9
            while frac % 10 == 0 { frac /= 10; width -= 1 }
            b.append(UInt8(ascii: ".")); put(frac, width)
        }
        if offsetSeconds == 0 {
            b.append(UInt8(ascii: "Z"))
        } else {
            b.append(UInt8(ascii: offsetSeconds < 0 ? "-" : "+")); put(offset / 3600, 2)
            b.append(UInt8(ascii: ":")); put(offset % 3600 / 60, 2)
        }
        return String(decoding: b, as: UTF8.self)
    }
}
