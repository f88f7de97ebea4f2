import Foundation

/// The Go-verified corpus in `Fixtures/regex_cases.json`. Case inputs were written by hand;
/// every expectation was produced by Go's own `regexp` (go1.19.8, the toolchain line that
/// built Alertmanager 0.25) via `scripts/oracles/regex_oracle.go -write`, which also checks it.
struct RegexFixture: Decodable {
    /// Go `FindStringSubmatchIndex`: UTF-8 byte offsets, -1 for a group that did not
    /// participate, nil for no match.
    struct Match: Decodable {
        let group: String
        let pattern: String
        let input: String
        let indices: [Int]?
    }

    /// Go `regexp.Compile`: the full error text, or nil when the pattern is accepted.
    struct Compile: Decodable {
        let pattern: String
        let error: String?
    }

    /// Go `ReplaceAllString(input, template)`.
    struct Replace: Decodable {
        let pattern: String
        let template: String
        let input: String
        let output: String
    }

    /// `^(?:pattern)$` (Alertmanager's matcher form) `MatchString(input)`.
    struct Anchored: Decodable {
        let pattern: String
        let input: String
        let matches: Bool
    }

    /// Go `SubexpNames()`.
    struct Names: Decodable {
        let pattern: String
        let names: [String]
    }

    let goVersion: String
    let match: [Match]
    let compile: [Compile]
    let replace: [Replace]
    let anchored: [Anchored]
    let subexpNames: [Names]

    /// Loaded once from the test bundle's `Fixtures` directory (resource of this target).
    private static let loaded = Result { () throws -> RegexFixture in
        guard let url = Bundle.module.url(forResource: "regex_cases", withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(RegexFixture.self, from: Data(contentsOf: url))
    }

    static func load() throws -> RegexFixture { try loaded.get() }
}
