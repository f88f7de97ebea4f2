import XCTest
import Foundation
@testable import Templating

/// The default templates render byte-identically to Alertmanager 0.25's default.tmpl
/// for a two-alert group (one firing, one resolved); expectations derived from
/// the 0.25 template source semantics.
final class DefaultTemplateTests: XCTestCase {
    let data = Fixtures.twoAlerts()
    var set: TemplateSet { get throws { try TemplateSet.fromGlobs([]) } }

    static let list1 = """
        Labels:
         - alertname = HighLatency
         - instance = a:9090
         - job = api
         - severity = page
        Annotations:
         - runbook = http://rb/1
         - summary = Latency high
        Source: http://prom:9090/graph?g0.expr=up

        """
    static let list2 = """
        Labels:
         - alertname = HighLatency
         - instance = b:9090
         - job = api
         - severity = page
        Annotations:
         - summary = Latency high
        Source: http://prom:9090/graph?g0.expr=up2

        """
    static let subject = "[FIRING:1] HighLatency (api page)"
    static let url = "http://am:9093/#/alerts?receiver=team%5C.ops"

    func test_data_commonLabelsStatusAndReceiver_likeTemplateData() {
        XCTAssertEqual(data.receiver, "team\\.ops")
        XCTAssertEqual(data.status, "firing")
        XCTAssertEqual(data.commonLabels, ["alertname": "HighLatency", "job": "api", "severity": "page"])
        XCTAssertEqual(data.commonAnnotations, ["summary": "Latency high"])
        XCTAssertEqual(data.alerts.map(\.status), ["firing", "resolved"])
    }

    func test_subject_twoAlerts_matchesAlertmanager() throws {
        XCTAssertEqual(try set.execute(name: "__subject", data: data.templateValue), Self.subject)
        XCTAssertEqual(try set.execute(name: "email.default.subject", data: data.templateValue), Self.subject)
        XCTAssertEqual(try set.executeText(#"{{ template "email.default.subject" . }}"#, data: data), Self.subject)
    }

    func test_subject_resolvedGroupWithoutExtraLabels_hasNoCountOrParens() throws {
        var d = data
        d.alerts = d.alerts.map { var a = $0; a.status = "resolved"; return a }
        d.status = "resolved"
        d.commonLabels = ["alertname": "HighLatency"]
        XCTAssertEqual(try set.execute(name: "__subject", data: d.templateValue), "[RESOLVED] HighLatency ")
    }

    func test_textAlertList_twoAlerts_matchesAlertmanager() throws {
        let out = try set.executeText(#"{{ template "__text_alert_list" .Alerts }}"#, data: data)
        XCTAssertEqual(out, Self.list1 + Self.list2)
    }

    func test_integrationDefaults_twoAlerts_matchAlertmanager() throws {
        let s = try set
        let v = data.templateValue
        XCTAssertEqual(try s.execute(name: "__alertmanagerURL", data: v), Self.url)
        XCTAssertEqual(try s.execute(name: "slack.default.fallback", data: v), Self.subject + " | " + Self.url)
        XCTAssertEqual(try s.execute(name: "slack.default.username", data: v), "Alertmanager")
        XCTAssertEqual(try s.executeText(#"{{ template "pagerduty.default.instances" .Alerts }}"#, data: data),
                       Self.list1 + Self.list2)
        let compact = "Latency high\nAlerts Firing:\n" + Self.list1 + "\nAlerts Resolved:\n" + Self.list2
        XCTAssertEqual(try s.execute(name: "opsgenie.default.description", data: v), compact)
        XCTAssertEqual(try s.execute(name: "victorops.default.state_message", data: v), compact)
        let spaced = "\nAlerts Firing:\n" + Self.list1 + "\n\n\nAlerts Resolved:\n" + Self.list2 + "\n\n"
        XCTAssertEqual(try s.execute(name: "pushover.default.message", data: v), "Latency high\n" + spaced)
        XCTAssertEqual(try s.execute(name: "sns.default.message", data: v), "Latency high\n" + spaced)
        XCTAssertEqual(try s.execute(name: "telegram.default.message", data: v), "\n" + spaced)
        XCTAssertEqual(try s.execute(name: "wechat.default.message", data: v),
                       Self.subject + "\nLatency high\nAlerts Firing:\n" + Self.list1 + "\nAlerts Resolved:\n"
                       + Self.list2 + "\nAlertmanagerUrl:\n" + Self.url)
        XCTAssertEqual(try s.execute(name: "__description", data: v), "")
    }

    func test_emailHTML_escapesValuesAndShowsSections() throws {
        var d = data
        d.alerts[0].annotations["summary"] = "p99 > 1s & <rising>"
        let html = try set.executeHTML(#"{{ template "email.default.html" . }}"#, data: d)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("<title>[FIRING:1] HighLatency (api page)</title>"))
        XCTAssertTrue(html.contains("2 alerts for alertname=HighLatency"))
        XCTAssertTrue(html.contains("[1] Firing") && html.contains("[1] Resolved"))
        XCTAssertTrue(html.contains("summary = p99 &gt; 1s &amp; &lt;rising&gt;"))
        XCTAssertFalse(html.contains("<rising>"))
        XCTAssertTrue(html.contains(#"href="http://am:9093/#/alerts?receiver=team%5C.ops""#))
        XCTAssertTrue(html.contains(#"<a href="http://prom:9090/graph?g0.expr=up2""#))
        XCTAssertTrue(html.hasSuffix("</html>\n"))
        XCTAssertEqual(html.components(separatedBy: "<tr>").count, html.components(separatedBy: "</tr>").count)
    }

    func test_executeHTML_safeHtmlIsNotEscaped() throws {
        let out = try set.executeHTML(#"<p>{{ .CommonLabels.job }}{{ "<i>" }}{{ safeHtml "<br>" }}</p>"#, data: data)
        XCTAssertEqual(out, "<p>api&lt;i&gt;<br></p>")
    }

    func test_kvMethods_sortedPairsNamesValuesRemove() throws {
        let s = try set
        let v = data.templateValue
        XCTAssertEqual(try s.executeText("{{ .CommonLabels.SortedPairs }}", data: v),
                       "[{alertname HighLatency} {job api} {severity page}]")
        XCTAssertEqual(try s.executeText("{{ .CommonLabels.Names }}|{{ .CommonLabels.Values }}", data: v),
                       "[alertname job severity]|[HighLatency api page]")
        XCTAssertEqual(try s.executeText("{{ (.CommonLabels.Remove (stringSlice \"job\")).Names }}", data: v),
                       "[alertname severity]")
        XCTAssertEqual(try s.executeText("{{ .CommonLabels }}", data: v),
                       "map[alertname:HighLatency job:api severity:page]")
        XCTAssertEqual(try s.executeText("{{ .CommonLabels.SortedPairs.String }}", data: v),
                       "alertname=HighLatency, job=api, severity=page")
        XCTAssertEqual(try s.executeText("{{ .CommonLabels.nope }}|{{ .CommonLabels.job }}", data: v), "|api")
        XCTAssertEqual(try s.executeText("{{ range .Alerts.Resolved }}{{ .Fingerprint }}{{ end }}", data: v),
                       "2222222222222222")
        XCTAssertEqual(try s.executeText("{{ (index .Alerts 0).StartsAt }}", data: v),
                       "2023-11-14 22:13:20 +0000 UTC")
        XCTAssertEqual(try s.executeText("{{ (index .Alerts 0).EndsAt }}", data: v),
                       "0001-01-01 00:00:00 +0000 UTC")
        XCTAssertThrowsError(try s.executeText("{{ .Foo }}", data: v)) { e in
            XCTAssertEqual((e as? TemplateError)?.message,
                           "template: :1:3: executing \"\" at <.Foo>: can't evaluate field Foo in type *template.Data")
        }
    }
}
