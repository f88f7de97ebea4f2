import Foundation
import GoCompat
import XCTest

/// `time.Parse(time.RFC3339, s)` (amtool's `--start`/`--end`, `template render` data) and
/// go-openapi's lenient `strfmt.ParseDateTime` (the API).
final class GoTimeParseTests: XCTestCase {
    func test_parseRFC3339_valid_keepsOffsetAndFraction() throws {
        let t = try GoTime.parseRFC3339("2026-11-26T10:00:00.5+01:00")
        XCTAssertEqual(t.offsetSeconds, 3600)
        XCTAssertEqual(t.nanoseconds, 500_000_000)
        XCTAssertEqual(t.format("2006-01-02T15:04:05.999999999Z07:00"), "2026-11-26T10:00:00.5+01:00")
        XCTAssertEqual(try GoTime.parseRFC3339("2026-11-26T1:00:00Z").format("15:04 MST"), "01:00 UTC")
    }

    func test_parseRFC3339_invalid_givesGoErrorText() {
        let cases = [
            "2026-1-26T10:00:00Z": #"parsing time "2026-1-26T10:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "1-26T10:00:00Z" as "01""#,
            "2026-11-26T10:00:60Z": #"parsing time "2026-11-26T10:00:60Z": second out of range"#,
            "2026-11-26T10:00:00+0100": #"parsing time "2026-11-26T10:00:00+0100" as "2006-01-02T15:04:05Z07:00": cannot parse "+0100" as "Z07:00""#,
            "2026-11-26T10:00:00Zjunk": #"parsing time "2026-11-26T10:00:00Zjunk": extra text: "junk""#,
            "yesterday": #"parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006""#,
            "2020-02-30T00:00:00Z": #"parsing time "2020-02-30T00:00:00Z": day out of range"#,
            "2026-11-26T10:00:00": #"parsing time "2026-11-26T10:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00""#,
            "2026-02-30T00:00:00Z": #"parsing time "2026-02-30T00:00:00Z": day out of range"#,
        ]
        for (input, message) in cases {
            XCTAssertThrowsError(try GoTime.parseRFC3339(input), input) { XCTAssertEqual("\($0)", message) }
        }
    }

    func test_strfmtParse_offsetsFractionsAndVariants() {
        func p(_ s: String) -> Double? { StrfmtDateTime.parse(Array(s.utf8))?.timeIntervalSince1970 }
        XCTAssertEqual(p("2023-11-14T22:13:20Z"), 1_700_000_000)
        XCTAssertEqual(p("2023-11-14T23:13:20+01:00"), 1_700_000_000)
        XCTAssertEqual(p("2023-11-14T21:13:20-0100"), 1_700_000_000)
        XCTAssertEqual(p("2023-11-14T22:13:20.250000000Z")!, 1_700_000_000.25, accuracy: 1e-6)
        XCTAssertEqual(p("2023-11-14T22:13:20"), 1_700_000_000)
        XCTAssertEqual(p("2023-11-14 22:13Z"), 1_699_999_980)
        XCTAssertNil(p("2023-11-14"))
        XCTAssertNil(p("2023-13-14T22:13:20Z"))
        XCTAssertEqual(p(""), -62_135_596_800)
    }

    func test_strfmtFormat_millisTruncatedAndGoZero() {
        XCTAssertEqual(StrfmtDateTime.format(Date(timeIntervalSince1970: 1_700_000_000.1239)), "2023-11-14T22:13:20.123Z")
        XCTAssertEqual(StrfmtDateTime.format(Date(timeIntervalSince1970: 1_700_000_000.123)), "2023-11-14T22:13:20.123Z")
        XCTAssertEqual(StrfmtDateTime.format(Date(timeIntervalSince1970: -62_135_596_800)), "0001-01-01T00:00:00.000Z")
        XCTAssertEqual(StrfmtDateTime.format(Date(timeIntervalSince1970: 951_782_400)), "2000-02-29T00:00:00.000Z")
    }

    /// The crash a gossip silence with `starts_at.seconds = Int64.min` caused in GET
    /// /api/v2/silences: the formatter is total for every Int64 second and every Double
    /// (`Int64.max` as Go 1.19 formats it; see `GoTimeFormatTests` for `Int64.min`).
    func test_strfmtFormat_int64ExtremesAndNonFinite_total() {
        XCTAssertEqual(StrfmtDateTime.format(Date(timeIntervalSince1970: Double(Int64.min))),
                       "-292277022657-01-27T08:29:52.000Z")
        XCTAssertEqual(StrfmtDateTime.format(Date(timeIntervalSince1970: Double(Int64.max))),
                       "292277026596-12-04T15:30:07.000Z")
        XCTAssertEqual(StrfmtDateTime.format(Date(timeIntervalSince1970: .greatestFiniteMagnitude)),
                       "292277026596-12-04T15:30:07.000Z")
        XCTAssertEqual(StrfmtDateTime.format(Date(timeIntervalSince1970: -.infinity)), "-292277022657-01-27T08:29:52.000Z")
        XCTAssertEqual(StrfmtDateTime.format(Date(timeIntervalSince1970: .nan)), "0001-01-01T00:00:00.000Z")
    }
}
