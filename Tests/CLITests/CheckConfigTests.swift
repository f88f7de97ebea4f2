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

    func test_checkConfig_validWithEvery025Integration_exactlyAmtoolLinesWithoutNote() throws {
        let report = run(["valid-full.yml"])
        XCTAssertEqual(report.failed, 0)
        XCTAssertEqual(report.output, try amtool("valid-full.yml"), "every 0.25 integration delivers: no note")
    }

    func test_checkConfig_severalFiles_countsFailures() {
        let report = run(["valid-minimal.yml", "missing-route.yml", "empty-file.yml"])
        XCTAssertEqual(report.failed, 2)
        XCTAssertTrue(report.output.contains("Checking 'missing-route.yml'  FAILED: no routes provided\n\n"))
        XCTAssertFalse(report.output.contains("Note:"), "webhook-only config needs no note")
    }

    /// A config whose `templates:` are a glob matching nothing plus `file` holding `body`,
    /// written to a fresh directory (paths resolve relative to the config file, like amtool).
    func templateConfig(_ file: String, _ body: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cc-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try body.write(toFile: dir + "/" + file, atomically: true, encoding: .utf8)
        let config = "route:\n  receiver: r\nreceivers:\n- name: r\ntemplates:\n- '*.never'\n- '\(file)'\n"
        try config.write(toFile: dir + "/c.yml", atomically: true, encoding: .utf8)
        return dir + "/c.yml"
    }

    /// amtool 0.25's output for `c.yml` (captured from the real amtool) with `last` as the
    /// template check line.
    static func amtoolTemplateOutput(_ last: String) -> String {
        "Checking 'c.yml'  SUCCESS\nFound:\n - global config\n - route\n - 0 inhibit rules\n - 1 receivers\n"
            + " - 2 templates\n\(last)\n\n"
    }

    func test_checkConfig_templateParseErrors_failLikeAmtool() throws {
        let cases = [
            ("broken.tmpl", "{{ define \"x\" }}hello {{ .Foo }\n{{ end }}\n",
             "  FAILED: template: broken.tmpl:1: unexpected \"}\" in operand"),
            ("broken2.tmpl", "{{ define \"z\" }}{{ if .X }}no end\n", "  FAILED: template: broken2.tmpl:2: unexpected EOF"),
            ("broken3.tmpl", "{{ define \"w\" }}{{ nosuchfunc .X }}{{ end }}\n",
             "  FAILED: template: broken3.tmpl:1: function \"nosuchfunc\" not defined"),
        ]
        for (file, body, line) in cases {
            let report = CheckConfig.check(files: [(try templateConfig(file, body), "c.yml")])
            XCTAssertEqual(report.output, Self.amtoolTemplateOutput(line), file)
            XCTAssertEqual(report.failed, 1, file)
        }
    }

    func test_checkConfig_validTemplates_succeed() throws {
        let path = try templateConfig("ok.tmpl", "{{ define \"y\" }}{{ .Status | toUpper }}{{ end }}\n")
        let report = CheckConfig.check(files: [(path, "c.yml")])
        XCTAssertEqual(report.output, Self.amtoolTemplateOutput("  SUCCESS"))
        XCTAssertEqual(report.failed, 0)
    }
}
