import GoCompat
import XCTest

/// Go's `time.Duration` (command-line flags, `Duration.String`) and Prometheus'
/// `model.Duration` (the config file): two syntaxes, both kept here.
final class GoDurationTests: XCTestCase {
    func test_parse_goForms_seconds() throws {
        XCTAssertEqual(try GoDuration.parse("120h"), 432000)
        XCTAssertEqual(try GoDuration.parse("1m0s"), 60)
        XCTAssertEqual(try GoDuration.parse("500ms"), 0.5)
        XCTAssertEqual(try GoDuration.parse("1.5s"), 1.5)
        XCTAssertEqual(try GoDuration.parse("0"), 0)
        XCTAssertEqual(try GoDuration.parse("1h30m"), 5400)
    }

    func test_parse_badForms_throwGoText() {
        XCTAssertThrowsError(try GoDuration.parse("5d")) { XCTAssertEqual("\($0)", #"time: unknown unit "d" in duration "5d""#) }
        XCTAssertThrowsError(try GoDuration.parse("10")) { XCTAssertEqual("\($0)", #"time: missing unit in duration "10""#) }
        XCTAssertThrowsError(try GoDuration.parse(""))
    }

    func test_format_secondsGoString() {
        XCTAssertEqual(GoDuration.format(60), "1m0s")
        XCTAssertEqual(GoDuration.format(432000), "120h0m0s")
        XCTAssertEqual(GoDuration.format(0.2), "200ms")
        XCTAssertEqual(GoDuration.format(0), "0s")
        XCTAssertEqual(GoDuration.format(90.5), "1m30.5s")
        XCTAssertEqual(GoDuration.format(-1.5), "-1.5s")
        XCTAssertEqual(GoDuration.format(.nan), "0s")
        XCTAssertEqual(GoDuration.format(.infinity), "2562047h47m16.854775807s")
    }

    func test_string_nanosecondsGoString() {
        XCTAssertEqual(GoDuration.string(3_723_500_000_000), "1h2m3.5s")
        XCTAssertEqual(GoDuration.string(1_500_000), "1.5ms")
        XCTAssertEqual(GoDuration.string(1_500), "1.5µs")
        XCTAssertEqual(GoDuration.string(7), "7ns")
        XCTAssertEqual(GoDuration.string(.min), "-2562047h47m16.854775808s")
    }

    func test_promDuration_acceptsPrometheusSyntaxOnly() throws {
        XCTAssertEqual(try PromDuration.parse("5d").milliseconds, 5 * 86_400_000)
        XCTAssertEqual(try PromDuration.parse("1h30m").description, "1h30m")
        XCTAssertEqual(try PromDuration.parse("0").milliseconds, 0)
        XCTAssertEqual(try PromDuration.parse("14d").description, "2w")
        XCTAssertEqual(try PromDuration.parse("90d").description, "90d")
        XCTAssertThrowsError(try PromDuration.parse("1.5h")) { error in
            XCTAssertEqual((error as? PromDuration.ParseError)?.message, #"not a valid duration string: "1.5h""#)
        }
        XCTAssertThrowsError(try PromDuration.parse("1m1h"))
        XCTAssertThrowsError(try PromDuration.parse("")) { XCTAssertEqual("\($0)", "empty duration string") }
    }
}
