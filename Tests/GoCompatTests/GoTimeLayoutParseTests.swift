import GoCompat
import XCTest

/// `GoTime.parse(layout:_:)` against Go 1.19's `time.ParseInLocation(layout, value, time.UTC)`:
/// each row was printed by Go (Unix seconds, nanoseconds, `Format("-07:00:00 MST")`, or the
/// error text).
final class GoTimeLayoutParseTests: XCTestCase {
    enum Expected {
        case success(unix: Int64, nanos: Int, zone: String)
        case failure(String)
    }

    static let vectors: [(String, String, Expected)] = [
        ("2006-01-02", "2024-03-15", .success(unix: 1710460800, nanos: 0, zone: "+00:00:00 UTC")),
        ("2006-01-02 15:04:05", "2024-03-15 10:20:30", .success(unix: 1710498030, nanos: 0, zone: "+00:00:00 UTC")),
        ("2006-01-02T15:04:05Z07:00", "2024-03-15T10:20:30+02:00", .success(unix: 1710490830, nanos: 0, zone: "+02:00:00 +0200")),
        ("2006-01-02T15:04:05Z07:00", "2024-03-15T10:20:30Z", .success(unix: 1710498030, nanos: 0, zone: "+00:00:00 UTC")),
        ("Jan 2, 2006 at 3:04pm (MST)", "Feb 3, 2013 at 7:54pm (PST)", .success(unix: 1359921240, nanos: 0, zone: "+00:00:00 PST")),
        ("Jan _2 15:04:05.000", "Mar  5 10:20:30.123", .success(unix: -62161652370, nanos: 123000000, zone: "+00:00:00 UTC")),
        ("Monday, 02-Jan-06 15:04:05 MST", "Friday, 15-Mar-24 10:20:30 UTC", .success(unix: 1710498030, nanos: 0, zone: "+00:00:00 UTC")),
        ("2006-01-02 15:04:05.999999999 -0700", "2024-03-15 10:20:30.5 -0330", .success(unix: 1710510630, nanos: 500000000, zone: "-03:30:00 -0330")),
        ("02/01/2006", "31/02/2024", .failure("parsing time \"31/02/2024\": day out of range")),
        ("2006-01-02", "2024-13-01", .failure("parsing time \"2024-13-01\": month out of range")),
        ("2006-01-02", "2024-03-15x", .failure("parsing time \"2024-03-15x\": extra text: \"x\"")),
        ("2006-01-02", "24-03-15", .failure("parsing time \"24-03-15\" as \"2006-01-02\": cannot parse \"3-15\" as \"2006\"")),
        ("15:04", "25:00", .failure("parsing time \"25:00\": hour out of range")),
        ("2006-002", "2024-060", .success(unix: 1709164800, nanos: 0, zone: "+00:00:00 UTC")),
        ("2006-01-02 15:04:05", "2024-03-15 10:20:30.250", .success(unix: 1710498030, nanos: 250000000, zone: "+00:00:00 UTC")),
        ("3:04PM", "12:30AM", .success(unix: -62167217400, nanos: 0, zone: "+00:00:00 UTC")),
        ("January 2006", "march 2024", .success(unix: 1709251200, nanos: 0, zone: "+00:00:00 UTC")),
        ("2006-01-02 -07", "2024-03-15 +05", .success(unix: 1710442800, nanos: 0, zone: "+05:00:00 +0500")),
        ("2006-01-02  15:04", "2024-03-15 9:04", .success(unix: 1710493440, nanos: 0, zone: "+00:00:00 UTC")),
        ("20060102150405", "20240315102030", .success(unix: 1710498030, nanos: 0, zone: "+00:00:00 UTC")),
    ]

    func test_parse_goVectors_sameInstantZoneAndErrors() {
        for (layout, value, expected) in Self.vectors {
            switch (Result { () throws(GoTime.ParseError) in try GoTime.parse(layout: layout, value) }, expected) {
            case let (.success(t), .success(unix, nanos, zone)):
                XCTAssertEqual(t.unixSeconds, unix, "\(layout) | \(value)")
                XCTAssertEqual(t.nanoseconds, nanos, "\(layout) | \(value)")
                XCTAssertEqual(t.format("-07:00:00 MST"), zone, "\(layout) | \(value)")
            case let (.failure(e), .failure(text)):
                XCTAssertEqual(e.description, text, "\(layout) | \(value)")
            case let (got, _):
                XCTFail("\(layout) | \(value): got \(got), Go: \(expected)")
            }
        }
    }
}

/// Base64 (URL alphabet) and query unescaping against Go 1.19's own results.
final class GoEncodingTests: XCTestCase {
    func test_base64URLDecode_goVectors_sameBytesAndErrorOffsets() {
        enum Decoded { case text(String), errorAt(Int) }
        let cases: [(String, Decoded)] = [
            ("not-valid-base64!", .errorAt(16)), ("dGVzdA=", .errorAt(7)), ("dGVzdA", .errorAt(4)),
            ("dGVzdA==x", .errorAt(8)), ("dG=zdA==", .errorAt(2)), ("d", .errorAt(0)),
            ("dGVzdA==\n", .text("test")), ("dGV\nzdA==", .text("test")), ("Zmx1c2g-Pg==", .text("flush>>")),
        ]
        for (input, expected) in cases {
            switch (Result { () throws(GoBase64URL.CorruptInput) in try GoBase64URL.decode(input) }, expected) {
            case let (.success(bytes), .text(text)): XCTAssertEqual(String(decoding: bytes, as: UTF8.self), text, input)
            case let (.failure(e), .errorAt(offset)): XCTAssertEqual(e.offset, offset, input)
            case let (got, _): XCTFail("\(input): got \(got), Go: \(expected)")
            }
        }
        XCTAssertEqual(GoBase64URL.encode(Array("flush>>".utf8)), "Zmx1c2g-Pg==")
        XCTAssertEqual(GoBase64URL.encode([]), "")
        XCTAssertEqual(GoBase64URL.encode([0xFF]), "_w==")
    }

    func test_queryUnescape_goVectors_textAndErrors() {
        XCTAssertEqual(try GoURL.queryUnescape("%41+b"), "A b")
        for (input, bad) in [("%zz", "%zz"), ("a%2", "%2"), ("a%", "%")] {
            XCTAssertThrowsError(try GoURL.queryUnescape(input)) { error in
                XCTAssertEqual("\(error)", "invalid URL escape \"\(bad)\"")
            }
        }
    }

    /// Go: url.PathUnescape("a+b%2Bc%20d") == "a+b+c d"; a bad escape fails as in QueryUnescape.
    func test_pathUnescape_plusStaysPlus_escapesDecoded() {
        XCTAssertEqual(try GoURL.pathUnescape("a+b%2Bc%20d"), "a+b+c d")
        XCTAssertThrowsError(try GoURL.pathUnescape("x%g1")) { XCTAssertEqual("\($0)", "invalid URL escape \"%g1\"") }
    }
}
