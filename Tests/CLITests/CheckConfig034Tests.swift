import CLI
import Foundation
import XCTest

/// `tocsinctl check-config` accepts a corpus of configs using the keys Alertmanager added in
/// 0.26–0.34, one file per key family (`ConfigTests/Fixtures/corpus034/`).
final class CheckConfig034Tests: XCTestCase {
    static let corpus = CheckConfigTests.fixtures + "/corpus034"

    func test_checkConfig_corpus034_everyFileSucceeds() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus).filter { $0.hasSuffix(".yml") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 40)
        for name in names {
            let report = CheckConfig.check(files: [(Self.corpus + "/" + name, name)])
            XCTAssertEqual(report.failed, 0, "\(name): \(report.output)")
            XCTAssertTrue(report.output.hasPrefix("Checking '\(name)'  SUCCESS\n"), report.output)
        }
    }

    func test_checkConfig_tracingWithoutEndpoint_failsWithUpstreamText() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cc34-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let cases = [
            ("tracing:\n  client_type: http\n", "tracing endpoint must be set"),
            ("tracing:\n  endpoint: x:4317\n  compression: zstd\n", "invalid compression type zstd provided, valid options: gzip"),
            ("tracing:\n  endpoint: x:4317\n  client_type: udp\n",
             "expected tracing client type to be to be http or grpc, but got udp"),
        ]
        for (i, (tail, message)) in cases.enumerated() {
            let path = dir + "/t\(i).yml"
            try ("route:\n  receiver: r\nreceivers:\n- name: r\n" + tail).write(toFile: path, atomically: true, encoding: .utf8)
            let report = CheckConfig.check(files: [(path, "t.yml")])
            XCTAssertEqual(report.failed, 1)
            XCTAssertTrue(report.output.contains("FAILED: \(message)\n"), report.output)
        }
    }
}
