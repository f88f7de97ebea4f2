@testable import CLI
import Templating
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

    func test_goLayout_fixedZoneWithoutName_printsNumericOffset() {
        let t = GoTime(unixSeconds: GoTime.unixSeconds(year: 2026, month: 3, day: 5, hour: 7, minute: 8, second: 9) - 5400,
                       nanoseconds: 123_456_789, offsetSeconds: 5400, zoneName: "")
        XCTAssertEqual(t.format("2006-01-02 15:04:05 MST"), "2026-03-05 07:08:09 +0130")
        XCTAssertEqual(t.format("Mon Jan _2 3:4:5 PM 06 -07:00 Z0700"), "Thu Mar  5 7:8:9 AM 26 +01:30 +0130")
        XCTAssertEqual(t.format("Monday January 2 002 __2 .000 .999999 ,000"), "Thursday March 5 064  64 .123 .123456 ,123")
        XCTAssertEqual(t.apiString, "2026-03-05T07:08:09.123+01:30")
    }

    func test_goLayout_utc_printsUTCAndZ() {
        let t = GoTime(unixSeconds: GoTime.unixSeconds(year: 2026, month: 12, day: 31, hour: 23, minute: 0, second: 0))
        XCTAssertEqual(t.format("2006-01-02 15:04:05 MST Z07:00 002"), "2026-12-31 23:00:00 UTC Z 365")
    }

    func test_parseRFC3339_valid_keepsOffsetAndFraction() throws {
        let t = try GoTime.parseRFC3339("2026-11-26T10:00:00.5+01:00")
        XCTAssertEqual(t.offsetSeconds, 3600)
        XCTAssertEqual(t.nanoseconds, 500_000_000)
        XCTAssertEqual(t.format("2006-01-02T15:04:05.999999999Z07:00"), "2026-11-26T10:00:00.5+01:00")
        XCTAssertEqual(try GoTime.parseRFC3339("2026-11-26T1:00:00Z").format("15:04 MST"), "01:00 UTC")
    }

    func test_parseRFC3339_invalid_givesGoErrorText() {
        let cases = [
            "2026-1-26T10:00:00Z": #"parsing time "2026-1-26T10:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "1-26T10:00:00Z" as "01""#,
            "2026-11-26T10:00:60Z": #"parsing time "2026-11-26T10:00:60Z": second out of range"#,
            "2026-11-26T10:00:00+0100": #"parsing time "2026-11-26T10:00:00+0100" as "2006-01-02T15:04:05Z07:00": cannot parse "+0100" as "Z07:00""#,
            "2026-11-26T10:00:00Zjunk": #"parsing time "2026-11-26T10:00:00Zjunk": extra text: "junk""#,
            "yesterday": #"parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006""#,
            "2020-02-30T00:00:00Z": #"parsing time "2020-02-30T00:00:00Z": day out of range"#,
        ]
        for (input, message) in cases {
            XCTAssertThrowsError(try GoTime.parseRFC3339(input), input) { XCTAssertEqual("\($0)", message) }
        }
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
