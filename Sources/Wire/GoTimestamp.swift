import Foundation
import SwiftProtobuf

/// The range gogo/protobuf's `stdtime` fields accept (`types.validateTimestamp`): Alertmanager
/// marshals and unmarshals every silence and nflog timestamp through it, so one out-of-range
/// timestamp fails the whole message (and a whole gossip `Merge`, or a whole `Set`).
extension Google_Protobuf_Timestamp {
    /// Go's zero time, `0001-01-01T00:00:00Z`.
    package static let minSeconds: Int64 = -62_135_596_800
    /// `9999-12-31T23:59:59Z`, the last second gogo's validation accepts (it rejects
    /// `seconds >= 253402300800`, i.e. 10000-01-01).
    package static let maxSeconds: Int64 = 253_402_300_799

    /// Whether Go's `validateTimestamp` accepts it: years 1..9999 and nanos in [0, 1e9).
    /// Checked for both timestamps of every entry of a loaded snapshot: no text is built here
    /// (formatting the error text for every valid entry was a tenth of a large start).
    package var isInGoRange: Bool {
        seconds >= Self.minSeconds && seconds <= Self.maxSeconds && nanos >= 0 && nanos < 1_000_000_000
    }

    /// Go's error text for an invalid timestamp, nil when it is valid. Worded as gogo's
    /// `validateTimestamp` prints it (`%#v` of `*types.Timestamp` is its generated GoString),
    /// which is what Alertmanager answers when `Set` cannot marshal a silence.
    package var goRangeError: String? {
        if isInGoRange { return nil }
        let value = "&types.Timestamp{Seconds: \(seconds),\nNanos: \(nanos),\n}"
        if seconds < Self.minSeconds { return "timestamp: \(value) before 0001-01-01" }
        if seconds > Self.maxSeconds { return "timestamp: \(value) after 10000-01-01" }
        if nanos < 0 || nanos >= 1_000_000_000 { return "timestamp: \(value): nanos not in range [0, 1e9)" }
        return nil
    }

    /// Builds a timestamp from a `Date`, rounding to the microsecond: a `Date` (a `Double`)
    /// carries no reliable digits below that, and stable values keep comparisons honest.
    /// Total: a time outside Go's range keeps its seconds (for Go's error text, which shows
    /// them), and one beyond Int64 (or NaN) becomes the nearest Int64, instead of trapping in
    /// the conversion; `isInGoRange` rejects both.
    package init(exactly date: Date) {
        let t = date.timeIntervalSince1970
        guard t.isFinite, abs(t) < 9.2e18 else {
            self.init(seconds: t > 0 ? .max : .min, nanos: 0)
            return
        }
        var seconds = t.rounded(.down)
        var micros = ((t - seconds) * 1_000_000).rounded()
        if micros >= 1_000_000 {
            seconds += 1
            micros -= 1_000_000
        }
        self.init(seconds: Int64(seconds), nanos: Int32(micros) * 1000)
    }

    package var asDate: Date { Date(timeIntervalSince1970: Double(seconds) + Double(nanos) / 1e9) }
}
