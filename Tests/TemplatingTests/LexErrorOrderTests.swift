import XCTest
@testable import Templating

/// Go's lexer hands its error to the parser in sequence, so a parse error on an earlier token
/// is what `template.Parse` reports (amtool check-config prints it). Expected texts come from
/// Go 1.19's text/template on the same inputs.
final class LexErrorOrderTests: XCTestCase {
    func parseError(_ text: String) -> String? {
        do {
            var set = TemplateSet()
            try set.parse(text, name: "t")
            return nil
        } catch {
            return error.message
        }
    }

    func test_parse_parseErrorBeforeLexError_reportsParseError() {
        XCTAssertEqual(parseError("{{ define \"x\" }}{{ .Foo }\n"), "template: t:1: unexpected \"}\" in operand")
        XCTAssertEqual(parseError("a {{ .Foo }"), "template: t:1: unexpected \"}\" in operand")
        XCTAssertEqual(parseError("{{ .A | }"), "template: t:1: unexpected \"}\" in command")
        XCTAssertEqual(parseError("{{ 3 }\n\n{{ \"x"), "template: t:1: unexpected \"}\" in operand")
        XCTAssertEqual(parseError("{{ (.A }"), "template: t:1: unexpected \"}\" in operand")
    }

    func test_parse_lexErrorReached_reportsLexError() {
        XCTAssertEqual(parseError("{{ \"abc"), "template: t:1: unterminated quoted string")
        XCTAssertEqual(parseError("{{ if .X }}\n{{ .Y"), "template: t:2: unclosed action")
    }
}
