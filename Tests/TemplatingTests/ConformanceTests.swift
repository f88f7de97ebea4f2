import Foundation
import GoCompat
import XCTest
@testable import Templating

/// Go text/template conformance corpus, read from `Fixtures/template_cases.json`: each case
/// is a template executed as "t" against `Fixtures.data` with the output or error text that
/// Go (go1.19.8, Alertmanager 0.25's toolchain, `missingkey=zero`) produced via
/// `scripts/oracles/template_oracle.go -write`. `verified` says "go" when only Go builtins
/// are used and "go-emulated" when Alertmanager functions were re-implemented in the oracle.
final class ConformanceTests: XCTestCase {
    struct Case: Decodable {
        let group: String
        let template: String
        let out: String?
        let err: String?
        let errContains: String?
        let verified: String
    }

    struct Corpus: Decodable {
        let goVersion: String
        let cases: [Case]
    }

    private static let loaded = Result { () throws -> Corpus in
        guard let url = Bundle.module.url(forResource: "template_cases", withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(Corpus.self, from: Data(contentsOf: url))
    }

    static let set = TemplateSet(now: { GoTime(unixSeconds: 1_700_000_090, nanoseconds: 123_000_000) })

    func render(_ tmpl: String) -> Result<String, TemplateError> {
        var s = Self.set
        do {
            try s.parse(tmpl, name: "t")
            return .success(try s.execute(name: "t", data: Fixtures.data))
        } catch { return .failure(error) }
    }

    func test_corpus_hasAtLeast150GoVerifiedCases() throws {
        let corpus = try Self.loaded.get()
        XCTAssertTrue(corpus.goVersion.hasPrefix("go1.19"), corpus.goVersion)
        XCTAssertGreaterThanOrEqual(corpus.cases.filter { $0.verified == "go" }.count, 150)
    }

    func test_corpus_rendersLikeGoTextTemplate() throws {
        for c in try Self.loaded.get().cases {
            let label = "[\(c.group)] template: \(c.template)"
            switch (render(c.template), c.out, c.err, c.errContains) {
            case (.success(let got), .some(let want), _, _):
                XCTAssertEqual(got, want, label)
            case (.failure(let e), nil, .some(let want), _):
                XCTAssertEqual(e.message, want, label)
            case (.failure(let e), nil, nil, .some(let want)):
                XCTAssertTrue(e.message.contains(want), "\(label): \(e.message)")
            case (.success(let got), nil, _, _):
                XCTFail("\(label): want error \(c.err ?? c.errContains ?? ""), got \(got.debugDescription)")
            case (.failure(let e), _, _, _):
                XCTFail("\(label): want \(c.out ?? ""), got error \(e.message)")
            }
        }
    }
}
