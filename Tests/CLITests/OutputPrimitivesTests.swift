@testable import CLI
import APIModel
import XCTest

/// Go-compatible building blocks; expected strings were produced by Go 1.19 (`text/tabwriter`,
/// `time.Format`, `time.Parse`), the toolchain that built Debian's amtool 0.25.
final class OutputPrimitivesTests: XCTestCase {
    func test_tabWriter_alignedColumns_matchGo() {
        XCTAssertEqual(TabWriter().format("a\tbb\t\nccc\td\t\n"), "a    bb  \nccc  d   \n")
    }

    func test_tabWriter_lineWithoutTabs_endsColumnBlocks() {
        XCTAssertEqual(TabWriter().format("x\ty\nlonger\tz\t\n\nAddress\tName\n1.2.3.4:9094\tnode\t\n"),
                       "x       y\nlonger  z  \n\nAddress       Name\n1.2.3.4:9094  node  \n")
    }

    func test_tabWriter_tabInsideValue_startsNewCell() {
        XCTAssertEqual(TabWriter().format("ID\tComment\t\nid1\ttab\tand more\t\nid2\tplain\t\n"),
                       "ID   Comment  \nid1  tab      and more  \nid2  plain    \n")
    }

    func test_tabWriter_unicodeAndUnfinishedLine_countRunes() {
        XCTAssertEqual(TabWriter().format("é\tü\t\nab\tc\t\nno tabs here\nq\tr\t"),
                       "é   ü  \nab  c  \nno tabs here\nq  r")
    }

    func test_jsonOutput_silenceListing_printsBackWhatTheServerSent() throws {
        // Go escapes, a +02:00 offset kept, isEqual absent on one matcher (0.21 servers).
        let body = #"[{"id":"a1","status":{"state":"active"},"updatedAt":"2024-05-01T10:00:00.123+02:00","comment":"a\u003cb\u003e\u0026\"\\\n\t\u0001\u2028é","createdBy":"me","endsAt":"2024-05-01T12:00:00.000Z","matchers":[{"isEqual":false,"isRegex":true,"name":"job","value":"a|b"},{"isRegex":false,"name":"x","value":"y"}],"startsAt":"2024-05-01T10:00:00.000+02:00"}]"#
        let silences = try GettableSilence.decodeList(Array(body.utf8))
        XCTAssertEqual(silences.first?.startsAt.offsetSeconds, 7200)
        XCTAssertEqual(Formatter(output: .json).silences(silences), body + "\n")
    }

    func test_jsonOutput_alertListing_printsBackWhatTheServerSent() throws {
        let body = #"[{"annotations":{"a":"1","summary":"s"},"endsAt":"2024-05-01T12:00:00.000Z","fingerprint":"f0","receivers":[{"name":"r1"},{"name":"r2"}],"startsAt":"2024-05-01T10:00:00.000-07:00","status":{"inhibitedBy":[],"silencedBy":["s1"],"state":"suppressed"},"updatedAt":"2024-05-01T10:00:01.000Z","generatorURL":"http://x/?a=1\u0026b=2","labels":{"alertname":"A","b":"2"}}]"#
        let alerts = try GettableAlert.decodeList(Array(body.utf8))
        XCTAssertEqual(Formatter(output: .json).alerts(alerts), body + "\n")
    }

    func test_apiDecoding_wrongFieldType_isGoUnmarshalError() {
        XCTAssertThrowsError(try GettableSilence.decodeList(Array(#"[{"comment":5}]"#.utf8))) { error in
            XCTAssertEqual((error as? JSONError)?.message,
                           "json: cannot unmarshal number into Go struct field models.GettableSilence.comment of type string")
        }
        XCTAssertThrowsError(try GettableSilence.decodeList(Array(#"[{}] x"#.utf8))) { error in
            XCTAssertEqual((error as? JSONError)?.message, "invalid character 'x' after top-level value")
        }
    }

    func test_treePrint_nestedBranches_drawLikeAmtool() {
        let tree = TreeNode.render([TreeNode("root", children: [TreeNode("a", children: [TreeNode("a1")]), TreeNode("b")])])
        XCTAssertEqual(tree, ".\n└── root\n    ├── a\n    │\u{00A0}\u{00A0} └── a1\n    └── b\n")
    }

    func test_apiClient_query_sortedAndGoEscaped() throws {
        let g = try GlobalOptions.parse(["--alertmanager.url", "http://u:p@example.org:9093/am/"])
        let c = try APIClient(settings: Settings(g, file: AmtoolConfigFile(), environment: [:]))
        XCTAssertEqual(c.url(path: "/alerts", query: [("silenced", "false"), ("filter", "a=~\"x y\""), ("active", "true")]),
                       "http://example.org:9093/am/api/v2/alerts?active=true&filter=a%3D~%22x+y%22&silenced=false")
        XCTAssertEqual(c.authorization, "Basic dTpw")
    }
}
