import Foundation
import SwiftProtobuf

/// Conversions between `Date` and protobuf timestamps, and the ordering and range checks
/// Alertmanager's gogo `stdtime` fields imply.
extension Google_Protobuf_Timestamp {
    /// Go's zero time, `0001-01-01T00:00:00Z`.
    static let minSeconds: Int64 = -62_135_596_800
    /// `9999-12-31T23:59:59Z`, the last second Go's timestamp validation accepts.
    static let maxSeconds: Int64 = 253_402_300_799

    /// Builds a timestamp from a `Date`, rounding to the microsecond: a `Date` (a `Double`)
    /// carries no reliable digits below that, and stable values keep comparisons honest.
    init(exactly date: Date) {
        let t = date.timeIntervalSince1970
        var seconds = t.rounded(.down)
        var micros = ((t - seconds) * 1_000_000).rounded()
        if micros >= 1_000_000 {
            seconds += 1
            micros -= 1_000_000
        }
        self.init(seconds: Int64(seconds), nanos: Int32(micros) * 1000)
    }

    var asDate: Date { Date(timeIntervalSince1970: Double(seconds) + Double(nanos) / 1e9) }

    /// Go's `timestamp.validateTimestamp`: years 1..9999 and nanos in [0, 1e9).
    var isInGoRange: Bool {
        seconds >= Self.minSeconds && seconds <= Self.maxSeconds && nanos >= 0 && nanos < 1_000_000_000
    }

    /// Strict chronological order on (seconds, nanos).
    func isBefore(_ other: Google_Protobuf_Timestamp) -> Bool {
        seconds != other.seconds ? seconds < other.seconds : nanos < other.nanos
    }
}
