@testable import CLI
import Foundation
import XCTest

/// `tocsinctl template render` against amtool 0.25's output for the same flags. The expected
/// strings were printed by Debian's `/usr/bin/amtool template render` (0.25.0); the last test
/// runs amtool itself and compares.
final class TemplateRenderTests: XCTestCase {
    var dir: URL!
    var glob: String { dir.appendingPathComponent("*.tmpl").path }

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try #"{{ define "x" }}X{{ end }}"#.write(to: dir.appendingPathComponent("t.tmpl"), atomically: true, encoding: .utf8)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func render(_ text: String, html: Bool = false, data: String? = nil) -> Result<String, TemplateRender.Failure> {
        TemplateRender.render(globs: [glob], text: text, html: html, dataFile: data, now: Date())
    }

    static let sampleCases: [(String, String)] = [
        ("{{ .Receiver }} {{ .Status }} {{ .ExternalURL }}", "receiver alertstatus https://example.com"),
        ("{{ range .Alerts }}{{ .Labels.SortedPairs }} {{ .Annotations.SortedPairs.Values }} {{ .Fingerprint }} "
            + "{{ .GeneratorURL }}|{{ end }}",
         "[{commonlabelkey1 commonlabelvalue1} {commonlabelkey2 commonlabelvalue2} {instance foo.bar:1234} {label1 value1} "
            + "{label2 value2}] [value1 value2 commonannotationvalue1 commonannotationvalue2] fingerprint1 "
            + "https://generatorurl.com|[{baz qux} {commonlabelkey1 commonlabelvalue1} {commonlabelkey2 commonlabelvalue2} "
            + "{foo bar}] [bbb ddd commonannotationvalue1 commonannotationvalue2] fingerprint2 https://generatorurl.com|"),
        ("{{ .GroupLabels }} {{ .CommonLabels }} {{ .CommonAnnotations.Names }}",
         "map[grouplabelkey1:grouplabelvalue1 grouplabelkey2:grouplabelvalue2] "
            + "map[commonlabelkey1:commonlabelvalue1 commonlabelkey2:commonlabelvalue2] [commonannotationkey1 commonannotationkey2]"),
        (#"{{ template "x" . }}{{ len .Alerts }}"#, "X2"),
    ]

    func test_render_sampleData_matchesAmtool() {
        for (text, expected) in Self.sampleCases {
            XCTAssertEqual(render(text), .success(expected), text)
        }
    }

    func test_render_html_escapesLikeAmtool() {
        XCTAssertEqual(render(#"{{ .CommonLabels.SortedPairs }}<a href="{{ .ExternalURL }}?q={{ .Receiver }}">x</a>"#, html: true),
                       .success(#"[{commonlabelkey1 commonlabelvalue1} {commonlabelkey2 commonlabelvalue2}]<a href="https://example.com?q=receiver">x</a>"#))
    }

    func test_render_dataFile_keepsTimeZonesLikeGo() throws {
        let file = dir.appendingPathComponent("d.json")
        try #"{"receiver":"r","status":"firing","alerts":[{"status":"firing","labels":{"a":"b"},"annotations":{},"startsAt":"2024-01-02T03:04:05.123+02:00","endsAt":"0001-01-01T00:00:00Z","generatorURL":"g","fingerprint":"f"}],"groupLabels":{"a":"b"},"commonLabels":{},"commonAnnotations":{},"externalURL":"e"}"#
            .write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(render("{{ range .Alerts }}{{ .StartsAt }}|{{ .EndsAt }}|{{ .Status }}{{ end }} {{ .Receiver }}", data: file.path),
                       .success("2024-01-02 03:04:05.123 +0200 +0200|0001-01-01 00:00:00 +0000 UTC|firing r"))
    }

    func test_render_dataFileErrors_matchAmtoolMessages() throws {
        XCTAssertEqual(render("x", data: "nofile.json"), .failure(.init(message: "open nofile.json: no such file or directory")))
        let file = dir.appendingPathComponent("bad.json")
        try #"{"receiver":1}"#.write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(render("x", data: file.path), .failure(.init(
            message: "json: cannot unmarshal number into Go struct field Data.receiver of type string")))
    }

    func test_render_unknownField_fails() {
        guard case .failure = render("{{ .Foo }}") else { return XCTFail("expected an execution error") }
    }

    func test_command_typeFlag_acceptsOnlyTextOrHTML() {
        XCTAssertThrowsError(try TemplateRenderCommand.parse(["--template.glob", glob, "--template.text", "x",
                                                              "--template.type", "foo"]))
        XCTAssertThrowsError(try TemplateRenderCommand.parse(["--template.text", "x"]))
        XCTAssertNoThrow(try TemplateRenderCommand.parse(["--template.glob", glob, "--template.glob", glob,
                                                          "--template.text", "x", "--template.type", "html"]))
    }

    /// Runs the real amtool (installed by scripts/install-deps.sh with prometheus-alertmanager).
    func test_render_sameOutputAsRunningAmtool() throws {
        for (text, _) in Self.sampleCases {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/amtool")
            p.arguments = ["template", "render", "--template.glob=\(glob)", "--template.text=\(text)"]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0)
            XCTAssertEqual(render(text), .success(String(decoding: data, as: UTF8.self)), text)
        }
    }
}
