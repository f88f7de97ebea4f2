/// Go's reference-time layouts (`time.Time.Format`): "2006-01-02 15:04:05.000 MST",
/// "Jan _2", "Z07:00", ".999999999" and the rest of Go's layout elements, recognised where Go's
/// `nextStdChunk` recognises them (amtool's `--date.format` and templates' `.Format` use this).
extension GoTime {
    static let months = ["January", "February", "March", "April", "May", "June", "July",
                                 "August", "September", "October", "November", "December"]
    static let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    package func format(_ layout: String) -> String {
        let c = civil
        var out: [UInt8] = []
        func pad(_ n: Int, _ w: Int) { GoInt.append(n, minWidth: w, to: &out) }
        /// Go's `stdUnderDay`/`stdUnderYearDay`: space padded.
        func spacePad(_ n: Int, _ w: Int) {
            let s = String(n)
            if s.count < w { out += Array(repeating: UInt8(ascii: " "), count: w - s.count) }
            out += Array(s.utf8)
        }
        func text(_ s: String) { out += Array(s.utf8) }
        let hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12
        for chunk in TimeLayout.chunks(layout) {
            guard case let .element(element, _) = chunk else {
                if case let .literal(bytes) = chunk { out += bytes }
                continue
            }
            switch element {
            case .longMonth: text(GoTime.months[c.month - 1])
            case .month: text(String(GoTime.months[c.month - 1].prefix(3)))
            case .longWeekDay: text(GoTime.days[c.weekday])
            case .weekDay: text(String(GoTime.days[c.weekday].prefix(3)))
            case .zoneName:
                if zoneName.isEmpty { appendZone(to: &out, colon: false, seconds: false, hoursOnly: false, zulu: false) } else { text(zoneName) }
            case .longYear: pad(c.year, 4)
            case .year: pad(Int(c.year.magnitude % 100), 2)
            case .zeroYearDay: pad(c.yearDay, 3)
            case .underYearDay: spacePad(c.yearDay, 3)
            case .zeroMonth: pad(c.month, 2)
            case .numMonth: text(String(c.month))
            case .zeroDay: pad(c.day, 2)
            case .day: text(String(c.day))
            case .underDay: spacePad(c.day, 2)
            case .hour: pad(c.hour, 2)
            case .zeroHour12: pad(hour12, 2)
            case .hour12: text(String(hour12))
            case .zeroMinute: pad(c.minute, 2)
            case .minute: text(String(c.minute))
            case .zeroSecond: pad(c.second, 2)
            case .second: text(String(c.second))
            case .pm: text(c.hour >= 12 ? "PM" : "AM")
            case .lowerPM: text(c.hour >= 12 ? "pm" : "am")
            case let .numericZone(colon, seconds, hoursOnly, zulu):
                appendZone(to: &out, colon: colon, seconds: seconds, hoursOnly: hoursOnly, zulu: zulu)
            case let .fraction(digits, zeros, separator):
                var frac = Array(GoInt.string(min(max(nanoseconds, 0), 999_999_999), minWidth: 9).utf8.prefix(min(digits, 9)))
                if !zeros {
                    while frac.last == UInt8(ascii: "0") { frac.removeLast() }
                    if frac.isEmpty { continue }
                }
                out.append(separator)
                out += frac
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func appendZone(to out: inout [UInt8], colon: Bool, seconds: Bool, hoursOnly: Bool, zulu: Bool) {
        if zulu && offsetSeconds == 0 { return out.append(UInt8(ascii: "Z")) }
        let o = offsetSeconds == .min ? .max : abs(offsetSeconds)
        out.append(UInt8(ascii: offsetSeconds < 0 ? "-" : "+"))
        GoInt.append(o / 3600, minWidth: 2, to: &out)
        if !hoursOnly {
            if colon { out.append(UInt8(ascii: ":")) }
            GoInt.append(o % 3600 / 60, minWidth: 2, to: &out)
        }
        if seconds {
            if colon { out.append(UInt8(ascii: ":")) }
            GoInt.append(o % 60, minWidth: 2, to: &out)
        }
    }

    /// Go's `time.RFC3339Nano` layout.
    package static let rfc3339NanoLayout = "2006-01-02T15:04:05.999999999Z07:00"

    /// How `appendRFC3339` writes the fraction of a second.
    package enum RFC3339Fraction: Sendable {
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
    package func appendRFC3339(to b: inout [UInt8], fraction: RFC3339Fraction) {
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
    package var rfc3339Nano: String { rfc3339(fraction: .nanoseconds) }

    /// go-openapi's `strfmt.DateTime` text (`2006-01-02T15:04:05.000Z07:00`).
    package var rfc3339Millis: String { rfc3339(fraction: .milliseconds) }

    func rfc3339(fraction: RFC3339Fraction) -> String {
        var b: [UInt8] = []
        b.reserveCapacity(35)
        appendRFC3339(to: &b, fraction: fraction)
        return String(decoding: b, as: UTF8.self)
    }
}
