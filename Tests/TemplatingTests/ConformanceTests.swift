import XCTest
@testable import Templating

/// Go text/template conformance corpus: each case is a template, the expected
/// output Go produces (with Alertmanager's missingkey=zero) or the expected error.
final class ConformanceTests: XCTestCase {
    enum Expect { case out(String), err(String), errContains(String) }

    static let set = TemplateSet(now: { GoTime(unixSeconds: 1_700_000_090, nanoseconds: 123_000_000) })

    func run(_ cases: [(String, Expect)], file: StaticString = #filePath, line: UInt = #line) {
        for (tmpl, expect) in cases {
            var s = Self.set
            let result: Result<String, TemplateError>
            do {
                try s.parse(tmpl, name: "t")
                result = .success(try s.execute(name: "t", data: Fixtures.data))
            } catch { result = .failure(error) }
            switch (expect, result) {
            case (.out(let want), .success(let got)):
                XCTAssertEqual(got, want, "template: \(tmpl)", file: file, line: line)
            case (.err(let want), .failure(let e)):
                XCTAssertEqual(e.message, want, "template: \(tmpl)", file: file, line: line)
            case (.errContains(let want), .failure(let e)):
                XCTAssertTrue(e.message.contains(want), "template: \(tmpl): \(e.message)", file: file, line: line)
            case (.out(let want), .failure(let e)):
                XCTFail("template: \(tmpl): want \(want), got error \(e.message)", file: file, line: line)
            case (_, .success(let got)):
                XCTFail("template: \(tmpl): want error, got \(got)", file: file, line: line)
            }
        }
    }

    func test_fieldsAndLiterals_print_likeGo() {
        run([
            ("hello", .out("hello")),
            ("{{.Str}}", .out("hello")),
            ("{{.Int}}", .out("42")),
            ("{{.Float}}", .out("1.5")),
            ("{{.True}}", .out("true")),
            ("{{.List}}", .out("[a b c]")),
            ("{{.Map}}", .out("map[a:true x:1 y:two]")),
            ("{{.Missing}}", .out("<no value>")),
            ("{{.SMap.missing}}", .out("")),
            ("{{.Nil}}", .out("<no value>")),
            ("{{print .Nil}}", .out("<nil>")),
            ("{{.Nested.Inner.Deep}}", .out("deep")),
            ("{{.Missing.Deeper}}", .out("<no value>")),
            ("{{\"a\\tb\"}}", .out("a\tb")),
            ("{{`raw\\n`}}", .out("raw\\n")),
            ("{{'a'}}", .out("97")),
            ("{{'\\n'}}", .out("10")),
            ("{{0x1F}}", .out("31")),
            ("{{1e3}}", .out("1000")),
            ("{{1.0}}", .out("1")),
            ("{{-5}}", .out("-5")),
            ("{{0o17}} {{017}} {{0b101}} {{1_000}}", .out("15 15 5 1000")),
            ("{{\"\\u00e9\\x41\"}}", .out("éA")),
            ("{{.}}", .out("map[Empty: EmptyList:[] False:false Float:1.5 HTML:<b>&'\"</b> Int:42 Ints:[1 2 3] List:[a b c] Map:map[a:true x:1 y:two] Nested:map[Inner:map[Deep:deep]] Nil:<nil> SMap:map[b:w k:v] Str:hello Time:2023-11-14 22:13:20.123 +0000 UTC True:true Zero:0]")),
        ])
    }

    func test_trimMarkersAndComments_removeWhitespace() {
        run([
            ("{{ .Str -}}  \n !", .out("hello!")),
            ("a \n {{- .Str }}", .out("ahello")),
            ("{{/* c */}}x", .out("x")),
            ("a {{- /* c */ -}} b", .out("ab")),
            ("a {{/* multi\nline */}} b", .out("a  b")),
            ("{{- .Str -}}", .out("hello")),
            ("{{3 -}} < {{- 4}}", .out("3<4")),
            ("{{ -3 }}", .out("-3")),
        ])
    }

    func test_conditionals_useGoTruthiness() {
        run([
            ("{{if .True}}y{{else}}n{{end}}", .out("y")),
            ("{{if .Zero}}y{{else}}n{{end}}", .out("n")),
            ("{{if .Empty}}y{{else if .Int}}i{{else}}n{{end}}", .out("i")),
            ("{{if .False}}y{{else if .Zero}}z{{else}}n{{end}}", .out("n")),
            ("{{if .EmptyList}}y{{else}}n{{end}}", .out("n")),
            ("{{if .Map}}y{{end}}", .out("y")),
            ("{{if .Nil}}y{{else}}n{{end}}", .out("n")),
            ("{{if .Missing}}y{{else}}n{{end}}", .out("n")),
            ("{{if .Time}}y{{end}}", .out("y")),
            ("{{if 0.0}}y{{else}}n{{end}}", .out("n")),
            ("{{with .Str}}{{.}}!{{end}}", .out("hello!")),
            ("{{with .Empty}}x{{else}}none{{end}}", .out("none")),
            ("{{with .Empty}}x{{else with .Int}}{{.}}{{end}}", .out("42")),
            ("{{with $x := .Int}}{{$x}}{{end}}", .out("42")),
        ])
    }

    func test_range_iteratesListsAndSortedMaps() {
        run([
            ("{{range .List}}[{{.}}]{{end}}", .out("[a][b][c]")),
            ("{{range $i, $e := .List}}{{$i}}={{$e}} {{end}}", .out("0=a 1=b 2=c ")),
            ("{{range $k, $v := .Map}}{{$k}}:{{$v}};{{end}}", .out("a:true;x:1;y:two;")),
            ("{{range .EmptyList}}x{{else}}empty{{end}}", .out("empty")),
            ("{{range .Nil}}x{{else}}none{{end}}", .out("none")),
            ("{{range .Ints}}{{if eq . 2}}{{continue}}{{end}}{{.}}{{end}}", .out("13")),
            ("{{range .Ints}}{{if eq . 2}}{{break}}{{end}}{{.}}{{end}}", .out("1")),
            ("{{range $e := .Ints}}{{$e}}{{end}}", .out("123")),
            ("{{range .SMap}}{{.}}{{end}}", .out("wv")),
            ("{{range .Ints}}{{$.Str}}{{end}}", .out("hellohellohello")),
            ("{{range .Int}}x{{end}}", .errContains("range can't iterate over 42")),
        ])
    }

    func test_variables_scopeAndAssignment() {
        run([
            ("{{$x := 1}}{{$x}}", .out("1")),
            ("{{$x := 1}}{{$x = 2}}{{$x}}", .out("2")),
            ("{{with .Nested}}{{$.Str}}{{end}}", .out("hello")),
            ("{{$x := .Nested}}{{$x.Inner.Deep}}", .out("deep")),
            ("{{$x := \"outer\"}}{{if true}}{{$x := \"inner\"}}{{$x}}{{end}}{{$x}}", .out("innerouter")),
            ("{{$x := \"a\"}}{{range .Ints}}{{$x = .}}{{end}}{{$x}}", .out("3")),
            ("{{$x := .Missing}}{{$x}}", .out("<no value>")),
            ("{{(.Nested).Inner.Deep}}", .out("deep")),
            ("{{(index .List 1)}}", .out("b")),
        ])
    }

    func test_pipelines_passFinalArgument() {
        run([
            ("{{.Str | printf \"%s!\"}}", .out("hello!")),
            ("{{\"x\" | printf \"%s-%s\" \"y\"}}", .out("y-x")),
            ("{{.Str | toUpper | printf \"%s.\"}}", .out("HELLO.")),
            ("{{\"a\" | eq \"a\"}}", .out("true")),
            ("{{.List | len}}", .out("3")),
            ("{{.Nil | print}}", .out("<nil>")),
            ("{{print}}", .out("")),
        ])
    }

    func test_print_followsSprintSpacing() {
        run([
            ("{{print 1 2}}", .out("1 2")),
            ("{{print \"a\" 1 2 \"b\"}}", .out("a1 2b")),
            ("{{print 1 \"a\"}}", .out("1a")),
            ("{{print true false}}", .out("true false")),
            ("{{println \"a\" 1}}", .out("a 1\n")),
            ("{{print .List .Ints}}", .out("[a b c] [1 2 3]")),
            ("{{print 1.5 2.0}}", .out("1.5 2")),
        ])
    }

    func test_printf_verbsFlagsAndErrors() {
        run([
            ("{{printf \"%d\" 42}}", .out("42")),
            ("{{printf \"%5d|%-5d|%05d\" 42 42 42}}", .out("   42|42   |00042")),
            ("{{printf \"%+d % d\" 5 5}}", .out("+5  5")),
            ("{{printf \"%x %X %#x %o\" 255 255 255 8}}", .out("ff FF 0xff 10")),
            ("{{printf \"%x\" \"hi\"}}", .out("6869")),
            ("{{printf \"%q\" \"a\\\"b\"}}", .out("\"a\\\"b\"")),
            ("{{printf \"%v\" .List}}", .out("[a b c]")),
            ("{{printf \"%s\" .List}}", .out("[a b c]")),
            ("{{printf \"%.2f\" 3.14159}}", .out("3.14")),
            ("{{printf \"%e\" 1234.5678}}", .out("1.234568e+03")),
            ("{{printf \"%g\" 0.000012}}", .out("1.2e-05")),
            ("{{printf \"%t\" true}}", .out("true")),
            ("{{printf \"%c\" 65}}", .out("A")),
            ("{{printf \"%8.3f|\" 3.14159}}", .out("   3.142|")),
            ("{{printf \"%-8s|\" \"ab\"}}", .out("ab      |")),
            ("{{printf \"%6s|\" \"ab\"}}", .out("    ab|")),
            ("{{printf \"%d\" \"x\"}}", .out("%!d(string=x)")),
            ("{{printf \"%s\" 5}}", .out("%!s(int=5)")),
            ("{{printf \"%d %d\" 1}}", .out("1 %!d(MISSING)")),
            ("{{printf \"%d\" 1 2}}", .out("1%!(EXTRA int=2)")),
            ("{{printf \"100%%\"}}", .out("100%")),
            ("{{printf \"%v\" 1e6}}", .out("1e+06")),
            ("{{printf \"%v\" 100000.0}}", .out("100000")),
            ("{{printf \"%v\" 0.0001}}", .out("0.0001")),
            ("{{printf \"%v\" 0.00001}}", .out("1e-05")),
            ("{{printf \"%v\" 1234567.0}}", .out("1.234567e+06")),
            ("{{printf \"%.3s\" \"abcdef\"}}", .out("abc")),
            ("{{printf \"%q\" 97}}", .out("'a'")),
            ("{{printf \"%v\" .Nil}}", .out("<nil>")),
            ("{{printf \"%v|%s\" .Time .Time}}", .out("2023-11-14 22:13:20.123 +0000 UTC|2023-11-14 22:13:20.123 +0000 UTC")),
            ("{{printf \"%05.1f\" 2.25}}", .out("002.2")),
            ("{{printf \"%d%%\" 50}}", .out("50%")),
        ])
    }

    func test_comparisons_followBasicKindRules() {
        run([
            ("{{eq 1 1}}", .out("true")),
            ("{{eq \"a\" \"b\" \"a\"}}", .out("true")),
            ("{{eq .Str \"hello\"}}", .out("true")),
            ("{{ne 1 2}}", .out("true")),
            ("{{lt 1 2}} {{le 2 2}} {{gt \"b\" \"a\"}} {{ge 1.5 2.5}}", .out("true true true false")),
            ("{{eq .True true}}", .out("true")),
            ("{{eq .SMap.missing \"\"}}", .out("true")),
            ("{{eq 1 \"a\"}}", .err("template: t:1:2: executing \"t\" at <eq>: error calling eq: incompatible types for comparison")),
            ("{{lt true false}}", .err("template: t:1:2: executing \"t\" at <lt>: error calling lt: invalid type for comparison")),
            ("{{eq 1 1.0}}", .errContains("incompatible types for comparison")),
            ("{{lt 1 1.5}}", .errContains("incompatible types for comparison")),
            ("{{lt .List .List}}", .errContains("invalid type for comparison")),
            ("{{eq 1}}", .errContains("missing argument for comparison")),
            ("{{lt 1}}", .errContains("wrong number of args for lt: want 2 got 1")),
        ])
    }

    func test_logic_shortCircuitsReturningDecidingValue() {
        run([
            ("{{and 1 0 2}}", .out("0")),
            ("{{and 1 2}}", .out("2")),
            ("{{or 0 \"\" \"x\"}}", .out("x")),
            ("{{or 0 \"\"}}", .out("")),
            ("{{not 0}} {{not .Str}}", .out("true false")),
            ("{{and .False (index .EmptyList 5)}}", .out("false")),
            ("{{or .Str (index .EmptyList 5)}}", .out("hello")),
            ("{{if and .True .Int}}y{{end}}", .out("y")),
        ])
    }

    func test_lenIndexSlice_workOnCollections() {
        run([
            ("{{len .List}} {{len .Str}} {{len .Map}} {{len \"héllo\"}}", .out("3 5 3 6")),
            ("{{len 3}}", .err("template: t:1:2: executing \"t\" at <len>: error calling len: len of type int")),
            ("{{index .List 1}}", .out("b")),
            ("{{index .Map \"y\"}}", .out("two")),
            ("{{index .Map \"zz\"}}", .out("<no value>")),
            ("{{index .SMap \"zz\"}}", .out("")),
            ("{{index .List 5}}", .err("template: t:1:2: executing \"t\" at <index>: error calling index: index out of range: 5")),
            ("{{index .Nested \"Inner\" \"Deep\"}}", .out("deep")),
            ("{{index .List}}", .out("[a b c]")),
            ("{{slice .Str 1 3}}", .out("el")),
            ("{{slice .List 1}}", .out("[b c]")),
            ("{{slice .List 1 2}}", .out("[b]")),
            ("{{slice .List 2 1}}", .errContains("invalid slice index: 2 > 1")),
        ])
    }

    func test_escapers_matchGo() {
        run([
            ("{{html .HTML}}", .out("&lt;b&gt;&amp;&#39;&#34;&lt;/b&gt;")),
            ("{{js \"a'b\\\"<c>=\"}}", .out("a\\'b\\\"\\u003Cc\\u003E\\u003D")),
            ("{{urlquery \"a b&c=d/é\"}}", .out("a+b%26c%3Dd%2F%C3%A9")),
            ("{{html 1 2}}", .out("1 2")),
        ])
    }

    func test_namedTemplates_defineTemplateBlock() {
        run([
            ("{{template \"x\" .Str}}{{define \"x\"}}<{{.}}>{{end}}", .out("<hello>")),
            ("{{define \"x\"}}[{{.}}]{{end}}{{template \"x\"}}", .out("[<no value>]")),
            ("{{block \"b\" .Int}}[{{.}}]{{end}}", .out("[42]")),
            ("{{define \"r\"}}{{if .}}{{len .}}{{template \"r\" (slice . 1)}}{{end}}{{end}}{{template \"r\" .List}}", .out("321")),
            ("{{define \"v\"}}{{$}}{{end}}{{template \"v\" 7}}", .out("7")),
            ("{{template \"nope\"}}", .errContains("template \"nope\" not defined")),
        ])
    }

    func test_executionErrors_carryNameLineAndContext() {
        run([
            ("a\n\n{{.Str.X}}", .err("template: t:3:2: executing \"t\" at <.Str.X>: can't evaluate field X in type string")),
            ("{{.Int 1}}", .errContains("Int is not a method but has arguments")),
            ("{{.Int.Foo}}", .errContains("can't evaluate field Foo in type int")),
            ("{{toUpper 1}}", .errContains("wrong type for value; expected string; got int")),
            ("{{join \",\" .Str}}", .errContains("wrong type for value; expected []string; got string")),
            ("{{(1) 2}}", .errContains("can't give argument to non-function 1")),
        ])
    }

    func test_parseErrors_reportNameAndLine() {
        run([
            ("{{nofunc}}", .err("template: t:1: function \"nofunc\" not defined")),
            ("line1\n{{nofunc}}", .err("template: t:2: function \"nofunc\" not defined")),
            ("{{if}}", .err("template: t:1: missing value for if")),
            ("{{.Str", .errContains("template: t:1: unclosed action")),
            ("{{end}}", .err("template: t:1: unexpected {{end}}")),
            ("{{if .True}}x", .err("template: t:1: unexpected EOF")),
            ("{{$x}}", .err("template: t:1: undefined variable \"$x\"")),
            ("{{break}}", .errContains("template: t:1: {{break}} outside {{range}}")),
            ("{{nil}}", .err("template: t:1: nil is not a command")),
            ("{{.Str | 1}}", .errContains("template: t:1: non executable command in pipeline stage 2")),
            ("a\nb\n{{\"x\" \"y\"}", .errContains("template: t:3:")),
            ("{{/* unclosed", .errContains("template: t:1: unclosed comment")),
        ])
    }

    func test_alertmanagerFunctions_behaveLike025() {
        run([
            ("{{toUpper \"abc\"}}|{{toLower \"ABC\"}}", .out("ABC|abc")),
            ("{{title \"hello wORLD foo-bar\"}}", .out("Hello World Foo-Bar")),
            ("{{join \",\" (stringSlice \"a\" \"b\")}}", .out("a,b")),
            ("{{stringSlice \"a\" \"b\"}}", .out("[a b]")),
            ("{{match \"^a.c$\" \"abc\"}} {{match \"b\" \"abc\"}} {{match \"^b\" \"abc\"}}", .out("true true false")),
            ("{{reReplaceAll \"a(b)\" \"[$1]\" \"xaby\"}}", .out("x[b]y")),
            ("{{safeHtml \"<b>\"}}", .out("<b>")),
            ("{{trimSpace \"  x \\n\"}}", .out("x")),
            ("{{date \"2006-01-02 15:04:05 MST\" .Time}}", .out("2023-11-14 22:13:20 UTC")),
            ("{{date \"Mon Jan _2 3:04PM\" .Time}}", .out("Tue Nov 14 10:13PM")),
            ("{{.Time.Format \"2006-01-02T15:04:05.000Z07:00\"}}", .out("2023-11-14T22:13:20.123Z")),
            ("{{.Time}}", .out("2023-11-14 22:13:20.123 +0000 UTC")),
            ("{{.Time.Unix}}", .out("1700000000")),
            ("{{(tz \"Europe/Berlin\" .Time).Format \"15:04 -0700\"}}", .out("23:13 +0100")),
            ("{{humanizeDuration 3661}}|{{humanizeDuration 0.1}}|{{humanizeDuration 1.2345}}|{{humanizeDuration 0}}|{{humanizeDuration 90000}}",
             .out("1h 1m 1s|100ms|1.234s|0s|1d 1h 0m 0s")),
            ("{{since .Time}}", .out("1m30s")),
            ("{{humanizeDuration (since .Time)}}", .out("1m 30s")),
            ("{{toJson .Map}}", .out("{\"a\":true,\"x\":1,\"y\":\"two\"}")),
            ("{{toJson \"<&>\"}}", .out("\"\\u003c\\u0026\\u003e\"")),
            ("{{toJson .List}}", .out("[\"a\",\"b\",\"c\"]")),
            ("{{reReplaceAll \"(\" \"x\" \"y\"}}", .errContains("error calling reReplaceAll")),
        ])
    }

    func test_goTime_layouts() {
        let t = GoTime(unixSeconds: 1_700_000_000, nanoseconds: 120_000_000, offsetSeconds: 7200, zoneName: "")
        XCTAssertEqual(t.description, "2023-11-15 00:13:20.12 +0200 +0200")
        XCTAssertEqual(t.format("Monday, 02-Jan-06 15:04:05.000 -07:00"), "Wednesday, 15-Nov-23 00:13:20.120 +02:00")
        XCTAssertEqual(GoTime.zero.description, "0001-01-01 00:00:00 +0000 UTC")
        XCTAssertEqual(t.rfc3339Nano, "2023-11-15T00:13:20.12+02:00")
        XCTAssertEqual(GoDuration.string(3_723_500_000_000), "1h2m3.5s")
        XCTAssertEqual(GoDuration.string(1_500_000), "1.5ms")
    }
}
