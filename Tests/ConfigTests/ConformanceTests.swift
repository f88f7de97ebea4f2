import Config
import XCTest

/// Every fixture gives the same accept/reject as `amtool check-config` 0.25 did, and the same
/// message except where listed in `knownTextDifferences`.
final class ConformanceTests: XCTestCase {
    /// Fixtures whose rejection text differs from amtool's, and why.
    static let knownTextDifferences: [String: String] = [:]

    func test_conformanceTable_hasAtLeastFortyCases() throws {
        XCTAssertGreaterThanOrEqual(try Fixtures.expectations().count, 40)
    }

    func test_fixture_verdictAndMessage_matchAmtool() throws {
        for e in try Fixtures.expectations() {
            let path = e.file == "alertmanager.yml.example" ? Fixtures.examplePath() : Fixtures.path(e.file)
            do {
                _ = try AlertmanagerConfig.load(file: path)
                XCTAssertTrue(e.accept, "\(e.file): accepted, amtool rejected with: \(e.message)")
            } catch {
                XCTAssertFalse(e.accept, "\(e.file): rejected with \(error.message), amtool accepted")
                if !e.accept && Self.knownTextDifferences[e.file] == nil {
                    XCTAssertEqual(error.message, e.message, "\(e.file)")
                }
            }
        }
    }

    func test_example_loadsWithWebhookAndEmailOnly() throws {
        let loaded = try AlertmanagerConfig.load(file: Fixtures.examplePath())
        XCTAssertEqual(loaded.unsupportedIntegrations, [])
        XCTAssertEqual(Set(loaded.receiversReferencedByRoutes), ["oncall-webhook", "database-email", "frontend-webhook"])
        XCTAssertEqual(loaded.config.inhibitRules.first?.equal, ["alertname", "cluster"])
        XCTAssertEqual(loaded.config.receiver(named: "database-email")?.emailConfigs.first?.requireTLS, false)
    }

    func test_unknownField_errorNamesLine() {
        XCTAssertThrowsError(try AlertmanagerConfig.load(file: Fixtures.path("unknown-field-webhook.yml"))) { error in
            XCTAssertEqual((error as? ConfigError)?.line, 7)
        }
    }

    func test_validationError_exposesLineSeparately() {
        XCTAssertThrowsError(try AlertmanagerConfig.load(file: Fixtures.path("zero-repeat-interval.yml"))) { error in
            let e = error as? ConfigError
            XCTAssertEqual(e?.message, "repeat_interval cannot be zero")
            XCTAssertEqual(e?.line, 5)
        }
    }

    func test_missingFile_reportsGoOpenError() {
        XCTAssertThrowsError(try AlertmanagerConfig.load(file: "/nonexistent/am.yml")) { error in
            XCTAssertEqual((error as? ConfigError)?.message, "open /nonexistent/am.yml: no such file or directory")
        }
    }
}
