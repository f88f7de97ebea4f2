import AlertCore
import TestKit
import GoCompat
import XCTest

/// parse ∘ format = id for both matcher grammars (issue #19: round-trip properties where a
/// grammar allows), on generated matchers: names and values with quotes, backslashes,
/// newlines, separators, spaces and non-ASCII text; regex values are `QuoteMeta`d text.
final class MatcherRoundTripTests: XCTestCase {
    /// A small deterministic generator (SplitMix64), so a failure names a reproducible case.
    private struct Gen {
        var rng: SplitMix
        init(state: UInt64) { rng = SplitMix(seed: state) }
        mutating func next() -> UInt64 { rng.next() }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }

        mutating func text(_ alphabet: [String], maxLength: Int) -> String {
            (0..<below(maxLength + 1)).map { _ in pick(alphabet) }.joined()
        }
    }

    private static let valueAlphabet = ["a", "Z", "0", " ", "\"", "\\", "\n", "\t", ",", "{", "}", "=", "~", "!", "é", "日", "🔥",
                                        "'", "`", "$", ".", "*", "\r"]
    private static let legacyName = ["a", "b", "Z", "_", "0", "9"]
    private static let anyName = legacyName + [" ", "-", ".", "é", "\"", "\\", "🔥", "="]

    private func matcher(_ g: inout Gen, utf8Names: Bool) throws -> Matcher {
        let type = g.pick([MatchType.equal, .notEqual, .regexp, .notRegexp])
        var name = g.text(utf8Names ? Self.anyName : Self.legacyName, maxLength: 12)
        if !utf8Names || name.isEmpty { name = g.pick(["a", "_"]) + name }
        let raw = g.text(Self.valueAlphabet, maxLength: 16)
        let value = type == .regexp || type == .notRegexp ? GoQuote.quoteMeta(raw) : raw
        return try Matcher(type, name, value)
    }

    func test_classicParser_formattedMatcher_parsesBackToItself() throws {
        var g = Gen(state: 19)
        for i in 0..<2000 {
            let m = try matcher(&g, utf8Names: false)
            let back = try ClassicMatcherParser.parseMatcher(m.description)
            XCTAssertEqual([back.name, back.value], [m.name, m.value], "case \(i): \(m.description)")
            XCTAssertEqual(back.type, m.type, "case \(i): \(m.description)")
        }
    }

    func test_utf8Parser_quotedMatcher_parsesBackToItself() throws {
        var g = Gen(state: 27)
        for i in 0..<2000 {
            let m = try matcher(&g, utf8Names: true)
            let name = LabelName.isValid(m.name) ? m.name : GoQuote.quote(m.name)
            let text = name + m.type.description + GoQuote.quote(m.value)
            let back = try UTF8MatcherParser.parseMatcher(text)
            XCTAssertEqual([back.name, back.value], [m.name, m.value], "case \(i): \(text)")
            XCTAssertEqual(back.type, m.type, "case \(i): \(text)")
        }
    }
}
