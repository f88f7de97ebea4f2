import XCTest

@testable import GoRegex

/// Flattens `firstMatch` into Go's `[]int` form (-1 for a non-participating group).
func flatIndices(_ ranges: [Range<Int>?]?) -> [Int]? {
    ranges.map { $0.flatMap { r in r.map { [$0.lowerBound, $0.upperBound] } ?? [-1, -1] } }
}

final class ConformanceTests: XCTestCase {
    func test_corpus_hasAtLeast150Cases() {
        XCTAssertGreaterThanOrEqual(conformanceCases.count, 150)
    }

    func test_corpus_firstMatchEqualsGoSubmatchIndices() throws {
        for c in conformanceCases {
            let re = try RE2(c.pattern)
            XCTAssertEqual(flatIndices(re.firstMatch(in: c.input)), c.expected, "pattern \(c.pattern) on \(c.input.debugDescription)")
        }
    }

    func test_corpus_matchesAgreesWithFirstMatch() throws {
        for c in conformanceCases {
            let re = try RE2(c.pattern)
            XCTAssertEqual(re.matches(c.input), c.expected != nil, "pattern \(c.pattern) on \(c.input.debugDescription)")
            XCTAssertEqual(re.matchesWithoutFastPath(c.input), c.expected != nil, "VM: \(c.pattern)")
        }
    }

    func test_anchored_matchesWholeStringOnly() throws {
        let cases: [(String, String, Bool)] = [
            ("foo", "foo", true), ("foo", "foobar", false), ("foo", "xfoo", false), ("foo", "foo\n", false),
            ("foo|bar", "bar", true), ("foo|bar", "foobar", false), ("a|ab", "ab", true),
            (".*", "", true), (".*", "any", true), (".*", "a\nb", false), ("(?s).*", "a\nb", true),
            ("foo.*", "foobar", true), ("foo.*", "foo\nbar", false), ("foo.*", "fo", false),
            (".*bar", "foobar", true), (".*bar", "foo\nbar", false), (".*bar", "ar", false),
            ("", "", true), ("", "a", false), ("foo|", "", true), ("(?i)FOO", "foo", true),
            ("[a-z]+", "abc", true), ("[a-z]+", "ab1", false), ("prod-.*|staging", "prod-eu", true),
            ("prod-.*|staging", "stagingx", false), (#"\d+"#, "123", true), ("(?m)a$", "a", true),
        ]
        for (p, input, want) in cases {
            let re = try RE2.anchored(p)
            XCTAssertEqual(re.matches(input), want, "anchored \(p) on \(input.debugDescription)")
            XCTAssertEqual(re.matchesWithoutFastPath(input), want, "anchored VM \(p)")
        }
    }

    func test_subexpNames_listsGroupsInOrder() throws {
        let re = try RE2(#"(?P<first>a)(b)(?<last>c)(?:d)"#)
        XCTAssertEqual(re.subexpNames, ["", "first", "", "last"])
        XCTAssertEqual(re.numSubexp, 3)
        XCTAssertEqual(try RE2("abc").subexpNames, [""])
    }

    func test_firstMatchStrings_returnsGroupTexts() throws {
        let re = try RE2(#"(\w+)@(\w+)|(x)"#)
        XCTAssertEqual(re.firstMatchStrings(in: "mail bob@example now"), ["bob@example", "bob", "example", ""])
    }

    func test_longRepeat_matchesThousandCopies() throws {
        let re = try RE2("a{1000}")
        let input = String(repeating: "a", count: 1001)
        XCTAssertEqual(flatIndices(re.firstMatch(in: input)), [0, 1000])
        XCTAssertFalse(re.matches(String(repeating: "a", count: 999)))
    }

    func test_quoteMeta_escapesMetacharacters() throws {
        let quoted = RE2.quoteMeta("team.a+[b]$")
        XCTAssertEqual(quoted, #"team\.a\+\[b\]\$"#)
        XCTAssertTrue(try RE2.anchored(quoted).matches("team.a+[b]$"))
    }

    func test_sharedInstance_worksAcrossTasks() async throws {
        let re = try RE2.anchored("job-[0-9]+")
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<16 { group.addTask { re.matches("job-\(i)") } }
            var all: [Bool] = []
            for await r in group { all.append(r) }
            return all
        }
        XCTAssertEqual(results, Array(repeating: true, count: 16))
    }
}
