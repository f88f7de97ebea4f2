import GoCompat
import XCTest

/// `url.QueryEscape` and `url.PathEscape`.
final class GoURLTests: XCTestCase {
    func test_queryEscape_unreservedKeptSpacePlusRestPercent() {
        XCTAssertEqual(GoURL.queryEscape(#"a b=c&d/é~_.-"#), "a+b%3Dc%26d%2F%C3%A9~_.-")
        XCTAssertEqual(GoURL.queryEscape("alertname=~\"x|y\""), "alertname%3D~%22x%7Cy%22")
    }

    func test_pathEscape_segmentRules() {
        XCTAssertEqual(GoURL.pathEscape("a b/c?d;e,f$&+:=@"), "a%20b%2Fc%3Fd%3Be%2Cf$&+:=@")
        XCTAssertEqual(GoURL.pathEscape("0f6e8c4a-1b2c-4d3e-8f90-a1b2c3d4e5f6"), "0f6e8c4a-1b2c-4d3e-8f90-a1b2c3d4e5f6")
    }
}
