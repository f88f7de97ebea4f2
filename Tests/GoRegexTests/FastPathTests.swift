import XCTest

@testable import GoRegex

/// The compile-time shortcuts must answer exactly as the Pike VM does.
final class FastPathTests: XCTestCase {
    let inputs = [
        "", "foo", "foobar", "xfoo", "bar", "baz", "fo", "foo\n", "\nfoo", "foo\nbar", "日本語", "日本",
        "a\nb", "barfoo", "FOO", "fooba", "foo bar", "prod-eu-1", "staging",
    ]

    func test_commonShapes_takeFastPath() throws {
        let shaped = [
            "foo", "foo|bar|baz", "foo.*", ".*foo", ".*", "(?s).*", "(foo|bar)", "", "foo|", "日本.*",
            "(?s)foo.*", ".*?bar", "prod-.*",
        ]
        for p in shaped {
            XCTAssertTrue(try RE2.anchored(p).hasFastPath, "anchored \(p)")
        }
        XCTAssertTrue(try RE2("foo").hasFastPath)
        XCTAssertFalse(try RE2("(?i)foo").hasFastPath)
        XCTAssertFalse(try RE2.anchored("fo+").hasFastPath)
        XCTAssertFalse(try RE2("(?m)^foo$").hasFastPath)
    }

    func test_fastPath_agreesWithPikeVM() throws {
        let patterns = [
            "foo", "foo|bar|baz", "foo.*", ".*foo", ".*", "(?s).*", "(foo|bar)", "", "foo|", "日本.*",
            "(?s)foo.*", ".*?bar", "prod-.*", "(?s).*bar", "foo|foobar",
        ]
        for p in patterns {
            for re in [try RE2.anchored(p), try RE2(p)] {
                for s in inputs {
                    XCTAssertEqual(re.matches(s), re.matchesWithoutFastPath(s), "\(re.pattern) on \(s.debugDescription)")
                }
            }
        }
    }
}
