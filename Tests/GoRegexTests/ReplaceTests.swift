import XCTest

@testable import GoRegex

/// Go `ReplaceAllString` results (pattern, template, input, output).
final class ReplaceTests: XCTestCase {
    let cases: [(String, String, String, String)] = [
        ("", "", "", ""),
        ("", "x", "", "x"),
        ("", "x", "abc", "xaxbxcx"),
        ("b", "x", "abc", "axc"),
        ("(?:b*)", "x", "abc", "xaxcx"),
        ("a*", "X", "baaac", "XbXcX"),
        ("abc", "def", "abcdefg", "defdefg"),
        ("a+", "-", "banana", "b-n-n-"),
        ("x*", "-", "", "-"),
        ("a+", "", "aaa", ""),
        ("a(x*)b", "T", "-ab-axxb-", "-T-T-"),
        ("a(x*)b", "$1", "-ab-axxb-", "--xx-"),
        ("a(x*)b", "$1W", "-ab-axxb-", "---"),
        ("a(x*)b", "${1}W", "-ab-axxb-", "-W-xxW-"),
        ("a(?P<g>x*)b", "${g}", "-ab-axxb-", "--xx-"),
        ("a(?P<g>x*)b", "$g!", "-ab-axxb-", "-!-xx!-"),
        ("b", "$$", "abc", "a$c"),
        ("(b)", "x$", "abc", "ax$c"),
        ("(b)", "${1", "abc", "a${1c"),
        ("(a)(b)", "$2$1", "ab", "ba"),
        (#"(\w+)@(\w+)\.com"#, "$2 at $1", "bob@example.com", "example at bob"),
        ("(?i)foo", "bar", "FOO foo", "bar bar"),
        ("é", "e", "café é", "cafe e"),
        (".", "[$0]", "日本", "[日][本]"),
        ("(a)|b", "${10}", "abc", "c"),
        ("(a)|b", "[$1]", "abc", "[a][]c"),
        ("$", "!", "abc", "abc!"),
        ("^", ">", "abc", ">abc"),
        (#"\b"#, "|", "ab cd", "|ab| |cd|"),
        ("(x)?y", "<$1>", "xy y", "<x> <>"),
        ("a", "$01", "a", ""),
    ]

    func test_replaceAll_matchesGoReplaceAllString() throws {
        for (pattern, template, input, output) in cases {
            let re = try RE2(pattern)
            XCTAssertEqual(re.replaceAll(in: input, with: template), output, "\(pattern) / \(template) on \(input)")
        }
    }
}
