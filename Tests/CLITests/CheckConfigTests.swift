import CLI
import Foundation
import XCTest

/// `tocsinctl check-config` prints amtool 0.25's lines; recorded amtool output lives next to the
/// Config fixtures (`*.amtool.out`, captured once from the real amtool).
final class CheckConfigTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ConfigTests/Fixtures").path

    func run(_ names: [String]) -> CheckConfig.Report {
        CheckConfig.check(files: names.map { (Self.fixtures + "/" + $0, $0) })
    }

    func amtool(_ name: String) throws -> String {
        try String(contentsOfFile: Self.fixtures + "/" + name.replacingOccurrences(of: ".yml", with: ".amtool.out"),
                   encoding: .utf8)
    }

    func test_checkConfig_failures_printExactlyAmtoolLines() throws {
        for name in ["bad-duration-fraction.yml", "unknown-field-route.yml", "slack-no-api-url.yml"] {
            let report = run([name])
            XCTAssertEqual(report.output, try amtool(name), name)
            XCTAssertEqual(report.failed, 1)
        }
    }

    func test_checkConfig_valid_keepsAmtoolLinesAndAddsNote() throws {
        let report = run(["valid-full.yml"])
        XCTAssertEqual(report.failed, 0)
        let ours = report.output.split(separator: "\n", omittingEmptySubsequences: false)
        let note = ours.filter { $0.hasPrefix("Note: Tocsin does not deliver to ") }
        XCTAssertEqual(note.count, 1)
        XCTAssertTrue(note[0].contains("slack_configs"))
        XCTAssertEqual(ours.filter { !$0.hasPrefix("Note: ") }.joined(separator: "\n"), try amtool("valid-full.yml"))
    }

    func test_checkConfig_severalFiles_countsFailures() {
        let report = run(["valid-minimal.yml", "missing-route.yml", "empty-file.yml"])
        XCTAssertEqual(report.failed, 2)
        XCTAssertTrue(report.output.contains("Checking 'missing-route.yml'  FAILED: no routes provided\n\n"))
        XCTAssertFalse(report.output.contains("Note:"), "webhook-only config needs no note")
    }
}
