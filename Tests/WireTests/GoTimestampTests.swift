import SwiftProtobuf
import Testing
@testable import Wire

/// Go's timestamp range (gogo's `validateTimestamp`): the quick check and the error text agree.
@Suite struct GoTimestampTests {
    static let cases: [(seconds: Int64, nanos: Int32, valid: Bool)] = [
        (Google_Protobuf_Timestamp.minSeconds, 0, true),
        (Google_Protobuf_Timestamp.minSeconds - 1, 0, false),
        (Google_Protobuf_Timestamp.maxSeconds, 999_999_999, true),
        (Google_Protobuf_Timestamp.maxSeconds + 1, 0, false),
        (0, -1, false),
        (0, 1_000_000_000, false),
        (.max, 0, false),
        (.min, 0, false),
    ]

    @Test(arguments: cases)
    func isInGoRange_matchesGoRangeError(seconds: Int64, nanos: Int32, valid: Bool) {
        let stamp = Google_Protobuf_Timestamp(seconds: seconds, nanos: nanos)
        #expect(stamp.isInGoRange == valid)
        #expect((stamp.goRangeError == nil) == valid)
    }

    @Test func goRangeError_nanosOutOfRange_namesThem() {
        #expect(Google_Protobuf_Timestamp(seconds: 5, nanos: -1).goRangeError
                == "timestamp: &types.Timestamp{Seconds: 5,\nNanos: -1,\n}: nanos not in range [0, 1e9)")
    }
}
