@testable import CLI
import APIModel
import AlertCore
import Config
import GoCompat
import Notifiers
import XCTest

/// Argument handling, config-file defaults, silence selection and route testing.
final class CommandLogicTests: XCTestCase {
    func test_alertnameShortcut_nonMatcherFirstArgument_becomesAlertname() {
        XCTAssertEqual(ArgumentHelpers.alertnameShortcut(["foo", "a=b"], valid: ArgumentHelpers.isMatcher), ["alertname=foo", "a=b"])
        XCTAssertEqual(ArgumentHelpers.alertnameShortcut(["a!=b"], valid: ArgumentHelpers.isMatcher), ["a!=b"])
        // `alert add` wants labels: a non-equality first argument becomes the alertname value.
        XCTAssertEqual(ArgumentHelpers.alertnameShortcut(["a!=b"], valid: ArgumentHelpers.isLabels), ["alertname=a!=b"])
    }

    func test_parseLabels_nonEquality_failsWithAmtoolText() {
        XCTAssertThrowsError(try ArgumentHelpers.parseLabels(["a=~b"])) {
            XCTAssertEqual(($0 as? CLIError)?.message, "labels must be specified as key=value pairs")
        }
    }

    func test_configFile_legacyKeyAndFirstFileWins() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tocsinctl-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "author: me\ncomment_required: false\n".write(toFile: dir + "/a.yml", atomically: true, encoding: .utf8)
        try "author: other\noutput: json\n".write(toFile: dir + "/b.yml", atomically: true, encoding: .utf8)
        let f = try AmtoolConfigFile.load(files: [dir + "/a.yml", dir + "/missing.yml", dir + "/b.yml"])
        XCTAssertEqual(f.string("author"), "me")
        XCTAssertEqual(try f.bool("require-comment"), false)
        let s = try Settings(GlobalOptions.parse([]), file: f, environment: ["ALERTMANAGER_URL": "http://am:1/"])
        XCTAssertEqual(s.output, .json)
        XCTAssertEqual(s.url, "http://am:1/")
    }

    func test_settings_badOutput_isRejected() throws {
        let g = try GlobalOptions.parse(["-o", "yaml"])
        XCTAssertThrowsError(try Settings(g, file: AmtoolConfigFile(), environment: [:]))
    }

    func test_silenceQueryFilter_expiredAndWithin() {
        let now = GoTime(unixSeconds: 1_000_000)
        func s(_ endOffset: Double, by: String = "a") -> GettableSilence {
            GettableSilence(comment: "", createdBy: by, startsAt: now.adding(seconds: -7200), endsAt: now.adding(seconds: endOffset), matchers: [])
        }
        let active = SilenceQueryFilter(expired: false, within: 0, createdBy: "")
        XCTAssertTrue(active.keeps(s(60), now: now))
        XCTAssertFalse(active.keeps(s(-60), now: now))
        let soon = SilenceQueryFilter(expired: false, within: 3600, createdBy: "")
        XCTAssertTrue(soon.keeps(s(1800), now: now))
        XCTAssertFalse(soon.keeps(s(7200), now: now))
        let recentlyExpired = SilenceQueryFilter(expired: true, within: 3600, createdBy: "a")
        XCTAssertTrue(recentlyExpired.keeps(s(-1800), now: now))
        XCTAssertFalse(recentlyExpired.keeps(s(-7200), now: now))
        XCTAssertFalse(recentlyExpired.keeps(s(-1800, by: "b"), now: now))
    }

    static let routing = """
    route:
      receiver: default
      routes:
        - matchers: ['team="db"']
          receiver: db
          continue: true
        - match_re: {severity: 'crit.*'}
          receiver: pager
          routes:
            - match: {env: prod}
              receiver: prodpager
    receivers: [{name: default}, {name: db}, {name: pager}, {name: prodpager}]
    """

    func test_routeTree_showAndTest_matchAmtoolOutput() throws {
        let root = RouteTree.root(of: try AlertmanagerConfig.load(yaml: Self.routing, baseDirectory: ".").config)
        XCTAssertEqual(RouteTree.show(root), """
        Routing tree:
        .
        └── default-route  receiver: default
            ├── {team="db"}  continue: true  receiver: db
            └── {severity=~"^(?:crit.*)$"}  receiver: pager
                └── {env="prod"}  receiver: prodpager


        """)
        let labels = LabelSet(["team": "db", "severity": "critical", "env": "prod"])
        XCTAssertEqual(RouteTree.receivers(root, labels), "db,prodpager")
        XCTAssertEqual(RouteTree.receivers(root, LabelSet(["severity": "info"])), "default")
        XCTAssertEqual(RouteTree.matching(root, labels), """
        Matching routes:
        .
        └── default-route
            ├── {team="db"}  receiver: db
            └── {severity=~"^(?:crit.*)$"}
                └── {env="prod"}  receiver: prodpager



        """)
    }

    func test_formatter_clusterExtended_sortsPeersByIPThenPort() {
        let c = APIStatus.ClusterStatus(name: "n1", status: "ready",
                                        peers: [.init(name: "b", address: "10.0.0.2:9094"),
                                                .init(name: "c", address: "9.0.0.1:9095"),
                                                .init(name: "a", address: "9.0.0.1:9094")])
        XCTAssertEqual(Formatter(output: .extended).cluster(c), """
        Cluster Status:  ready
        Node Name:       n1

        Address        Name
        9.0.0.1:9094   a  
        9.0.0.1:9095   c  
        10.0.0.2:9094  b  

        """)
    }

    func test_httpConfigFile_authAndConnectionSettings() throws {
        let basic = try HTTPConfigFile.parse("basic_auth: {username: u, password: p}\n", directory: ".")
        XCTAssertEqual(basic.authorizationHeader, "Basic dTpw")
        XCTAssertNil(basic.connection, "credentials alone: the plain client")
        XCTAssertEqual(try HTTPConfigFile.parse("authorization: {credentials: tok}\n", directory: ".").authorizationHeader,
                       "Bearer tok")
        let tls = try HTTPConfigFile.parse("tls_config: {insecure_skip_verify: true, server_name: am.example}\n"
                                           + "proxy_url: http://proxy.example:3128\nbearer_token: t\n", directory: "/etc")
        XCTAssertEqual(tls.authorizationHeader, "Bearer t")
        XCTAssertEqual(tls.connection?.tls.insecureSkipVerify, true)
        XCTAssertEqual(tls.connection?.tls.serverName, "am.example")
        XCTAssertEqual(tls.connection?.proxy.url?.absoluteString, "http://proxy.example:3128")
        XCTAssertNil(tls.connection?.authorization, "the header is set once, from authorizationHeader")
        XCTAssertThrowsError(try HTTPConfigFile.parse("basic_auth: {username: u}\nbearer_token: t\n", directory: "."))
    }
}
