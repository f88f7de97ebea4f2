import XCTest
import Foundation
@testable import Templating

final class TemplateSetTests: XCTestCase {
    var dir: String = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "tocsin-tmpl-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        try #"{{ define "my.subject" }}custom {{ .Status }}{{ end }}"#.write(toFile: dir + "/a.tmpl", atomically: true, encoding: .utf8)
        try #"{{ define "__subject" }}overridden{{ end }}"#.write(toFile: dir + "/b.tmpl", atomically: true, encoding: .utf8)
        try "not a template {{ .X }}".write(toFile: dir + "/sub/c.txt", atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func test_fromGlobs_userDefinesOverrideDefaults() throws {
        let set = try TemplateSet.fromGlobs([dir + "/*.tmpl", dir + "/nothing/*.tmpl"])
        let data = Fixtures.twoAlerts()
        XCTAssertEqual(try set.executeText(#"{{ template "my.subject" . }}"#, data: data), "custom firing")
        XCTAssertEqual(try set.executeText(#"{{ template "email.default.subject" . }}"#, data: data), "overridden")
        XCTAssertTrue(set.names.contains("a.tmpl"))
    }

    func test_glob_matchesPerSegmentAndSorts() throws {
        XCTAssertEqual(try Glob.expand(dir + "/?.tmpl"), [dir + "/a.tmpl", dir + "/b.tmpl"])
        XCTAssertEqual(try Glob.expand(dir + "/[b-z].tmpl"), [dir + "/b.tmpl"])
        XCTAssertEqual(try Glob.expand(dir + "/[^a].tmpl"), [dir + "/b.tmpl"])
        XCTAssertEqual(try Glob.expand(dir + "/*/*.txt"), [dir + "/sub/c.txt"])
        XCTAssertEqual(try Glob.expand(dir + "/*.none"), [])
        XCTAssertEqual(try Glob.expand(dir + "/a.tmpl"), [dir + "/a.tmpl"])
        XCTAssertThrowsError(try Glob.expand(dir + "/[a.tmpl"))
        XCTAssertTrue(try Glob.match("a*b", "axxb"))
        XCTAssertFalse(try Glob.match("a*b", "a/b"))
        XCTAssertTrue(try Glob.match("\\*", "*"))
    }

    func test_fromGlobs_badTemplate_reportsFileNameAndLine() throws {
        try "ok\n{{ if }}".write(toFile: dir + "/bad.tmpl", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TemplateSet.fromGlobs([dir + "/bad.tmpl"])) { e in
            XCTAssertEqual((e as? TemplateError)?.message, "template: bad.tmpl:2: missing value for if")
        }
    }

    func test_executeText_emptyString_isEmptyWithoutParsing() throws {
        let set = try TemplateSet.fromGlobs([])
        XCTAssertEqual(try set.executeText("", data: Fixtures.twoAlerts()), "")
    }

    func test_executeText_definesDoNotLeakBetweenExecutions() throws {
        let set = try TemplateSet.fromGlobs([])
        let d = Fixtures.twoAlerts()
        XCTAssertEqual(try set.executeText(#"{{ define "x" }}X{{ end }}{{ template "x" }}"#, data: d), "X")
        XCTAssertThrowsError(try set.executeText(#"{{ template "x" }}"#, data: d))
    }

    func test_executeText_parseError_usesEmptyTemplateName() throws {
        let set = try TemplateSet.fromGlobs([])
        XCTAssertThrowsError(try set.executeText("{{ .Status ", data: Fixtures.twoAlerts())) { e in
            XCTAssertEqual((e as? TemplateError)?.kind, .parse)
            XCTAssertTrue((e as? TemplateError)?.message.hasPrefix("template: :1: ") ?? false)
        }
    }

    func test_dataJSON_matchesWebhookFieldOrder() {
        let json = Fixtures.twoAlerts().json
        XCTAssertTrue(json.hasPrefix(#"{"receiver":"team\\.ops","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"HighLatency","instance":"a:9090","job":"api","severity":"page"},"annotations":{"runbook":"http://rb/1","summary":"Latency high"},"startsAt":"2023-11-14T22:13:20Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom:9090/graph?g0.expr=up","fingerprint":"1111111111111111"}"#), json)
        XCTAssertTrue(json.hasSuffix(#""groupLabels":{"alertname":"HighLatency"},"commonLabels":{"alertname":"HighLatency","job":"api","severity":"page"},"commonAnnotations":{"summary":"Latency high"},"externalURL":"http://am:9093"}"#), json)
    }
}
