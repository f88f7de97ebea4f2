import AlertCore
import Foundation
@testable import Silences
import SwiftProtobuf
import Wire
import XCTest

/// Timestamps outside Go's years 1..9999: rejected wherever a silence comes in, as
/// Alertmanager 0.25 (gogo `validateTimestamp`) rejects them, never a crash.
final class SilenceTimestampRangeTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    /// A gossip/snapshot entry with the given raw seconds.
    func message(starts: Int64 = 1_700_000_000, expires: Int64 = 1_800_000_000) -> Silencepb_MeshSilence {
        var pb = Silencepb_Silence()
        pb.id = "x"
        var m = Silencepb_Matcher()
        m.name = "a"
        m.pattern = "b"
        pb.matchers = [m]
        pb.startsAt = Google_Protobuf_Timestamp(seconds: starts)
        pb.endsAt = Google_Protobuf_Timestamp(seconds: 1_700_000_100)
        pb.updatedAt = Google_Protobuf_Timestamp(seconds: 1_700_000_000)
        var mesh = Silencepb_MeshSilence()
        mesh.silence = pb
        mesh.expiresAt = Google_Protobuf_Timestamp(seconds: expires)
        return mesh
    }

    func test_decode_expiresAtMaxInt64_rejectedWithGoText() {
        XCTAssertThrowsError(try SilencesCodec.decode(message(expires: .max))) { e in
            XCTAssertEqual((e as? SilenceError)?.message,
                           "timestamp: &types.Timestamp{Seconds: 9223372036854775807,\nNanos: 0,\n} after 10000-01-01")
        }
    }

    func test_decode_startsAtMinInt64_rejectedWithGoText() {
        XCTAssertThrowsError(try SilencesCodec.decode(message(starts: .min))) { e in
            XCTAssertEqual((e as? SilenceError)?.message,
                           "timestamp: &types.Timestamp{Seconds: -9223372036854775808,\nNanos: 0,\n} before 0001-01-01")
        }
    }

    func test_decode_edgesOfGoRange_accepted() throws {
        XCTAssertNoThrow(try SilencesCodec.decode(message(starts: -62_135_596_800, expires: 253_402_300_799)))
        XCTAssertThrowsError(try SilencesCodec.decode(message(expires: 253_402_300_800)))
        XCTAssertThrowsError(try SilencesCodec.decode(message(starts: -62_135_596_801)))
    }

    /// A snapshot (or journal) holding such an entry loads the others and reports it.
    func test_load_outOfRangeEntry_skippedAndReported() throws {
        var good = message()
        good.silence.id = "good"
        let bytes = try Delimited.write([message(starts: .min), good, message(expires: .max)])
        let loaded = SilencesCodec.load(bytes)
        XCTAssertEqual(loaded.entries.map(\.silence.id), ["good"])
        XCTAssertEqual(loaded.error?.hasSuffix("before 0001-01-01"), true)
    }

    /// Alertmanager 0.25 answers this POST 400: `expires_at` = end + retention (120h) is in
    /// year 10000, so `setSilence` cannot marshal it. The rule is the store's, not the API's.
    func test_set_endsAt9999_rejectedAsAlertmanager() throws {
        var st = SilencesState(retention: 120 * 3600)
        let end = Date(timeIntervalSince1970: 253_402_300_799)
        let s = Silence(matchers: [try Matcher(.equal, "a", "b")], startsAt: t0, endsAt: end, createdBy: "x", comment: "c")
        XCTAssertThrowsError(try st.set(s, now: t0, newID: { "id" })) { e in
            XCTAssertEqual((e as? SilenceError)?.message,
                           "timestamp: &types.Timestamp{Seconds: 253402732799,\nNanos: 0,\n} after 10000-01-01")
        }
        XCTAssertTrue(st.entries.isEmpty)
    }

    /// Encoding never traps, whatever the `Date`.
    func test_timestamp_hugeDates_outOfRangeNotTrap() {
        for d in [Date(timeIntervalSince1970: 1e300), Date(timeIntervalSince1970: -1e300),
                  Date(timeIntervalSince1970: .nan), Date(timeIntervalSince1970: 9.3e18)] {
            XCTAssertFalse(Google_Protobuf_Timestamp(exactly: d).isInGoRange)
        }
    }
}
