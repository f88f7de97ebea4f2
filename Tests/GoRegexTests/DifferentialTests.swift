import Foundation
import XCTest

@testable import GoRegex

/// Randomized cross-check against NSRegularExpression (ICU), used only as a test oracle, on
/// constructs where ICU's backtracking and Go's leftmost-first semantics agree: literals,
/// classes, alternation, greedy/lazy quantifiers and groups over a small alphabet (no `$`,
/// no `.` and no empty-body loops, where the two dialects differ).
final class DifferentialTests: XCTestCase {
    struct Rng {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    func randomPattern(_ rng: inout Rng, depth: Int) -> String {
        let atoms = ["a", "b", "c", "[ab]", "[^a]", "(a)", "(b|c)", "(?:ab)"]
        if depth == 0 { return atoms[rng.next(atoms.count)] }
        switch rng.next(6) {
        case 0: return randomPattern(&rng, depth: depth - 1) + randomPattern(&rng, depth: depth - 1)
        case 1: return "(" + randomPattern(&rng, depth: depth - 1) + "|" + randomPattern(&rng, depth: depth - 1) + ")"
        case 2:
            let ops = ["*", "+", "?", "*?", "+?", "??", "{1,2}", "{2}", "{0,2}?"]
            return "(?:" + nonNullable(&rng, depth: depth - 1) + ")" + ops[rng.next(ops.count)]
        case 3: return "(" + randomPattern(&rng, depth: depth - 1) + ")"
        default: return randomPattern(&rng, depth: depth - 1) + atoms[rng.next(atoms.count)]
        }
    }

    /// A sub-pattern that always consumes input, so loops never iterate on empty.
    func nonNullable(_ rng: inout Rng, depth: Int) -> String {
        let atoms = ["a", "b", "[ab]", "(a)", "(b|c)", "(?:ab)", "(a|ab)", "(ab|a)"]
        if depth <= 0 || rng.next(2) == 0 { return atoms[rng.next(atoms.count)] }
        return nonNullable(&rng, depth: depth - 1) + atoms[rng.next(atoms.count)]
    }

    func icuIndices(_ re: NSRegularExpression, _ s: String) -> [Int]? {
        let ns = s as NSString
        guard let m = re.firstMatch(in: s, range: NSRange(location: 0, length: ns.length)) else { return nil }
        var out: [Int] = []
        for g in 0..<m.numberOfRanges {
            let r = m.range(at: g)
            out += r.location == NSNotFound ? [-1, -1] : [r.location, r.location + r.length]
        }
        return out
    }

    func test_randomPatterns_agreeWithICUOracle() throws {
        var rng = Rng(state: 42)
        var checked = 0
        for _ in 0..<400 {
            let pattern = randomPattern(&rng, depth: 3)
            let ours = try RE2(pattern)
            let icu = try NSRegularExpression(pattern: pattern)
            for _ in 0..<8 {
                let letters: [Character] = ["a", "b", "c"]
                let input = String((0..<rng.next(7)).map { _ in letters[rng.next(3)] })
                XCTAssertEqual(flatIndices(ours.firstMatch(in: input)), icuIndices(icu, input), "\(pattern) on \(input)")
                XCTAssertEqual(ours.matches(input), icuIndices(icu, input) != nil)
                checked += 1
            }
        }
        XCTAssertEqual(checked, 3200)
    }
}
