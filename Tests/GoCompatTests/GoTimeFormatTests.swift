import Foundation
import GoCompat
import XCTest

/// `GoTime` is the one Go time implementation (templates, tocsinctl, webhook payloads, API
/// date-times), so the corners Go's `time` package handles specially are pinned here.
final class GoTimeFormatTests: XCTestCase {
    private func civil(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Int64 {
        CivilDate.unixSeconds(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
    }

    func test_rfc3339Nano_directWriter_matchesLayoutWalk() {
        let seconds: [Int64] = [GoTime.zero.unixSeconds, -1, 0, 951_782_400, 1_700_000_000, 253_402_300_799]
        let nanos = [0, 1, 10, 120_000_000, 500_000_000, 999_999_999]
        let offsets = [0, 3600, -5400, 19800, 3661, -43200]
        for s in seconds {
            for ns in nanos {
                for off in offsets {
                    let t = GoTime(unixSeconds: s, nanoseconds: ns, offsetSeconds: off, zoneName: "")
                    XCTAssertEqual(t.rfc3339Nano, t.format(GoTime.rfc3339NanoLayout), "\(s) \(ns) \(off)")
                    XCTAssertEqual(t.rfc3339Millis, t.format("2006-01-02T15:04:05.000Z07:00"), "\(s) \(ns) \(off)")
                }
            }
        }
        XCTAssertEqual(GoTime(unixSeconds: 1_700_000_000, nanoseconds: 120_000).rfc3339Nano, "2023-11-14T22:13:20.00012Z")
        XCTAssertEqual(GoTime(unixSeconds: 0, offsetSeconds: -5400, zoneName: "").rfc3339Nano, "1969-12-31T22:30:00-01:30")
    }

    func test_layouts_descriptionAndZones() {
        let t = GoTime(unixSeconds: 1_700_000_000, nanoseconds: 120_000_000, offsetSeconds: 7200, zoneName: "")
        XCTAssertEqual(t.description, "2023-11-15 00:13:20.12 +0200 +0200")
        XCTAssertEqual(t.format("Monday, 02-Jan-06 15:04:05.000 -07:00"), "Wednesday, 15-Nov-23 00:13:20.120 +02:00")
        XCTAssertEqual(GoTime.zero.description, "0001-01-01 00:00:00 +0000 UTC")
        XCTAssertEqual(t.rfc3339Nano, "2023-11-15T00:13:20.12+02:00")
    }

    func test_format_fixedZoneWithoutName_printsNumericOffset() {
        let t = GoTime(unixSeconds: civil(2026, 3, 5, 7, 8, 9) - 5400, nanoseconds: 123_456_789, offsetSeconds: 5400, zoneName: "")
        XCTAssertEqual(t.format("2006-01-02 15:04:05 MST"), "2026-03-05 07:08:09 +0130")
        XCTAssertEqual(t.format("Mon Jan _2 3:4:5 PM 06 -07:00 Z0700"), "Thu Mar  5 7:8:9 AM 26 +01:30 +0130")
        XCTAssertEqual(t.format("Monday January 2 002 __2 .000 .999999 ,000"), "Thursday March 5 064  64 .123 .123456 ,123")
        XCTAssertEqual(t.rfc3339Millis, "2026-03-05T07:08:09.123+01:30")
    }

    func test_format_utc_printsUTCAndZ() {
        let t = GoTime(unixSeconds: civil(2026, 12, 31, 23))
        XCTAssertEqual(t.format("2006-01-02 15:04:05 MST Z07:00 002"), "2026-12-31 23:00:00 UTC Z 365")
    }

    func test_format_janMonFollowedByLowercase_areText() {
        let t = GoTime(unixSeconds: civil(2026, 3, 2))
        XCTAssertEqual(t.format("Janet Month Mon Jan January Monday"), "Janet Month Mon Mar March Monday")
    }

    func test_format_underscoreBefore2006_isLiteralUnderscoreAndYear() {
        let t = GoTime(unixSeconds: civil(2026, 3, 5))
        XCTAssertEqual(t.format("_2006|_2|__2|__2006"), "_2026| 5| 64| 64026")
    }

    /// Go's `appendInt`: sign first, then the magnitude zero-padded (`-0001`, not `00-1`).
    func test_format_yearsOutside0To9999_signThenPaddedLikeGo() {
        let bc = GoTime(unixSeconds: civil(-1, 6, 1))
        XCTAssertEqual(bc.rfc3339Nano, "-0001-06-01T00:00:00Z")
        XCTAssertEqual(bc.format("2006 06"), "-0001 01")
        XCTAssertEqual(GoTime(unixSeconds: civil(12345, 1, 2)).rfc3339Millis, "12345-01-02T00:00:00.000Z")
        XCTAssertEqual(GoInt.string(Int.min, minWidth: 4), "-9223372036854775808")
        XCTAssertEqual(GoInt.string(7, minWidth: 3), "007")
        XCTAssertEqual(GoInt.string(Int.max, minWidth: 0), "9223372036854775807")
        XCTAssertEqual(GoInt.string(-7, minWidth: 3), "-007")
        XCTAssertEqual(GoInt.string(0, minWidth: 0), "0")
        XCTAssertEqual(GoInt.string(1000, minWidth: 2), "1000")
        for x in [9, 10, 99, 100, 12345, 999_999_999] { XCTAssertEqual(GoInt.string(x, minWidth: 1), String(x)) }
    }

    /// A gossip peer can send any Int64 seconds: formatting never traps. `Int64.max` prints
    /// what Go 1.19 prints for `time.Unix(math.MaxInt64, 999999999)`. For `Int64.min` Go's own
    /// arithmetic wraps (it prints `292277026596-12-04T15:30:08Z`) and Alertmanager never
    /// formats one (gogo's timestamp unmarshalling rejects years outside 1...9999), so the
    /// proleptic date is written, without trapping.
    func test_format_int64Extremes_total() {
        let lo = GoTime(unixSeconds: .min), hi = GoTime(unixSeconds: .max, nanoseconds: 999_999_999)
        XCTAssertEqual(lo.rfc3339Nano, "-292277022657-01-27T08:29:52Z")
        XCTAssertEqual(hi.rfc3339Nano, "292277026596-12-04T15:30:07.999999999Z")
        XCTAssertEqual(lo.description, "-292277022657-01-27 08:29:52 +0000 UTC")
        XCTAssertEqual(hi.format("Mon Jan 2 002"), "Sun Dec 4 339")
        // Extreme offsets and nanoseconds out of range do not trap either.
        for off in [Int.min, Int.max, -86_400 * 400, 86_399] {
            _ = GoTime(unixSeconds: .min, offsetSeconds: off, zoneName: "").rfc3339Nano
            _ = GoTime(unixSeconds: .max, nanoseconds: -5, offsetSeconds: off, zoneName: "").description
        }
    }

    func test_initFromDate_nanAndHugeValues_clampWithoutTrapping() {
        XCTAssertEqual(GoTime(Date(timeIntervalSince1970: .nan)), GoTime.zero)
        XCTAssertEqual(GoTime(Date(timeIntervalSince1970: .infinity)).unixSeconds, .max)
        XCTAssertEqual(GoTime(Date(timeIntervalSince1970: -.infinity)).unixSeconds, .min)
        XCTAssertEqual(GoTime(Date(timeIntervalSince1970: Double(Int64.max))).unixSeconds, .max)
        XCTAssertEqual(GoTime(Date(timeIntervalSince1970: Double(Int64.min))).unixSeconds, .min)
        XCTAssertEqual(GoTime(roundingToMicroseconds: Date(timeIntervalSince1970: 1e300)).unixSeconds, .max)
        XCTAssertEqual(GoTime(unixSeconds: .max).adding(seconds: 10).unixSeconds, .max)
        XCTAssertEqual(GoTime(unixSeconds: .min).adding(seconds: -10).unixSeconds, .min)
    }

    func test_roundingToMicroseconds_keepsMillisExact() {
        func nano(_ t: Double) -> String { GoTime(roundingToMicroseconds: Date(timeIntervalSince1970: t)).rfc3339Nano }
        XCTAssertEqual(nano(-62_135_596_800), "0001-01-01T00:00:00Z")
        XCTAssertEqual(nano(1_700_000_000.00012), "2023-11-14T22:13:20.00012Z")
        XCTAssertEqual(nano(1_700_000_000.123), "2023-11-14T22:13:20.123Z")
        XCTAssertEqual(nano(0), "1970-01-01T00:00:00Z")
        XCTAssertEqual(nano(-1.5), "1969-12-31T23:59:58.5Z")
        XCTAssertEqual(nano(951_782_400), "2000-02-29T00:00:00Z")
    }

    func test_compareAndAdding_useTheInstant() throws {
        let a = try GoTime.parseRFC3339("2026-11-26T10:00:00+01:00")
        let b = try GoTime.parseRFC3339("2026-11-26T09:30:00Z")
        XCTAssertTrue(a < b)
        XCTAssertEqual(a.adding(seconds: 1800.5).utc.rfc3339Nano, "2026-11-26T09:30:00.5Z")
    }

    func test_jsonWriter_rfc3339_quotedWithoutEscaping() {
        var w = GoJSONWriter()
        w.rfc3339(GoTime(unixSeconds: 1_700_000_000, nanoseconds: 120_000_000), fraction: .nanoseconds)
        XCTAssertEqual(w.bytes, Array(#""2023-11-14T22:13:20.12Z""#.utf8))
    }

    /// The API's date-time is total: no time a peer or a file can carry traps, even one that
    /// was accepted before the range check existed (finding 2 of issue #19).
    func test_strfmtDateTime_extremeDates_noTrap() {
        for t in [-9.3e18, 9.3e18, -1e300, 1e300, .nan, .infinity, -.infinity] {
            XCTAssertFalse(StrfmtDateTime.format(Date(timeIntervalSince1970: t)).isEmpty)
        }
    }
}
