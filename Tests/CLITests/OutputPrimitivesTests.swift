@testable import CLI
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

    func test_goJSON_strings_useGoEscapes() {
        let v = GoJSON.object([("k", .string("a<b>&\"\\\n\t\u{01}\u{2028}é")), ("m", .stringMap(["b": "1", "a": "2"]))])
        XCTAssertEqual(v.encoded, #"{"k":"a\u003cb\u003e\u0026\"\\\n\t\u0001\u2028é","m":{"a":"2","b":"1"}}"#)
    }

    func test_treePrint_nestedBranches_drawLikeTreeprint() {
        let tree = TreeNode.render([TreeNode("root", children: [TreeNode("a", children: [TreeNode("a1")]), TreeNode("b")])])
        XCTAssertEqual(tree, ".\n└── root\n    ├── a\n    │   └── a1\n    └── b\n")
    }

    func test_apiClient_query_sortedAndGoEscaped() throws {
        let g = try GlobalOptions.parse(["--alertmanager.url", "http://u:p@example.org:9093/am/"])
        let c = try APIClient(settings: Settings(g, file: AmtoolConfigFile(), environment: [:]))
        XCTAssertEqual(c.url(path: "/alerts", query: [("silenced", "false"), ("filter", "a=~\"x y\""), ("active", "true")]),
                       "http://example.org:9093/am/api/v2/alerts?active=true&filter=a%3D~%22x+y%22&silenced=false")
        XCTAssertEqual(c.authorization, "Basic dTpw")
    }
}
