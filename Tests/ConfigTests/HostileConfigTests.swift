import Config
import Foundation
import XCTest

/// Config input Alertmanager refuses with a clear message: alias bombs (yaml.v2's
/// "document contains excessive aliasing", what `amtool check-config` prints for both
/// documents below) and a config path that is a directory.
final class HostileConfigTests: XCTestCase {
    /// Routes nested `depth` levels through aliases, 10 per level: 10^depth routes.
    func bomb(depth: Int) -> String {
        var lines = ["route:", "  receiver: r", "  routes:", "  - &a0 {receiver: r}"]
        for i in 1...depth {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ",")
            lines.append("  - &a\(i) {receiver: r, routes: [\(refs)]}")
        }
        lines += ["receivers:", "- name: r"]
        return lines.joined(separator: "\n") + "\n"
    }

    func test_load_smallAliasBomb_excessiveAliasing() {
        XCTAssertThrowsError(try AlertmanagerConfig.load(yaml: bomb(depth: 4), baseDirectory: ".")) { e in
            XCTAssertEqual((e as? ConfigError)?.message, "yaml: document contains excessive aliasing")
        }
    }

    /// The 658-byte document of the probe (10^8 routes once expanded).
    func test_load_billionLaughs_excessiveAliasing() {
        XCTAssertThrowsError(try AlertmanagerConfig.load(yaml: bomb(depth: 8), baseDirectory: ".")) { e in
            XCTAssertEqual((e as? ConfigError)?.message, "yaml: document contains excessive aliasing")
        }
    }

    /// Ordinary reuse through anchors stays fine.
    func test_load_fewAliases_accepted() throws {
        let text = """
        route:
          receiver: r
          routes:
          - &base {receiver: r, group_by: [a, b, c]}
          - *base
          - *base
        receivers:
        - name: r
        """
        XCTAssertEqual(try AlertmanagerConfig.load(yaml: text, baseDirectory: ".").config.route.routes.count, 3)
    }

    /// Alertmanager 0.25 logs `read dirconf: is a directory` (it used to read "permission denied").
    func test_loadFile_directory_goMessage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("conf-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        XCTAssertThrowsError(try AlertmanagerConfig.load(file: dir)) { e in
            XCTAssertEqual((e as? ConfigError)?.message, "read \(dir): is a directory")
        }
    }
}
