import GoCompat
@testable import Templating
import XCTest

/// The template functions Alertmanager added after 0.25, with the inputs and outputs of
/// upstream's template_test.go (0.34.0, commit 68fb2d575) as facts.
final class LaterFunctionTests: XCTestCase {
    let set = TemplateSet(now: { GoTime(unixSeconds: 1_710_498_030) })

    func run(_ text: String) throws -> String { try set.executeText(text, data: Fixtures.twoAlerts()) }

    func test_laterFunctions_upstreamCases_sameOutput() throws {
        let cases: [(String, String)] = [
            (#"{{ "search?q=test%20foo" | urlUnescape }}"#, "search?q=test foo"),
            (#"{{ "test" | base64encode }}"#, "dGVzdA=="),
            (#"{{ "flush>>" | base64encode }}"#, "Zmx1c2g-Pg=="),
            (#"{{ "dGVzdA==" | base64decode }}"#, "test"),
            (#"{{- $test := dict -}}{{ $test }}"#, "map[]"),
            (#"{{- $test := dict "a" 1 "b" 2 "c" 3 -}}{{ $test }}"#, "map[a:1 b:2 c:3]"),
            (#"{{- $test := list -}}{{ $test }}"#, "[]"),
            (#"{{- $test := list "a" "b" "c" -}}{{ $test }}"#, "[a b c]"),
            (#"{{- $test := list "a" "b" -}}{{ $test = append $test "c" "d" -}}{{ $test }}"#, "[a b c d]"),
            (#"{{ toDate "2006-01-02" "2024-03-15" | date "02 Jan 2006" }}"#, "15 Mar 2024"),
            (#"{{ toDate "2006-01-02" "not-a-date" | date "2006" }}"#, "0001"),
            (#"{{ mustToDate "2006-01-02" "2024-03-15" | date "02 Jan 2006" }}"#, "15 Mar 2024"),
            (#"{{ now | date "2006-01-02T15:04:05Z07:00" }}"#, "2024-03-15T10:20:30Z"),
            (#"{{ "q=a%20b" | safeUrl }}"#, "q=a%20b"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(try run(text), expected, text)
        }
    }

    func test_laterFunctions_composeJSONArray_likeUpstream() throws {
        // Upstream's "Compose json array using list and append", on two alerts with labels.
        let out = try run(#"{{- $l := list -}}{{ range .Alerts }}{{ $m := dict "status" .Status }}{{ $l = append $l $m }}{{ end }}{{ toJson $l }}"#)
        XCTAssertEqual(out, #"[{"status":"firing"},{"status":"resolved"}]"#)
    }

    func test_laterFunctions_badInput_failsTheTemplateWithGoText() {
        let failing: [(String, String)] = [
            (#"{{ "not-valid-base64!" | base64decode }}"#, "illegal base64 data at input byte 16"),
            (#"{{ dict "a" }}"#, "dict requires an even number of arguments"),
            (#"{{ dict 1 "value" }}"#, "dict keys must be strings"),
            (#"{{ "%zz" | urlUnescape }}"#, #"invalid URL escape "%zz""#),
            (#"{{ mustToDate "2006-01-02" "not-a-date" }}"#,
             #"error calling mustToDate: parsing time "not-a-date" as "2006-01-02": cannot parse "not-a-date" as "2006""#),
        ]
        for (text, fragment) in failing {
            XCTAssertThrowsError(try run(text), text) { error in
                XCTAssertTrue("\(error)".contains(fragment), "\(text): \(error)")
            }
        }
    }
}
