/// Go's `time.Time.Format` layouts (`2006-01-02 15:04:05 MST`), the syntax of amtool's
/// `--date.format`. Each reference element is recognised where Go's `nextStdChunk` would.
public enum GoLayout {
    public static let defaultDateFormat = "2006-01-02 15:04:05 MST"
    /// go-openapi's `strfmt.DateTime` JSON form (RFC 3339 with milliseconds).
    public static let rfc3339Millis = "2006-01-02T15:04:05.000Z07:00"

    static let longMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
    static let longDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// Formats `t` with Go layout `layout`.
    public static func format(_ t: GoTime, _ layout: String) -> String {
        let c = t.civil
        let l = Array(layout.unicodeScalars)
        var out = ""
        var i = 0
        func has(_ s: String) -> Bool {
            let p = Array(s.unicodeScalars)
            return l.count - i >= p.count && Array(l[i..<i + p.count]) == p
        }
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        let h12 = c.hour % 12 == 0 ? 12 : c.hour % 12
        while i < l.count {
            // Longest alternatives first, as nextStdChunk checks them.
            let table: [(String, () -> String)] = [
                ("January", { longMonths[c.month - 1] }), ("Jan", { String(longMonths[c.month - 1].prefix(3)) }),
                ("Monday", { longDays[c.weekday] }), ("Mon", { String(longDays[c.weekday].prefix(3)) }),
                ("MST", { zoneName(t) }),
                ("2006", { pad(c.year, 4) }), ("002", { pad(c.yearDay, 3) }),
                ("01", { pad(c.month, 2) }), ("02", { pad(c.day, 2) }), ("03", { pad(h12, 2) }),
                ("04", { pad(c.minute, 2) }), ("05", { pad(c.second, 2) }), ("06", { pad(c.year % 100, 2) }),
                ("15", { pad(c.hour, 2) }), ("1", { String(c.month) }), ("2", { String(c.day) }),
                ("__2", { let s = String(c.yearDay); return String(repeating: " ", count: 3 - s.count) + s }),
                ("_2006", { "_" + pad(c.year, 4) }),
                ("_2", { c.day < 10 ? " " + String(c.day) : String(c.day) }),
                ("3", { String(h12) }), ("4", { String(c.minute) }), ("5", { String(c.second) }),
                ("PM", { c.hour >= 12 ? "PM" : "AM" }), ("pm", { c.hour >= 12 ? "pm" : "am" }),
                ("-07:00:00", { offset(t, colon: true, seconds: true, z: false) }),
                ("-070000", { offset(t, colon: false, seconds: true, z: false) }),
                ("-07:00", { offset(t, colon: true, seconds: false, z: false) }),
                ("-0700", { offset(t, colon: false, seconds: false, z: false) }),
                ("-07", { offset(t, colon: false, seconds: false, z: false, hoursOnly: true) }),
                ("Z07:00:00", { offset(t, colon: true, seconds: true, z: true) }),
                ("Z070000", { offset(t, colon: false, seconds: true, z: true) }),
                ("Z07:00", { offset(t, colon: true, seconds: false, z: true) }),
                ("Z0700", { offset(t, colon: false, seconds: false, z: true) }),
                ("Z07", { offset(t, colon: false, seconds: false, z: true, hoursOnly: true) }),
            ]
            if let hit = table.first(where: { has($0.0) && !(($0.0 == "Jan" || $0.0 == "Mon") && wordFollows(l, i + 3)) }) {
                out += hit.1()
                i += hit.0.unicodeScalars.count
                continue
            }
            if (l[i] == "." || l[i] == ","), i + 1 < l.count, l[i + 1] == "0" || l[i + 1] == "9" {
                let d = l[i + 1]
                var j = i + 1
                while j < l.count, l[j] == d { j += 1 }
                if !(j < l.count && ("0"..."9").contains(l[j])) {
                    out += fraction(t.nanos, digits: j - i - 1, trim: d == "9", sep: l[i])
                    i = j
                    continue
                }
            }
            out.unicodeScalars.append(l[i])
            i += 1
        }
        return out
    }

    /// Go treats `Jan`/`Mon` followed by a lower-case letter as plain text (`Janet`, `Month`).
    static func wordFollows(_ l: [Unicode.Scalar], _ i: Int) -> Bool {
        i < l.count && ("a"..."z").contains(l[i])
    }

    static func zoneName(_ t: GoTime) -> String {
        if !t.zoneName.isEmpty { return t.zoneName }
        let m = abs(t.offset) / 60
        return (t.offset < 0 ? "-" : "+") + two(m / 60) + two(m % 60)
    }

    static func two(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }

    static func offset(_ t: GoTime, colon: Bool, seconds: Bool, z: Bool, hoursOnly: Bool = false) -> String {
        if z && t.offset == 0 { return "Z" }
        let a = abs(t.offset)
        var s = (t.offset < 0 ? "-" : "+") + two(a / 3600)
        if hoursOnly { return s }
        s += (colon ? ":" : "") + two(a % 3600 / 60)
        if seconds { s += (colon ? ":" : "") + two(a % 60) }
        return s
    }

    static func fraction(_ nanos: Int64, digits: Int, trim: Bool, sep: Unicode.Scalar) -> String {
        var s = String(nanos)
        s = String(repeating: "0", count: 9 - s.count) + s
        s = String(s.prefix(min(digits, 9)))
        if trim {
            while s.hasSuffix("0") { s.removeLast() }
            if s.isEmpty { return "" }
        }
        return String(Character(sep)) + s
    }
}

extension GoTime {
    /// Go `Format` with `layout`.
    public func format(_ layout: String) -> String { GoLayout.format(self, layout) }
    /// The API's JSON text for this time (go-openapi `strfmt.DateTime`).
    public var apiString: String { GoLayout.format(self, GoLayout.rfc3339Millis) }
}
