import AlertCore
import XCTest

final class MatcherTests: XCTestCase {
    func m(_ s: String) throws -> Matcher { try ClassicMatcherParser.parseMatcher(s) }

    func test_classic_operators_parse() throws {
        XCTAssertEqual(try m("foo=bar").type, .equal)
        XCTAssertEqual(try m("foo!=bar").type, .notEqual)
        XCTAssertEqual(try m("foo=~bar").type, .regexp)
        XCTAssertEqual(try m("foo!~bar").type, .notRegexp)
    }

    func test_classic_whitespaceAndQuotes_trimmed() throws {
        let x = try m("  foo =  \"bar baz\"  ")
        XCTAssertEqual(x.name, "foo")
        XCTAssertEqual(x.value, "bar baz")
        XCTAssertEqual(try m("foo=bar baz").value, "bar baz")
    }

    func test_classic_colonInName_accepted() throws {
        XCTAssertEqual(try m("job:rate=1").name, "job:rate")
    }

    func test_classic_escapes_unescaped() throws {
        XCTAssertEqual(try m(#"a="x\ny""#).value, "x\ny")
        XCTAssertEqual(try m(#"a="x\"y""#).value, "x\"y")
        XCTAssertEqual(try m(#"a="x\\y""#).value, "x\\y")
        XCTAssertEqual(try m(#"a="x\qy""#).value, #"x\qy"#)
        XCTAssertEqual(try m(#"a=x\"#).value, #"x\"#)
    }

    func test_classic_emptyValue_accepted() throws {
        XCTAssertEqual(try m("a=").value, "")
        XCTAssertEqual(try m(#"a="""#).value, "")
    }

    func test_classic_badInput_errors() {
        XCTAssertThrowsError(try m("=bar")) { XCTAssertEqual(($0 as? MatcherParseError)?.message, "bad matcher format: =bar") }
        XCTAssertThrowsError(try m("foo")) { XCTAssertEqual(($0 as? MatcherParseError)?.message, "bad matcher format: foo") }
        XCTAssertThrowsError(try m(#"a="b"#)) {
            XCTAssertEqual(($0 as? MatcherParseError)?.message, #"matcher value contains unescaped double quote: "b"#)
        }
        XCTAssertThrowsError(try m(#"a=b"c"#)) {
            XCTAssertEqual(($0 as? MatcherParseError)?.message, #"matcher value contains unescaped double quote: b"c"#)
        }
    }

    func test_classic_parseMatchers_listForms() throws {
        let a = try ClassicMatcherParser.parseMatchers(#"{foo = "bar", dings != "bums", }"#)
        XCTAssertEqual(a.map(\.description), [#"foo="bar""#, #"dings!="bums""#])
        let b = try ClassicMatcherParser.parseMatchers("foo=bar,dings!=bums")
        XCTAssertEqual(b.count, 2)
        let c = try ClassicMatcherParser.parseMatchers(#"statuscode=~"5..""#)
        XCTAssertEqual(c.first?.type, .regexp)
        let d = try ClassicMatcherParser.parseMatchers(#"{a="x,y", b="z"}"#)
        XCTAssertEqual(d.map(\.value), ["x,y", "z"])
        XCTAssertThrowsError(try ClassicMatcherParser.parseMatchers("a=b,,c=d"))
    }

    func test_matches_missingLabel_countsAsEmpty() throws {
        let labels = LabelSet(["a": "1"])
        XCTAssertTrue(try m("b=").matches(labels: labels))
        XCTAssertTrue(try m("b!=x").matches(labels: labels))
        XCTAssertFalse(try m("a!=1").matches(labels: labels))
    }

    func test_description_escapes() throws {
        let x = try Matcher(.equal, "a", "q\"\n\\")
        XCTAssertEqual(x.description, #"a="q\"\n\\""#)
    }

    func test_ordering_nameValueType() throws {
        let ms = [try Matcher(.notEqual, "b", "1"), try Matcher(.equal, "a", "2"), try Matcher(.equal, "b", "1")]
        XCTAssertEqual(ms.sorted().map(\.description), [#"a="2""#, #"b="1""#, #"b!="1""#])
        XCTAssertEqual(ms.sorted().matchersString, #"{a="2",b="1",b!="1"}"#)
    }

    func test_utf8_quotedNamesAndValues_parse() throws {
        let ms = try UTF8MatcherParser.parseMatchers(#"{"service name"="api ✓", env=~"prod|stage"}"#)
        XCTAssertEqual(ms.map(\.name), ["service name", "env"])
        XCTAssertEqual(ms.first?.value, "api ✓")
        XCTAssertEqual(try UTF8MatcherParser.parseMatchers("{}").count, 0)
        XCTAssertEqual(try UTF8MatcherParser.parseMatchers("").count, 0)
        XCTAssertEqual(try UTF8MatcherParser.parseMatchers("a=b,").count, 1)
    }

    func test_utf8_spacesAndUnbalanced_rejected() {
        XCTAssertEqual(try UTF8MatcherParser.parseMatchers("foo=~bar.*|baz").first?.value, "bar.*|baz")
        XCTAssertThrowsError(try UTF8MatcherParser.parseMatchers("foo=bar baz"))
        XCTAssertThrowsError(try UTF8MatcherParser.parseMatchers(#"foo="bar"#))
        XCTAssertThrowsError(try UTF8MatcherParser.parseMatchers("{a=b"))
        XCTAssertThrowsError(try UTF8MatcherParser.parseMatcher("{a=b}"))
    }

    func test_fallback_classicOnlyInput_warnsAndParses() throws {
        final class Box: @unchecked Sendable { var msgs: [String] = [] }  // test-only, single-threaded
        let box = Box()
        let p = MatcherParser(mode: .fallback, warn: { box.msgs.append($0) })
        let ms = try p.parseMatchers("foo=bar baz")
        XCTAssertEqual(ms.first?.value, "bar baz")
        XCTAssertEqual(box.msgs.count, 1)
        XCTAssertTrue(box.msgs[0].contains(#"suggestion="{foo=\"bar baz\"}""#), box.msgs[0])
        XCTAssertThrowsError(try MatcherParser(mode: .utf8Strict).parseMatchers("foo=bar baz"))
        XCTAssertEqual(try MatcherParser(mode: .classic).parseMatchers("foo=bar baz").first?.value, "bar baz")
    }

    func test_fallback_compatibleInput_noWarning() throws {
        final class Box: @unchecked Sendable { var msgs: [String] = [] }  // test-only, single-threaded
        let box = Box()
        let p = MatcherParser(mode: .fallback, warn: { box.msgs.append($0) })
        _ = try p.parseMatchers(#"{a="b", c=~"d.*"}"#)
        XCTAssertEqual(box.msgs, [])
    }
}
