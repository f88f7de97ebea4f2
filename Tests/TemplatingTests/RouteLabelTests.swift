@testable import Templating
import XCTest

/// Route labels (0.34): the `routeLabels` function and `.RouteLabels`, with the cases of
/// upstream's template_test.go (0.34) as facts.
final class RouteLabelTests: XCTestCase {
    let set = TemplateSet()

    func data(group: [String: String] = [:], route: [String: String], rendered: Bool = false) -> TemplateData {
        var d = TemplateData.make(receiver: "r", groupLabels: group, alerts: [], externalURL: "http://am")
        d.routeLabels = route
        d.routeLabelsRendered = rendered
        return d
    }

    func test_routeLabels_templatedAndCrossReferenced_renderAsUpstream() throws {
        let d = data(group: ["key1": "key1", "key2": "key2"],
                     route: ["rl1": "rl1", "rl2": "{{ .GroupLabels.key1 }}", "rl3": #"{{ routeLabels "rl2" }} recursive"#])
        let out = try set.executeText(#"Simple: {{ routeLabels "rl1" }} - Templated: {{ routeLabels "rl2" }} - Recursive: {{ routeLabels "rl3" }}"#, data: d)
        XCTAssertEqual(out, "Simple: rl1 - Templated: key1 - Recursive: key1 recursive")
        XCTAssertEqual(try set.executeText(#"[{{ routeLabels "nope" }}]"#, data: d), "[]")
    }

    func test_routeLabels_diamond_rendersEachBranch() throws {
        let d = data(group: ["x": "v"], route: ["top": #"{{ routeLabels "a" }}-{{ routeLabels "b" }}"#,
                                                "a": #"{{ routeLabels "leaf" }}"#, "b": #"{{ routeLabels "leaf" }}"#,
                                                "leaf": "{{ .GroupLabels.x }}"])
        XCTAssertEqual(try set.executeText(#"{{ routeLabels "top" }}"#, data: d), "v-v")
    }

    func test_routeLabels_cycle_failsWithUpstreamText() {
        let d = data(route: ["rl1": #"{{ routeLabels "rl2" }}"#, "rl2": #"{{ routeLabels "rl1" }}"#])
        XCTAssertThrowsError(try set.executeText(#"{{ routeLabels "rl1" }}"#, data: d)) { error in
            XCTAssertTrue("\(error)".contains("route label cycle detected: rl1 -> rl2 -> rl1"), "\(error)")
        }
        let selfRef = data(route: ["rl1": #"{{ routeLabels "rl1" }}"#])
        XCTAssertThrowsError(try set.executeText(#"{{ routeLabels "rl1" }}"#, data: selfRef))
    }

    func test_routeLabels_alreadyRendered_returnedVerbatim() throws {
        let d = data(route: ["desc": "disk usage is {{ $value | humanize }}"], rendered: true)
        XCTAssertEqual(try set.executeText(#"[{{ routeLabels "desc" }}]"#, data: d), "[disk usage is {{ $value | humanize }}]")
    }

    func test_routeLabelsField_rangedAndInJSON_onlyWhenPresent() throws {
        let d = data(route: ["team": "ops"], rendered: true)
        XCTAssertEqual(try set.executeText("{{ range .RouteLabels.SortedPairs }}{{ .Name }}={{ .Value }}{{ end }}", data: d), "team=ops")
        XCTAssertTrue(d.json.contains(#""commonAnnotations":{},"routeLabels":{"team":"ops"},"externalURL""#), d.json)
        XCTAssertFalse(data(route: [:]).json.contains("routeLabels"))
    }

    func test_notificationReasonField_readByTemplates_leftOutOfJSONAndPrint() throws {
        var d = data(route: [:])
        d.notificationReason = "alert group changed"
        XCTAssertEqual(try set.executeText("{{ .NotificationReason }}", data: d), "alert group changed")
        // `{{ . }}` and the JSON of a 0.25 configuration stay 0.25's.
        XCTAssertFalse(d.json.contains("notification"), d.json)
        XCTAssertFalse(try set.executeText("{{ . }}", data: d).contains("alert group changed"))
    }

    func test_renderRouteLabels_failingLabel_leftOutOthersKept() {
        let d = data(group: ["service": "db"], route: ["tier": "{{ .GroupLabels.service }}", "bad": "{{ .Nope.x }}",
                                                       "loop": #"{{ routeLabels "loop" }}"#])
        let (labels, failures) = set.renderRouteLabels(d)
        XCTAssertEqual(labels, ["tier": "db"])
        XCTAssertEqual(failures.map(\.label).sorted(), ["bad", "loop"])
    }
}
