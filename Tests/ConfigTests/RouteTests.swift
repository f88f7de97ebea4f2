import AlertCore
import Config
import XCTest

/// The resolved routing tree follows dispatch's `NewRoute` inheritance and `Route.Match`.
final class RouteTests: XCTestCase {
    func load(_ yaml: String) throws -> Config {
        try Config.load(yaml: yaml, baseDirectory: ".").config
    }

    func test_resolvedRoute_childInheritsReceiverGroupingAndTimings() throws {
        let cfg = try Config.load(file: Fixtures.path("valid-full.yml")).config
        let root = cfg.resolvedRoute
        XCTAssertEqual(root.groupBy, ["alertname", "cluster"])
        XCTAssertEqual(root.repeatInterval.description, "3h")
        let teamB = root.routes[1]
        XCTAssertEqual(teamB.receiver, "team-b")
        XCTAssertEqual(teamB.groupWait.description, "1m")
        XCTAssertEqual(teamB.activeTimeIntervals, ["business-hours"])
        let dev = teamB.routes[0]
        XCTAssertEqual(dev.receiver, "team-b")
        XCTAssertEqual(dev.groupWait.description, "1m")
        XCTAssertEqual(dev.groupInterval.description, "1d")
        XCTAssertEqual(dev.repeatInterval.description, "1w")
        XCTAssertEqual(dev.muteTimeIntervals, ["offhours"])
        XCTAssertEqual(dev.activeTimeIntervals, [], "time intervals are not inherited")
        XCTAssertTrue(root.routes[0].groupByAll)
        XCTAssertTrue(root.routes[0].continue)
    }

    func test_resolvedRoute_defaultsWhenNothingSet() throws {
        let root = try load("route:\n  receiver: r\nreceivers:\n- name: r\n").resolvedRoute
        XCTAssertEqual(root.groupWait.milliseconds, 30_000)
        XCTAssertEqual(root.groupInterval.milliseconds, 300_000)
        XCTAssertEqual(root.repeatInterval.milliseconds, 14_400_000)
        XCTAssertEqual(root.key, "{}")
    }

    func test_emptyGroupBy_inheritsParentIn025() throws {
        let cfg = try Config.load(file: Fixtures.path("empty-group-by-inherits.yml")).config
        XCTAssertEqual(cfg.resolvedRoute.routes[0].groupBy, ["a"])
    }

    func test_matchersCombined_sortedWithMatchReAnchoredAsIn025() throws {
        let cfg = try Config.load(file: Fixtures.path("valid-full.yml")).config
        let teamB = cfg.resolvedRoute.routes[1]
        XCTAssertEqual(teamB.matchers.map(\.description), [#"service=~"^(?:^(api|web)$)$""#, #"team="b""#])
        XCTAssertEqual(teamB.key, #"{}/{service=~"^(?:^(api|web)$)$",team="b"}"#)
        let teamA = cfg.resolvedRoute.routes[0]
        XCTAssertEqual(teamA.matchers.map(\.description), [#"severity=~"critical|warning""#, #"team="a""#])
    }

    func test_match_continueReachesNextSibling() throws {
        let root = try Config.load(file: Fixtures.path("valid-full.yml")).config.resolvedRoute
        let hits = root.match(["team": "a", "severity": "critical"]).map(\.receiver)
        XCTAssertEqual(hits, ["team-a"])
        let both = root.match(["team": "b", "service": "api", "env": "dev"]).map(\.receiver)
        XCTAssertEqual(both, ["team-b"])
        XCTAssertEqual(root.match(["x": "y"]).map(\.receiver), ["default"])
    }

    func test_inhibitRule_combinesOldAndNewForms() throws {
        let rule = try Config.load(file: Fixtures.path("inhibit-old-and-new.yml")).config.inhibitRules[0]
        XCTAssertEqual(rule.sourceMatchersCombined.map(\.description),
                       [#"severity="critical""#, #"service=~"^(?:api|web)$""#, #"env="prod""#])
        XCTAssertEqual(rule.targetMatchersCombined.map(\.description), [#"severity="warning""#, #"team=~"a|b""#])
        XCTAssertEqual(rule.equal, ["alertname", "cluster"])
    }

    func test_receiversReferencedByRoutes_listsEachOnce() throws {
        let loaded = try Config.load(file: Fixtures.path("valid-full.yml"))
        XCTAssertEqual(loaded.receiversReferencedByRoutes, ["default", "team-a", "team-b"])
    }
}
