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
        func pad(_ n: Int, _ w: Int) -> String { GoInt.string(n, minWidth: w) }
        /// Go's `stdUnderDay`/`stdUnderYearDay`: space padded.
        func spacePad(_ n: Int, _ w: Int) -> String {
            let s = String(n)
            return s.count >= w ? s : String(repeating: " ", count: w - s.count) + s
        }
        func zone(colon: Bool, seconds: Bool, hoursOnly: Bool, zulu: Bool) -> String {
            if zulu && offsetSeconds == 0 { return "Z" }
            let o = offsetSeconds == .min ? .max : abs(offsetSeconds)
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
            ("04", { pad(c.minute, 2) }), ("05", { pad(c.second, 2) }), ("06", { pad(Int(c.year.magnitude % 100), 2) }),
            ("15", { pad(c.hour, 2) }), ("1", { String(c.month) }), ("2", { String(c.day) }),
            ("__2", { spacePad(c.yearDay, 3) }), ("_2006", { "_" + pad(c.year, 4) }), ("_2", { spacePad(c.day, 2) }),
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
                    var frac = pad(min(max(nanoseconds, 0), 999_999_999), 9)
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

    /// How `appendRFC3339` writes the fraction of a second.
    public enum RFC3339Fraction: Sendable {
        /// None (`time.RFC3339`).
        case none
        /// Three digits, always (go-openapi's `strfmt.DateTime`, `.000`).
        case milliseconds
        /// Up to nine digits, trailing zeros and a zero fraction dropped (`time.RFC3339Nano`,
        /// what `time.Time.MarshalJSON` writes).
        case nanoseconds
    }

    /// Appends the time as RFC 3339 in its own zone (`Z` for UTC, else `±hh:mm`), written
    /// directly like Go's own `appendFormatRFC3339` fast path: the API writes two per alert
    /// and the webhook two per alert, and the layout walk of `format` is ~20x slower. Years
    /// outside 0000...9999 are written as Go writes them (`-0001`, `12345`), never trapping.
    public func appendRFC3339(to b: inout [UInt8], fraction: RFC3339Fraction) {
        let (days, secs) = localDayAndSecond
        let c = CivilDate(daysSinceEpoch: days)
        GoInt.append(c.year, minWidth: 4, to: &b); b.append(UInt8(ascii: "-"))
        GoInt.append(c.month, minWidth: 2, to: &b); b.append(UInt8(ascii: "-"))
        GoInt.append(c.day, minWidth: 2, to: &b); b.append(UInt8(ascii: "T"))
        GoInt.append(secs / 3600, minWidth: 2, to: &b); b.append(UInt8(ascii: ":"))
        GoInt.append(secs % 3600 / 60, minWidth: 2, to: &b); b.append(UInt8(ascii: ":"))
        GoInt.append(secs % 60, minWidth: 2, to: &b)
        let ns = min(max(nanoseconds, 0), 999_999_999)
        switch fraction {
        case .none: break
        case .milliseconds:
            b.append(UInt8(ascii: ".")); GoInt.append(ns / 1_000_000, minWidth: 3, to: &b)
        case .nanoseconds where ns != 0:
            var frac = ns, width = 9
            while frac % 10 == 0 { frac /= 10; width -= 1 }
            b.append(UInt8(ascii: ".")); GoInt.append(frac, minWidth: width, to: &b)
        case .nanoseconds: break
        }
        if offsetSeconds == 0 {
            b.append(UInt8(ascii: "Z"))
        } else {
            let minutes = offsetSeconds.magnitude / 60
            b.append(UInt8(ascii: offsetSeconds < 0 ? "-" : "+"))
            GoInt.append(Int(minutes / 60), minWidth: 2, to: &b); b.append(UInt8(ascii: ":"))
            GoInt.append(Int(minutes % 60), minWidth: 2, to: &b)
        }
    }

    /// Go's RFC3339Nano text, as Go's JSON encoding writes times (`format(rfc3339NanoLayout)`).
    public var rfc3339Nano: String { rfc3339(fraction: .nanoseconds) }

    /// go-openapi's `strfmt.DateTime` text (`2006-01-02T15:04:05.000Z07:00`).
    public var rfc3339Millis: String { rfc3339(fraction: .milliseconds) }

    func rfc3339(fraction: RFC3339Fraction) -> String {
        var b: [UInt8] = []
        b.reserveCapacity(35)
        appendRFC3339(to: &b, fraction: fraction)
        return String(decoding: b, as: UTF8.self)
    }
}
