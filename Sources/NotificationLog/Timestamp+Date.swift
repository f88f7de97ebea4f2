import SwiftProtobuf

/// Ordering of protobuf timestamps (the `Date` conversions and gogo's range check live in
/// `Wire`'s `GoTimestamp.swift`).
extension Google_Protobuf_Timestamp {
    /// Strict chronological order on (seconds, nanos).
    func isBefore(_ other: Google_Protobuf_Timestamp) -> Bool {
        seconds != other.seconds ? seconds < other.seconds : nanos < other.nanos
    }
}
