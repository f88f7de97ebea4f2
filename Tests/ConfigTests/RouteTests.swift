import AlertCore
import AlertDispatch
import Config
import XCTest

/// A config's `route.spec` builds the dispatcher's tree with dispatch's `NewRoute` inheritance
/// and `Route.Match` (the tree the server routes with and tocsinctl prints).
final class RouteTests: XCTestCase {
    func load(_ yaml: String) throws -> AlertmanagerConfig {
        try AlertmanagerConfig.load(yaml: yaml, baseDirectory: ".").config
    }

    func tree(_ cfg: AlertmanagerConfig) -> AlertDispatch.Route { AlertDispatch.Route(root: cfg.route.spec) }

    func test_routeTree_childInheritsReceiverGroupingAndTimings() throws {
        let cfg = try AlertmanagerConfig.load(file: Fixtures.path("valid-full.yml")).config
        let root = tree(cfg)
        XCTAssertEqual(root.options.groupBy, ["alertname", "cluster"])
        XCTAssertEqual(root.options.repeatInterval, 3 * 3600)
        let teamB = root.routes[1]
        XCTAssertEqual(teamB.receiver, "team-b")
        XCTAssertEqual(teamB.options.groupWait, 60)
        XCTAssertEqual(teamB.options.activeTimeIntervals, ["business-hours"])
        let dev = teamB.routes[0]
        XCTAssertEqual(dev.receiver, "team-b")
        XCTAssertEqual(dev.options.groupWait, 60)
        XCTAssertEqual(dev.options.groupInterval, 86400)
        XCTAssertEqual(dev.options.repeatInterval, 7 * 86400)
        XCTAssertEqual(dev.options.muteTimeIntervals, ["offhours"])
        XCTAssertEqual(dev.options.activeTimeIntervals, [], "time intervals are not inherited")
        XCTAssertTrue(root.routes[0].options.groupByAll)
        XCTAssertTrue(root.routes[0].continue)
    }

    func test_routeTree_defaultsWhenNothingSet() throws {
        let root = tree(try load("route:\n  receiver: r\nreceivers:\n- name: r\n"))
        XCTAssertEqual(root.options.groupWait, 30)
        XCTAssertEqual(root.options.groupInterval, 300)
        XCTAssertEqual(root.options.repeatInterval, 14_400)
        XCTAssertEqual(root.key, "{}")
    }

    func test_emptyGroupBy_inheritsParentIn025() throws {
        let cfg = try AlertmanagerConfig.load(file: Fixtures.path("empty-group-by-inherits.yml")).config
        XCTAssertEqual(tree(cfg).routes[0].options.groupBy, ["a"])
    }

    func test_matchersCombined_sortedWithMatchReAnchoredAsIn025() throws {
        let cfg = try AlertmanagerConfig.load(file: Fixtures.path("valid-full.yml")).config
        let teamB = tree(cfg).routes[1]
        XCTAssertEqual(teamB.matchers.map(\.description), [#"service=~"^(?:^(api|web)$)$""#, #"team="b""#])
        XCTAssertEqual(teamB.key, #"{}/{service=~"^(?:^(api|web)$)$",team="b"}"#)
        let teamA = tree(cfg).routes[0]
        XCTAssertEqual(teamA.matchers.map(\.description), [#"severity=~"critical|warning""#, #"team="a""#])
    }

    func test_match_continueReachesNextSibling() throws {
        let root = tree(try AlertmanagerConfig.load(file: Fixtures.path("valid-full.yml")).config)
        let hits = root.match(["team": "a", "severity": "critical"]).map(\.receiver)
        XCTAssertEqual(hits, ["team-a"])
        let both = root.match(["team": "b", "service": "api", "env": "dev"]).map(\.receiver)
        XCTAssertEqual(both, ["team-b"])
        XCTAssertEqual(root.match(["x": "y"]).map(\.receiver), ["default"])
    }

    func test_inhibitRule_combinesOldAndNewForms() throws {
        let rule = try AlertmanagerConfig.load(file: Fixtures.path("inhibit-old-and-new.yml")).config.inhibitRules[0]
        XCTAssertEqual(rule.sourceMatchersCombined.map(\.description),
                       [#"severity="critical""#, #"service=~"^(?:api|web)$""#, #"env="prod""#])
        XCTAssertEqual(rule.targetMatchersCombined.map(\.description), [#"severity="warning""#, #"team=~"a|b""#])
        XCTAssertEqual(rule.equal, ["alertname", "cluster"])
    }

    func test_receiversReferencedByRoutes_listsEachOnce() throws {
        let loaded = try AlertmanagerConfig.load(file: Fixtures.path("valid-full.yml"))
        XCTAssertEqual(loaded.receiversReferencedByRoutes, ["default", "team-a", "team-b"])
    }
}

/// YAML merge keys (`<<: *anchor`), as yaml.v2 applies them: keys written after the merge
/// override it, and in a sequence of mappings the first one wins.
final class MergeKeyTests: XCTestCase {
    func test_mergeKeys_routeSettings_overriddenByLaterKeysFirstMappingWins() throws {
        let loaded = try AlertmanagerConfig.load(file: Fixtures.path("merge-keys-routes.yml"))
        let routes = loaded.config.route.routes
        XCTAssertEqual(routes.count, 3)
        XCTAssertEqual(routes[1].receiver, "default")
        XCTAssertEqual(routes[1].groupWait?.milliseconds, 7000)
        XCTAssertEqual(routes[1].groupInterval?.milliseconds, 60000)
        XCTAssertEqual(routes[2].repeatInterval?.milliseconds, 2 * 3600 * 1000)
        XCTAssertEqual(routes[2].groupWait?.milliseconds, 5000)
    }
}
