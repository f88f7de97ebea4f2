import Foundation
import XCTest

/// The real amtool 0.25 and `tocsinctl` against the same real Alertmanager 0.25 state must
/// print the same bytes (stderr compared with `amtool:` read as `tocsinctl:`) and exit alike.
/// Set `INTEROP_SERVER_BIN=/work/main/.build/debug/tocsin` to run the same tests against Tocsin.
final class AmtoolInteropTests: XCTestCase {
    static let config = """
    route:
      receiver: default
      group_by: [alertname]
      routes:
        - matchers: ['team="db"']
          receiver: db
          continue: true
          routes:
            - match: {env: staging}
              receiver: default
        - match_re: {severity: 'crit.*'}
          receiver: pager
          routes:
            - match: {env: prod}
              receiver: prodpager
    receivers: [{name: default}, {name: db}, {name: pager}, {name: prodpager}]
    """

    var am: AlertmanagerProcess?
    var tocsinctl = ""

    override func setUpWithError() throws {
        tocsinctl = try Binaries.tocsinctl()
        am = try AlertmanagerProcess(config: Self.config)
    }

    override func tearDown() { am?.stop() }

    func url() throws -> String { try XCTUnwrap(am).url }

    func amtool(_ args: [String], stdin: String? = nil) throws -> CLIRun {
        try Binaries.run(Binaries.amtool, ["--alertmanager.url=\(url())"] + args, stdin: stdin, home: XCTUnwrap(am).home)
    }

    func ours(_ args: [String], stdin: String? = nil) throws -> CLIRun {
        try Binaries.run(tocsinctl, ["--alertmanager.url=\(url())"] + args, stdin: stdin, home: XCTUnwrap(am).home)
    }

    /// Runs both tools with `args` and asserts identical output and status.
    @discardableResult
    func assertSame(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CLIRun {
        let a = try amtool(args)
        var t = try ours(args)
        t.stderr = t.stderr.replacingOccurrences(of: "tocsinctl: error:", with: "amtool: error:")
        XCTAssertEqual(t.stdout, a.stdout, "stdout of \(args)", file: file, line: line)
        XCTAssertEqual(t.stderr, a.stderr, "stderr of \(args)", file: file, line: line)
        XCTAssertEqual(t.status, a.status, "exit status of \(args)", file: file, line: line)
        return t
    }

    static func rfc3339(_ offset: TimeInterval) -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: Date().addingTimeInterval(offset))
    }

    func id(_ r: CLIRun, file: StaticString = #filePath, line: UInt = #line) -> String {
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        let s = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertNotNil(UUID(uuidString: s), "not a silence ID: \(r.stdout)", file: file, line: line)
        return s
    }

    func test_silenceLifecycle_outputsMatchAmtool() throws {
        let a = id(try amtool(["silence", "add", "foo", "-c", "first one", "--end=\(Self.rfc3339(3600))"]))
        let b = id(try ours(["silence", "add", "team=~\"d.*\"", "severity!=info", "-c", "tab\tand \"quote\"",
                             "-a", "alice", "--end=\(Self.rfc3339(7200))"]))
        let c = id(try ours(["silence", "add", "job=x", "-c", "third", "-d", "3h"]))
        for args in [["silence"], ["silence", "query", "-o", "extended"], ["-o", "json", "silence"], ["silence", "-q"],
                     ["silence", "query", "foo"], ["silence", "query", "--within", "90m"], ["silence", "--created-by", "alice"]] {
            try assertSame(args)
        }
        // A comment-only update keeps the ID, whichever tool does it.
        let u1 = try assertSame(["silence", "update", a, "-c", "updated"])
        XCTAssertTrue(u1.stdout.contains(a))
        XCTAssertEqual(try ours(["silence", "update", "-q", a, "-d", "2h"]).stdout, a + "\n")
        // Moving the start of an active silence makes a new one and expires the old.
        let moved = id(try ours(["silence", "update", "-q", c, "--start=\(Self.rfc3339(600))"]))
        XCTAssertNotEqual(moved, c)
        XCTAssertTrue(try ours(["silence", "query", "--expired", "-q"]).stdout.contains(c))
        let exported = try ours(["silence", "query", "-o", "json"]).stdout
        XCTAssertEqual(try ours(["silence", "expire", b, moved]).status, 0)
        for args in [["silence", "query", "--expired"], ["silence", "--expired", "-o", "extended"], ["silence", "-o", "json"]] {
            try assertSame(args)
        }
        // Import what was exported: expired IDs come back as new silences.
        let file = try XCTUnwrap(am).dir + "/export.json"
        try exported.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try ours(["silence", "import", file])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertEqual(imported.stdout.split(separator: "\n").count, 3)
        try assertSame(["silence"])
        try assertSame(["silence", "query", "-o", "json"])
        let forced = try ours(["silence", "import", "-f"], stdin: exported)
        XCTAssertEqual(forced.stdout.split(separator: "\n").count, 3, forced.stderr)
        // Not JSON: same prefix and status as amtool (the decoder's detail text differs).
        let bad = try ours(["silence", "import"], stdin: "nope")
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.hasPrefix("tocsinctl: error: couldn't unmarshal input data, is it JSON?: "), bad.stderr)
    }

    func test_alerts_outputsMatchAmtool() throws {
        XCTAssertEqual(try amtool(["alert", "add", "foo", "node=a", "--annotation=summary=hello world",
                                   "--start=\(Self.rfc3339(-3600))"]).status, 0)
        XCTAssertEqual(try ours(["alert", "add", "alertname=bar", "team=db", "severity=critical",
                                 "--generator-url=http://x/y", "--start=\(Self.rfc3339(-1800))"]).status, 0)
        XCTAssertEqual(try ours(["alert", "add", "baz", "severity=warning", "--annotation=summary=<b>&",
                                 "--start=\(Self.rfc3339(-600))"]).status, 0)
        for args in [["alert"], ["alert", "query", "-o", "extended"], ["-o", "json", "alert"], ["alert", "query", "foo"],
                     ["alert", "-s", "-i", "-a"], ["alert", "query", "-r", "db"], ["alert", "query", "severity=~crit.*"],
                     ["--date.format=Mon Jan _2 15:04:05.000 -0700 2006", "alert"], ["alert", "query", "-r", "("]] {
            try assertSame(args)
        }
    }

    func test_clusterAndConfig_outputsMatchAmtool() throws {
        for args in [["cluster"], ["cluster", "show", "-o", "extended"], ["cluster", "-o", "json"],
                     ["config"], ["config", "show", "-o", "json"], ["config", "routes"],
                     ["config", "routes", "test", "team=db", "severity=critical", "env=prod"],
                     ["config", "routes", "test", "--tree", "team=db", "severity=critical", "env=prod"],
                     ["config", "routes", "test", "--verify.receivers=db", "severity=critical"],
                     ["config", "routes", "test", "--verify.receivers=pager", "severity=critical"],
                     ["config", "routes", "test", "foo!=bar"],
                     ["config", "routes", "--config.file=\(try XCTUnwrap(am).dir)/am.yml"]] {
            try assertSame(args)
        }
    }

    func test_localValidationAndServerErrors_matchAmtool() throws {
        for args in [["silence", "add", "foo"], ["silence", "add", "-c", "x"], ["silence", "expire"],
                     ["silence", "add", "foo", "-c", "x", "-d", "0"], ["silence", "add", "foo", "-c", "x", "-d", "1x"],
                     ["silence", "add", "foo", "-c", "x", "--end=2020-01-01T00:00:00Z"],
                     ["silence", "add", "foo", "-c", "x", "--start=2020-01-01T00:00:00Z", "--end=2020-01-02T00:00:00Z"],
                     ["silence", "expire", "00000000-0000-0000-0000-000000000000"], ["silence", "expire", "nonsense"],
                     ["silence", "update", "00000000-0000-0000-0000-000000000000"],
                     ["alert", "add", "foo", "--start=yesterday"], ["alert", "add", "foo", "--start=2020-02-30T00:00:00Z"]] {
            try assertSame(args)
        }
    }

    func test_serverDown_errorsAndExitStatusMatchAmtool() throws {
        let closed = "--alertmanager.url=http://127.0.0.1:\(try AlertmanagerProcess.freePort())"
        for args in [["silence", "query"], ["alert", "add", "foo"], ["cluster", "show"], ["config", "routes"]] {
            let home = try XCTUnwrap(am).home
            let a = try Binaries.run(Binaries.amtool, [closed] + args, home: home)
            let t = try Binaries.run(tocsinctl, [closed] + args, home: home)
            XCTAssertEqual(t.stderr.replacingOccurrences(of: "tocsinctl:", with: "amtool:"), a.stderr, "\(args)")
            XCTAssertEqual(t.status, a.status)
            XCTAssertEqual(t.status, 1)
        }
    }

    /// More than 12 rows with equal start times: Go's pdqsort no longer falls back to insertion
    /// sort, so the tie order is the unstable one amtool prints (see `GoSort`).
    func test_manyAlertsWithEqualStart_rowOrderMatchesAmtool() throws {
        let same = Self.rfc3339(-3600), other = Self.rfc3339(-1800)
        for i in 0..<24 {
            let start = i % 5 == 0 ? other : same
            let r = try ours(["alert", "add", "tie\(i)", "idx=\(i)", "--annotation=summary=row \(i)", "--start=\(start)"])
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        for args in [["alert"], ["alert", "query", "-o", "extended"]] {
            let r = try assertSame(args)
            XCTAssertEqual(r.stdout.split(separator: "\n").count, 25)
        }
    }
}
