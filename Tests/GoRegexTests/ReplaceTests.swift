import XCTest

@testable import GoRegex

/// Go `ReplaceAllString` results from the fixture (pattern, template, input, output).
final class ReplaceTests: XCTestCase {
    func test_replaceAll_matchesGoReplaceAllString() throws {
        let cases = try RegexFixture.load().replace
        XCTAssertGreaterThanOrEqual(cases.count, 40)
        for c in cases {
            let re = try RE2(c.pattern)
            XCTAssertEqual(re.replaceAll(in: c.input, with: c.template), c.output, "\(c.pattern) / \(c.template) on \(c.input)")
        }
    }
}
