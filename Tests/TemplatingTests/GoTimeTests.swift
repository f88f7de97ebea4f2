import XCTest
@testable import Templating

/// `GoTime` is the one Go time implementation (templates, tocsinctl, webhook payloads), so the
/// corners Go's `time` package handles specially are pinned here.
final class GoTimeTests: XCTestCase {
    func test_rfc3339Nano_directWriter_matchesLayoutWalk() {
        let seconds: [Int64] = [GoTime.zero.unixSeconds, -1, 0, 951_782_400, 1_700_000_000, 253_402_300_799]
        let nanos = [0, 1, 10, 120_000_000, 500_000_000, 999_999_999]
        let offsets = [0, 3600, -5400, 19800, 3661, -43200]
        for s in seconds {
            for ns in nanos {
                for off in offsets {
                    let t = GoTime(unixSeconds: s, nanoseconds: ns, offsetSeconds: off, zoneName: "")
                    XCTAssertEqual(t.rfc3339Nano, t.format(GoTime.rfc3339NanoLayout), "\(s) \(ns) \(off)")
                }
            }
        }
        XCTAssertEqual(GoTime(unixSeconds: 1_700_000_000, nanoseconds: 120_000).rfc3339Nano, "2023-11-14T22:13:20.00012Z")
        XCTAssertEqual(GoTime(unixSeconds: 0, offsetSeconds: -5400, zoneName: "").rfc3339Nano, "1969-12-31T22:30:00-01:30")
    }

    func test_format_janMonFollowedByLowercase_areText() {
        let t = GoTime(unixSeconds: GoTime.unixSeconds(year: 2026, month: 3, day: 2, hour: 0, minute: 0, second: 0))
        XCTAssertEqual(t.format("Janet Month Mon Jan January Monday"), "Janet Month Mon Mar March Monday")
    }

    func test_format_underscoreBefore2006_isLiteralUnderscoreAndYear() {
        let t = GoTime(unixSeconds: GoTime.unixSeconds(year: 2026, month: 3, day: 5, hour: 0, minute: 0, second: 0))
        XCTAssertEqual(t.format("_2006|_2|__2|__2006"), "_2026| 5| 64| 64026")
    }

    func test_parseRFC3339_badInputs_goErrorTexts() {
        XCTAssertThrowsError(try GoTime.parseRFC3339("2026-11-26T10:00:00")) {
            XCTAssertEqual("\($0)", #"parsing time "2026-11-26T10:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00""#)
        }
        XCTAssertThrowsError(try GoTime.parseRFC3339("2026-02-30T00:00:00Z")) {
            XCTAssertEqual("\($0)", #"parsing time "2026-02-30T00:00:00Z": day out of range"#)
        }
    }

    func test_compareAndAdding_useTheInstant() throws {
        let a = try GoTime.parseRFC3339("2026-11-26T10:00:00+01:00")
        let b = try GoTime.parseRFC3339("2026-11-26T09:30:00Z")
        XCTAssertTrue(a < b)
        XCTAssertEqual(a.adding(seconds: 1800.5).utc.rfc3339Nano, "2026-11-26T09:30:00.5Z")
    }
}
