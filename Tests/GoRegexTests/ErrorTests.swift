import XCTest

@testable import GoRegex

/// Go's `regexp.Compile` verdicts from the fixture: rejected patterns with Go's exact error
/// text (including Go 1.19's rejection of `(?<name>...)`), and accepted edge cases.
final class ErrorTests: XCTestCase {

    func test_rejectedPatterns_throwGoErrorText() throws {
        let fixture = try RegexFixture.load()
        let rejected = fixture.compile.compactMap { c in c.error.map { (c.pattern, $0) } }
        XCTAssertGreaterThanOrEqual(rejected.count, 50)
        for (pattern, text) in rejected {
            do {
                _ = try RE2(pattern)
                XCTFail("\(pattern) should be rejected")
            } catch {
                XCTAssertEqual(error.message, text, "pattern \(pattern)")
            }
        }
    }

    func test_acceptedPatterns_compile() throws {
        let fixture = try RegexFixture.load()
        let accepted = fixture.compile.filter { $0.error == nil }
        XCTAssertGreaterThanOrEqual(accepted.count, 10)
        for c in accepted {
            XCTAssertNoThrow(try RE2(c.pattern), c.pattern)
        }
    }

    func test_anchored_reportsWrappedExpression() {
        XCTAssertThrowsError(try RE2.anchored("a)")) { error in
            XCTAssertEqual((error as? RE2Error)?.message, "error parsing regexp: unexpected ): `^(?:a))$`")
        }
    }
}
