import GoCompat
import XCTest

@testable import GoRegex

/// Flattens `firstMatch` into Go's `[]int` form (-1 for a non-participating group).
func flatIndices(_ ranges: [Range<Int>?]?) -> [Int]? {
    ranges.map { $0.flatMap { r in r.map { [$0.lowerBound, $0.upperBound] } ?? [-1, -1] } }
}

final class ConformanceTests: XCTestCase {

    func test_corpus_hasAtLeast150GoVerifiedMatchCases() throws {
        let fixture = try RegexFixture.load()
        XCTAssertGreaterThanOrEqual(fixture.match.count, 150)
        XCTAssertTrue(fixture.goVersion.hasPrefix("go1.19"), fixture.goVersion)
    }

    func test_corpus_firstMatchEqualsGoSubmatchIndices() throws {
        let fixture = try RegexFixture.load()
        for c in fixture.match {
            let re = try RE2(c.pattern)
            XCTAssertEqual(flatIndices(re.firstMatch(in: c.input)), c.indices, "[\(c.group)] pattern \(c.pattern) on \(c.input.debugDescription)")
        }
    }

    func test_corpus_matchesAgreesWithGoMatchString() throws {
        let fixture = try RegexFixture.load()
        for c in fixture.match {
            let re = try RE2(c.pattern)
            XCTAssertEqual(re.matches(c.input), c.indices != nil, "pattern \(c.pattern) on \(c.input.debugDescription)")
            XCTAssertEqual(re.matchesWithoutFastPath(c.input), c.indices != nil, "VM: \(c.pattern)")
        }
    }

    func test_anchored_matchesWholeStringOnly() throws {
        let fixture = try RegexFixture.load()
        XCTAssertGreaterThanOrEqual(fixture.anchored.count, 30)
        for c in fixture.anchored {
            let re = try RE2.anchored(c.pattern)
            XCTAssertEqual(re.matches(c.input), c.matches, "anchored \(c.pattern) on \(c.input.debugDescription)")
            XCTAssertEqual(re.matchesWithoutFastPath(c.input), c.matches, "anchored VM \(c.pattern)")
        }
    }

    func test_subexpNames_listsGroupsInOrder() throws {
        let fixture = try RegexFixture.load()
        for c in fixture.subexpNames {
            let re = try RE2(c.pattern)
            XCTAssertEqual(re.subexpNames, c.names, c.pattern)
            XCTAssertEqual(re.numSubexp, c.names.count - 1, c.pattern)
        }
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
        let quoted = GoQuote.quoteMeta("team.a+[b]$")
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
