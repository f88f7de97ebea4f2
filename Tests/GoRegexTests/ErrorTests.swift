import XCTest

@testable import GoRegex

/// Patterns Go's `regexp.Compile` rejects, with Go's exact error texts.
final class ErrorTests: XCTestCase {
    let cases: [(String, String)] = [
        (#"\1"#, #"invalid escape sequence: `\1`"#),
        (#"(a)\1"#, #"invalid escape sequence: `\1`"#),
        (#"\8"#, #"invalid escape sequence: `\8`"#),
        (#"\q"#, #"invalid escape sequence: `\q`"#),
        (#"\C"#, #"invalid escape sequence: `\C`"#),
        (#"\Z"#, #"invalid escape sequence: `\Z`"#),
        (#"\xZZ"#, #"invalid escape sequence: `\xZZ`"#),
        (#"\x4"#, #"invalid escape sequence: `\x4`"#),
        (#"\x{}"#, #"invalid escape sequence: `\x{}`"#),
        (#"\x{110000}"#, #"invalid escape sequence: `\x{110000`"#),
        ("(?=a)", "invalid or unsupported Perl syntax: `(?=`"),
        ("(?!a)", "invalid or unsupported Perl syntax: `(?!`"),
        ("(?<=a)b", "invalid or unsupported Perl syntax: `(?<=`"),
        ("(?<!a)b", "invalid or unsupported Perl syntax: `(?<!`"),
        ("(?x)a", "invalid or unsupported Perl syntax: `(?x`"),
        ("(?i-)a", "invalid or unsupported Perl syntax: `(?i-)`"),
        ("(?--i)a", "invalid or unsupported Perl syntax: `(?--`"),
        ("(?P=name)", "invalid or unsupported Perl syntax: `(?P`"),
        ("a*+", "invalid nested repetition operator: `*+`"),
        ("a**", "invalid nested repetition operator: `**`"),
        ("a++", "invalid nested repetition operator: `++`"),
        ("a*??", "invalid nested repetition operator: `*??`"),
        ("a{2}{3}", "invalid nested repetition operator: `{2}{3}`"),
        ("a{1001}", "invalid repeat count: `{1001}`"),
        ("a{2,1}", "invalid repeat count: `{2,1}`"),
        ("a{1,1001}", "invalid repeat count: `{1,1001}`"),
        ("a{100000000000}", "invalid repeat count: `{100000000000}`"),
        ("(a{500}){3}", "invalid repeat count: `{3}`"),
        ("(a", "missing closing ): `(a`"),
        ("(a|b", "missing closing ): `(a|b`"),
        ("a)", "unexpected ): `a)`"),
        ("(a))", "unexpected ): `(a))`"),
        ("[a", "missing closing ]: `[a`"),
        ("x[a-", "missing closing ]: `[a-`"),
        ("[z-a]", "invalid character class range: `z-a`"),
        ("*", "missing argument to repetition operator: `*`"),
        ("+a", "missing argument to repetition operator: `+`"),
        ("a|*", "missing argument to repetition operator: `*`"),
        ("(*)", "missing argument to repetition operator: `*`"),
        ("{2}", "missing argument to repetition operator: `{2}`"),
        ("??", "missing argument to repetition operator: `??`"),
        (#"\p{Foo}"#, #"invalid character class range: `\p{Foo}`"#),
        (#"\pX"#, #"invalid character class range: `\pX`"#),
        (#"\p{Greek"#, #"invalid character class range: `\p{Greek`"#),
        ("[[:foo:]]", "invalid character class range: `[:foo:]`"),
        (#"a\"#, "trailing backslash at end of expression: ``"),
        ("(?P<>a)", "invalid named capture: `(?P<>`"),
        ("(?P<a-b>x)", "invalid named capture: `(?P<a-b>`"),
        ("(?P<name", "invalid named capture: `(?P<name`"),
    ]

    func test_rejectedPatterns_throwGoErrorText() {
        for (pattern, text) in cases {
            do {
                _ = try RE2(pattern)
                XCTFail("\(pattern) should be rejected")
            } catch {
                XCTAssertEqual(error.message, "error parsing regexp: " + text, "pattern \(pattern)")
            }
        }
    }

    func test_anchored_reportsWrappedExpression() {
        XCTAssertThrowsError(try RE2.anchored("a)")) { error in
            XCTAssertEqual((error as? RE2Error)?.message, "error parsing regexp: unexpected ): `^(?:a))$`")
        }
    }

    func test_deepNesting_isRejected() {
        let pattern = String(repeating: "(", count: 1001) + "a" + String(repeating: ")", count: 1001)
        XCTAssertThrowsError(try RE2(pattern)) { error in
            XCTAssertEqual((error as? RE2Error)?.message, "error parsing regexp: expression nests too deeply: `\(pattern)`")
        }
    }

    func test_edgeOfLimits_isAccepted() throws {
        for p in ["a{1000}", "a{0,1000}", "(a{10}){100}", "[a-z]{2,}", #"\Qa*b"#, "x{", "a{,5}", "(?i)(?-i:a)", "(?:)", "(?)a"] {
            XCTAssertNoThrow(try RE2(p), p)
        }
    }
}
