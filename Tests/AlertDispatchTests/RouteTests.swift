import AlertCore
@testable import AlertDispatch
import Foundation
import XCTest

final class RouteTests: XCTestCase {
    func test_route_rootWithoutSettings_usesAlertmanagerDefaults() {
        let r = Route(root: RouteSpec(receiver: "r"))
        XCTAssertEqual(r.options.groupWait, 30)
        XCTAssertEqual(r.options.groupInterval, 300)
        XCTAssertEqual(r.options.repeatInterval, 14400)
        XCTAssertEqual(r.key, "{}")
        XCTAssertEqual(r.groupKey(for: ["alertname": "A"]), "{}:{}")
    }

    func test_routeKey_childMatchers_sortedAndJoinedWithoutSpaces() throws {
        let child = RouteSpec(matchers: [try re("team", "a|b"), eq("env", "prod")])
        let r = Route(root: RouteSpec(receiver: "r", routes: [child]))
        XCTAssertEqual(r.routes[0].key, #"{}/{env="prod",team=~"a|b"}"#)
    }

    func test_groupKey_groupByLabels_matchesAlertmanagerBytes() throws {
        let child = RouteSpec(groupBy: ["alertname", "cluster"], matchers: [eq("env", "prod"), try re("team", "a|b")])
        let r = Route(root: RouteSpec(receiver: "r", routes: [child]))
        let labels: LabelSet = ["alertname": "HighCPU", "cluster": "eu1", "env": "prod", "team": "a"]
        let matched = r.match(labels)
        XCTAssertEqual(matched.count, 1)
        XCTAssertEqual(matched[0].groupKey(for: labels),
                       #"{}/{env="prod",team=~"a|b"}:{alertname="HighCPU", cluster="eu1"}"#)
    }

    func test_routeKey_nestedAndEscaped_concatenatesParentKeys() {
        let grandchild = RouteSpec(matchers: [eq("msg", "say \"hi\"\n\\")])
        let child = RouteSpec(matchers: [eq("env", "prod")], routes: [grandchild])
        let r = Route(root: RouteSpec(receiver: "r", routes: [child]))
        XCTAssertEqual(r.routes[0].routes[0].key, #"{}/{env="prod"}/{msg="say \"hi\"\n\\"}"#)
    }

    func test_groupKey_valueWithQuotesAndUnicode_goQuoted() {
        let r = Route(root: RouteSpec(receiver: "r", groupBy: ["a"]))
        XCTAssertEqual(r.groupKey(for: ["a": "x\"y", "b": "z"]), #"{}:{a="x\"y"}"#)
    }

    func test_match_firstMatchingChildWithoutContinue_stopsEvaluation() {
        let r = Route(root: RouteSpec(receiver: "root", routes: [
            RouteSpec(receiver: "a", matchers: [eq("team", "x")]),
            RouteSpec(receiver: "b", matchers: [eq("team", "x")]),
        ]))
        XCTAssertEqual(r.match(["team": "x"]).map(\.receiver), ["a"])
    }

    func test_match_continueTrue_evaluatesLaterSiblings() {
        let r = Route(root: RouteSpec(receiver: "root", routes: [
            RouteSpec(receiver: "a", matchers: [eq("team", "x")], continue: true),
            RouteSpec(receiver: "b", matchers: [eq("team", "x")]),
            RouteSpec(receiver: "c", matchers: [eq("team", "x")]),
        ]))
        XCTAssertEqual(r.match(["team": "x"]).map(\.receiver), ["a", "b"])
    }

    func test_match_continueOnNonMatchingChild_doesNotMatter() {
        let r = Route(root: RouteSpec(receiver: "root", routes: [
            RouteSpec(receiver: "a", matchers: [eq("team", "y")]),
            RouteSpec(receiver: "b", matchers: [eq("team", "x")]),
        ]))
        XCTAssertEqual(r.match(["team": "x"]).map(\.receiver), ["b"])
    }

    func test_match_noChildMatches_returnsParent() {
        let r = Route(root: RouteSpec(receiver: "root", routes: [
            RouteSpec(receiver: "a", matchers: [eq("team", "y")]),
        ]))
        XCTAssertEqual(r.match(["team": "x"]).map(\.receiver), ["root"])
    }

    func test_match_nestedRoutes_returnsDeepestMatchOrIntermediate() {
        let r = Route(root: RouteSpec(receiver: "root", routes: [
            RouteSpec(receiver: "db", matchers: [eq("service", "db")], routes: [
                RouteSpec(receiver: "db-crit", matchers: [eq("severity", "critical")]),
            ]),
        ]))
        XCTAssertEqual(r.match(["service": "db", "severity": "critical"]).map(\.receiver), ["db-crit"])
        XCTAssertEqual(r.match(["service": "db", "severity": "warning"]).map(\.receiver), ["db"])
        XCTAssertEqual(r.match(["service": "web"]).map(\.receiver), ["root"])
    }

    func test_match_missingLabel_matchesEmptyValue() throws {
        let r = Route(root: RouteSpec(receiver: "root", routes: [
            RouteSpec(receiver: "nolabel", matchers: [try re("team", "")]),
        ]))
        XCTAssertEqual(r.match(["alertname": "A"]).map(\.receiver), ["nolabel"])
        XCTAssertEqual(r.match(["team": "x"]).map(\.receiver), ["root"])
    }

    func test_inheritance_childOverridesOnlyWhatItSets() {
        let r = Route(root: RouteSpec(receiver: "root", groupBy: ["alertname"], groupWait: 10, groupInterval: 60,
                                      repeatInterval: 600, muteTimeIntervals: [],
                                      routes: [RouteSpec(groupInterval: 120, matchers: [eq("a", "1")],
                                                         muteTimeIntervals: ["night"],
                                                         routes: [RouteSpec(receiver: "leaf", matchers: [eq("b", "2")])])]))
        let child = r.routes[0], leaf = child.routes[0]
        XCTAssertEqual(child.receiver, "root")
        XCTAssertEqual(child.options.groupBy, ["alertname"])
        XCTAssertEqual(child.options.groupWait, 10)
        XCTAssertEqual(child.options.groupInterval, 120)
        XCTAssertEqual(child.options.muteTimeIntervals, ["night"])
        XCTAssertEqual(leaf.receiver, "leaf")
        XCTAssertEqual(leaf.options.groupInterval, 120)
        XCTAssertEqual(leaf.options.repeatInterval, 600)
        XCTAssertEqual(leaf.options.muteTimeIntervals, [], "time intervals are not inherited")
    }

    func test_groupByAll_groupsByEveryLabel_andGrandchildCanNarrowAgain() {
        let r = Route(root: RouteSpec(receiver: "root", routes: [
            RouteSpec(groupByAll: true, matchers: [eq("a", "1")], routes: [
                RouteSpec(groupBy: ["b"], matchers: [eq("b", "2")]),
                RouteSpec(matchers: [eq("c", "3")]),
            ]),
        ]))
        let all = r.routes[0], narrowed = all.routes[0], inherits = all.routes[1]
        let labels: LabelSet = ["a": "1", "b": "2", "c": "3"]
        XCTAssertEqual(all.groupKey(for: labels), #"{}/{a="1"}:{a="1", b="2", c="3"}"#)
        XCTAssertEqual(narrowed.groupLabels(for: labels), ["b": "2"])
        XCTAssertEqual(inherits.groupLabels(for: labels), labels)
    }

    func test_groupByNil_inheritsParentGrouping() {
        // How the caller models 0.25's `group_by: []`: nil, so the parent's list applies.
        let r = Route(root: RouteSpec(receiver: "root", groupBy: ["alertname"], routes: [
            RouteSpec(groupBy: nil, matchers: [eq("a", "1")]),
        ]))
        XCTAssertEqual(r.routes[0].groupKey(for: ["alertname": "X", "a": "1"]), #"{}/{a="1"}:{alertname="X"}"#)
    }

    func test_walk_visitsPreOrder_andIndexesMatch() {
        let r = Route(root: RouteSpec(receiver: "root", routes: [
            RouteSpec(receiver: "a", routes: [RouteSpec(receiver: "a1")]),
            RouteSpec(receiver: "b"),
        ]))
        var seen: [String] = []
        r.walk { seen.append($0.receiver) }
        XCTAssertEqual(seen, ["root", "a", "a1", "b"])
        XCTAssertEqual(r.allRoutes.map(\.index), [0, 1, 2, 3])
    }

    func test_routeLabels_childMergedOverParent_andCarriedByTheFlush() throws {
        let r = Route(root: RouteSpec(receiver: "root", labels: ["team": "ops", "tier": "1"], routes: [
            RouteSpec(matchers: [try Matcher(.equal, "a", "1")], labels: ["tier": "{{ .GroupLabels.a }}"], routes: [
                RouteSpec(receiver: "leaf"),
            ]),
        ]))
        XCTAssertEqual(r.options.labels, ["team": "ops", "tier": "1"])
        XCTAssertEqual(r.routes[0].options.labels, ["team": "ops", "tier": "{{ .GroupLabels.a }}"])
        XCTAssertEqual(r.routes[0].routes[0].options.labels, ["team": "ops", "tier": "{{ .GroupLabels.a }}"])
        var g = AggregationGroup(route: r.routes[0].routes[0], labels: ["a": "1"], now: Date(timeIntervalSince1970: 0))
        g.insert(Alert(labels: ["a": "1"], startsAt: Date(timeIntervalSince1970: 0)), now: Date(timeIntervalSince1970: 0))
        let flush = g.timerFired(now: Date(timeIntervalSince1970: 30))
        XCTAssertEqual(flush?.routeLabels, ["team": "ops", "tier": "{{ .GroupLabels.a }}"])
        XCTAssertEqual(flush?.routeLabelsRendered, false)
    }
}
