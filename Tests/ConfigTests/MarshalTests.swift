import Config
import Foundation
import XCTest

/// `marshalledYAML` (what `GET /api/v2/status` shows): secrets hidden, defaults filled, and
/// loadable again by this loader and by the real amtool.
final class MarshalTests: XCTestCase {
    func loadFull() throws -> LoadedConfig { try AlertmanagerConfig.load(file: Fixtures.path("valid-full.yml")) }

    func test_marshalled_hidesSecrets() throws {
        let yaml = try loadFull().marshalledYAML
        XCTAssertFalse(yaml.contains("hunter2"), yaml)
        XCTAssertFalse(yaml.contains("hooks.slack.com"), yaml)
        XCTAssertFalse(yaml.contains("ogkey"), yaml)
        XCTAssertTrue(yaml.contains("smtp_auth_password: <secret>"), yaml)
    }

    func test_marshalled_fillsDefaultsInGoOrder() throws {
        let yaml = try AlertmanagerConfig.load(file: Fixtures.path("valid-minimal.yml")).marshalledYAML
        let expectedPrefix = """
        global:
          resolve_timeout: 5m
          http_config:
            follow_redirects: true
            enable_http2: true
          smtp_hello: localhost
          smtp_require_tls: true
          pagerduty_url: https://events.pagerduty.com/v2/enqueue
        """
        XCTAssertTrue(yaml.hasPrefix(expectedPrefix), yaml)
        XCTAssertTrue(yaml.contains("  webhook_configs:\n  - send_resolved: true\n    http_config:"), yaml)
        XCTAssertTrue(yaml.hasSuffix("templates: []\n"), yaml)
    }

    func test_marshalled_reloadsWithSameLoader() throws {
        for name in ["valid-full.yml", "valid-minimal.yml", "http-config-full.yml", "inhibit-old-and-new.yml"] {
            let first = try AlertmanagerConfig.load(file: Fixtures.path(name))
            let again = try AlertmanagerConfig.load(yaml: first.marshalledYAML, baseDirectory: Fixtures.directory)
            XCTAssertEqual(again.marshalledYAML, first.marshalledYAML, name)
        }
    }

    func test_marshalled_acceptedByRealAmtool() throws {
        let amtool = "/usr/bin/amtool"
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: amtool), "amtool not installed: run scripts/install-deps.sh")
        for name in ["valid-full.yml", "http-config-full.yml", "inhibit-old-and-new.yml", "secrets-files.yml"] {
            let yaml = try AlertmanagerConfig.load(file: Fixtures.path(name)).marshalledYAML
            let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-marshal-\(name)")
            try yaml.write(to: tmp, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: tmp) }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: amtool)
            p.arguments = ["check-config", tmp.path]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = Pipe()
            try p.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0, "\(name):\n\(text)\n\(yaml)")
        }
    }

    func test_secret_descriptionIsRedacted() {
        XCTAssertEqual(Secret("pw").description, "<secret>")
        XCTAssertEqual("\(Secret("pw"))", "<secret>")
        XCTAssertEqual(Secret("pw").value, "pw")
    }
}
