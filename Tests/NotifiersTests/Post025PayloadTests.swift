import AlertCore
import Foundation
@testable import Notifiers
@testable import Notify
import Templating
import TestKit
import XCTest

/// Byte-exact bodies of the integrations added after 0.25. The expected bytes were produced by
/// Go 1.19's `encoding/json` and `text/template` running Alertmanager's 0.34.0 default.tmpl
/// (source commit 68fb2d575, VERSION 0.34.0) with the message structs of notify/msteams,
/// notify/msteamsv2, notify/mattermost, notify/rocketchat, notify/jira and notify/incidentio, on
/// the same data (`scripts/oracles/receivers_post025_oracle.go`).
final class Post025PayloadTests: XCTestCase {
    let s = Date(timeIntervalSince1970: 1_700_000_000)
    let now = Date(timeIntervalSince1970: 1_700_000_400)
    let groupKey = #"{}:{alertname="DiskFull"}"#

    lazy var firing: Alert = {
        var a = makeAlert(["alertname": "DiskFull", "instance": "db-1", "severity": "warning"],
                          annotations: ["summary": "disk <95%> & rising"], startsAt: s)
        a.generatorURL = "http://prom/graph?g0.expr=x&g0.tab=1"
        return a
    }()
    lazy var resolved = makeAlert(["alertname": "DiskFull", "instance": "db-2", "severity": "critical"],
                                  annotations: ["summary": "disk <95%> & rising"], startsAt: s,
                                  endsAt: s.addingTimeInterval(300))

    var ctx: NotificationContext {
        NotificationContext(groupKey: groupKey, groupLabels: LabelSet(["alertname": "DiskFull"]), receiverName: "team-a",
                            repeatInterval: 3600, flushTime: now, deadline: now.addingTimeInterval(10))
    }
    let templates = try! TemplateSet.fromGlobs([])
    let clients = NotifierHTTPClients()
    let external = "http://am.example:9093"

    func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }
    func t(_ name: String) -> String { "{{ template \"\(name)\" . }}" }

    func test_msteams_firingAndResolvedGroup_matchesAlertmanager034() throws {
        let n = try TeamsNotifier(config: .init(flavor: .connectorCard, webhookURL: "http://x", title: t("msteams.default.title"),
                                                summary: t("msteams.default.summary"), text: t("msteams.default.text")),
                                  templates: templates, externalURL: external, http: HTTPOptions(), clients: clients)
        XCTAssertEqual(text(try n.payload(ctx, alerts: [firing, resolved], now: now)), Golden034.msteams)
    }

    func test_msteamsv2_resolvedGroup_matchesAlertmanager034() throws {
        let n = try TeamsNotifier(config: .init(flavor: .workflows, webhookURL: "http://x", title: t("msteamsv2.default.title"),
                                                text: t("msteamsv2.default.text")),
                                  templates: templates, externalURL: external, http: HTTPOptions(), clients: clients)
        XCTAssertEqual(text(try n.payload(ctx, alerts: [resolved], now: now)), Golden034.msteamsv2)
    }

    func test_mattermost_defaultsWithChannel_matchesAlertmanager034() throws {
        var c = MattermostNotifier.Config(webhookURL: "http://x")
        c.channel = "town-square"
        c.username = t("mattermost.default.username")
        c.main.text = t("mattermost.default.text")
        c.main.fallback = t("mattermost.default.fallback")
        c.main.color = t("mattermost.default.color")
        c.main.title = t("mattermost.default.title")
        c.main.titleLink = t("mattermost.default.titlelink")
        let n = try MattermostNotifier(config: c, templates: templates, externalURL: external, http: HTTPOptions(),
                                       clients: clients)
        let (body, channel) = try n.payload(ctx, alerts: [firing, resolved], now: now)
        XCTAssertEqual(text(body), Golden034.mattermost)
        XCTAssertEqual(channel, "town-square")
    }

    func test_rocketchat_defaultsWithField_matchesAlertmanager034() throws {
        var c = RocketchatNotifier.Config(apiURL: "https://open.rocket.chat/", token: "t", tokenID: "u")
        c.channel = "#ops"
        c.color = #"{{ if eq .Status "firing" }}red{{ else }}green{{ end }}"#
        c.title = t("rocketchat.default.title")
        c.titleLink = t("rocketchat.default.titlelink")
        c.text = t("rocketchat.default.text")
        c.emoji = t("rocketchat.default.emoji")
        c.iconURL = t("rocketchat.default.iconurl")
        c.fields = [.init(title: "Instance", value: "{{ (index .Alerts 0).Labels.instance }}", short: nil)]
        let n = try RocketchatNotifier(config: c, templates: templates, externalURL: external, http: HTTPOptions(),
                                       clients: clients)
        XCTAssertEqual(text(try n.payload(ctx, alerts: [firing, resolved], now: now).0), Golden034.rocketchat)
        XCTAssertEqual(n.postURL, "https://open.rocket.chat/api/v1/chat.postMessage")
    }

    func jira(_ configure: (inout JiraNotifier.Config) -> Void = { _ in }) throws -> JiraNotifier {
        var c = JiraNotifier.Config(apiURL: "http://jira.example/rest/api/2")
        c.project = "OPS"
        c.issueType = "Bug"
        c.summary = t("jira.default.summary")
        c.description = t("jira.default.description")
        c.priority = t("jira.default.priority")
        c.labels = ["{{ .Receiver }}"]
        c.fields = ["customfield_10001": .string("{{ .Receiver }}"),
                    "customfield_10002": .list([.map(["value": .string("{{ .GroupLabels.alertname }}")])]),
                    "customfield_10003": .int(3)]
        configure(&c)
        return try JiraNotifier(config: c, templates: templates, externalURL: external, http: HTTPOptions(), clients: clients)
    }

    func renderer(_ alerts: [Alert]) -> Renderer {
        Renderer(templates: templates, externalURL: external, ctx: ctx, alerts: alerts, now: now)
    }

    func test_jira_searchAndCreateBodies_matchAlertmanager034() throws {
        let n = try jira()
        let hash = GroupKeyHash.hex(groupKey)
        XCTAssertEqual(hash, "17c4e445d234645c9e547ff6d32a864af0ebdadcd1902771c24c8d366637ff41")
        let (url, search) = try n.searchRequest(groupID: hash, firing: true, renderer([firing, resolved]))
        XCTAssertEqual(url, "http://jira.example/rest/api/2/search")
        XCTAssertEqual(text(search), Golden034.jiraSearch)
        XCTAssertEqual(text(try n.issueBody(groupID: hash, update: false, renderer([firing, resolved]))), Golden034.jiraCreate)
    }

    func test_jira_cloudHost_searchesAPI3Jql() throws {
        let n = try jira { $0.apiURL = "https://acme.atlassian.net/rest/api/2/" }
        let (url, _) = try n.searchRequest(groupID: "h", firing: false, renderer([resolved]))
        XCTAssertEqual(url, "https://acme.atlassian.net/rest/api/3/search/jql")
    }

    func test_jira_reopenWindowAndWontFix_shapeTheJql() throws {
        let n = try jira { $0.reopenTransition = "Reopen"; $0.reopenMinutes = 90; $0.wontFixResolution = "Won't Fix" }
        let body = text(try n.searchRequest(groupID: "h", firing: true, renderer([firing])).1)
        XCTAssertTrue(body.contains(#""jql":"(resolution is EMPTY or resolution != \"Won't Fix\") and (resolutiondate is EMPTY OR resolutiondate \u003e= -90m) and project=\"OPS\""#), body)
    }

    func test_jira_priorityOfResolvedOnlyGroup_isHighestResolvedSeverity() throws {
        XCTAssertEqual(try renderer([resolved])(t("jira.default.priority")), "High")
    }

    func test_jira_updateWithSummaryUpdatesDisabled_leavesSummaryOut() throws {
        let n = try jira { $0.updateSummary = false }
        let body = text(try n.issueBody(groupID: "h", update: true, renderer([firing])))
        XCTAssertFalse(body.contains(#""summary""#))
        XCTAssertTrue(body.contains(#""description""#))
    }

    func test_jira_api3Description_isCompactedJSON() throws {
        let n = try jira { $0.apiURL = "http://jira.example/rest/api/3"; $0.description = #"{ "type": "doc", "text": "a <b>" }"# }
        let body = text(try n.issueBody(groupID: "h", update: false, renderer([firing])))
        XCTAssertTrue(body.contains(#""description":{"type":"doc","text":"a \u003cb\u003e"}"#), body)
    }

    func incidentio(maxAlerts: Int) throws -> IncidentioNotifier {
        var c = IncidentioNotifier.Config(url: "http://x")
        c.maxAlerts = maxAlerts
        return try IncidentioNotifier(config: c, token: "tok", externalURL: external, http: HTTPOptions(), clients: clients)
    }

    func test_incidentio_maxAlertsOne_matchesAlertmanager034() throws {
        var c = NotificationContext(groupKey: groupKey, groupLabels: LabelSet(["alertname": "DiskFull"]), receiverName: "team.a",
                                    repeatInterval: 3600, flushTime: now, deadline: now.addingTimeInterval(10))
        c.notificationReason = "first notification"
        XCTAssertEqual(text(try incidentio(maxAlerts: 1).payload(c, alerts: [firing, resolved], now: now)), Golden034.incidentio)
    }

    func test_incidentio_payloadOver512KiB_keepsOnlyFirstAlert() throws {
        let big = String(repeating: "x", count: 300_000)
        let alerts = (1...3).map { makeAlert(["alertname": "A", "i": "\($0)"], annotations: ["blob": big + "\($0)"], startsAt: s) }
        let body = text(try incidentio(maxAlerts: 0).payload(ctx, alerts: alerts, now: now))
        XCTAssertEqual(body.components(separatedBy: #""blob""#).count - 1, 1)
        XCTAssertTrue(body.contains(#""truncatedAlerts":0"#))
    }

    func test_incidentio_errorDetails_joinMessageErrorAndErrors() {
        let body = Array(#"{"message":"bad","error":"invalid_token","errors":["a","b"]}"#.utf8)
        XCTAssertEqual(IncidentioNotifier.errorDetails(body), "bad: invalid_token: a, b")
        XCTAssertEqual(IncidentioNotifier.errorDetails(Array("not json".utf8)), "")
    }

    func test_truncateInRunes_cutsWithEllipsisLikeGo() {
        XCTAssertEqual(Truncate.runes("abcdef", 4).0, "abc…")
        XCTAssertEqual(Truncate.runes("abcdef", 3).0, "abc")
        XCTAssertEqual(Truncate.runes("äbc", 3).truncated, false)
    }

    func test_goJoinPath_joinsAndCleansLikeGo() {
        XCTAssertEqual(goJoinPath("http://h:1", "api/v1/chat.postMessage"), "http://h:1/api/v1/chat.postMessage")
        XCTAssertEqual(goJoinPath("http://h/rest/api/2/", "/search"), "http://h/rest/api/2/search")
        XCTAssertEqual(goJoinPath("http://h/x?q=1", "issue/K-1/transitions"), "http://h/x/issue/K-1/transitions?q=1")
    }
}

private enum Golden034 {
    static let msteams = ##"{"@context":"http://schema.org/extensions","type":"MessageCard","title":"[FIRING:1] DiskFull ","summary":"[FIRING:1] DiskFull ","text":"\n\n# Alerts Firing:\n\nLabels:\n  - alertname = DiskFull\n  - instance = db-1\n  - severity = warning\n\nAnnotations:\n  - summary = disk \u003c95%\u003e \u0026 rising\n\nSource: http://prom/graph?g0.expr=x\u0026g0.tab=1\n\n\n\n\n# Alerts Resolved:\n\nLabels:\n  - alertname = DiskFull\n  - instance = db-2\n  - severity = critical\n\nAnnotations:\n  - summary = disk \u003c95%\u003e \u0026 rising\n\nSource: \n\n\n\n","themeColor":"8C1A1A"}"## + "\n"
    static let msteamsv2 = ##"{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,"content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.2","body":[{"type":"TextBlock","text":"[RESOLVED] DiskFull (db-2 critical)","weight":"Bolder","size":"Medium","wrap":true,"style":"heading","color":"Good"},{"type":"TextBlock","text":"\n\n\n# Alerts Resolved:\n\nLabels:\n  - alertname = DiskFull\n  - instance = db-2\n  - severity = critical\n\nAnnotations:\n  - summary = disk \u003c95%\u003e \u0026 rising\n\nSource: \n\n\n\n","wrap":true}],"msteams":{"width":"full"}}}]}"## + "\n"
    static let mattermost = ##"{"channel":"town-square","username":"Alertmanager","attachments":[{"fallback":"[FIRING:1] DiskFull  | http://am.example:9093/#/alerts?receiver=team-a","color":"danger","text":"\n\n# Alerts Firing:\n\nLabels:\n  - alertname = DiskFull\n  - instance = db-1\n  - severity = warning\n\nAnnotations:\n  - summary = disk \u003c95%\u003e \u0026 rising\n\nSource: http://prom/graph?g0.expr=x\u0026g0.tab=1\n\n\n\n\n# Alerts Resolved:\n\nLabels:\n  - alertname = DiskFull\n  - instance = db-2\n  - severity = critical\n\nAnnotations:\n  - summary = disk \u003c95%\u003e \u0026 rising\n\nSource: \n\n\n\n","title":"[FIRING:1] DiskFull ","title_link":"http://am.example:9093/#/alerts?receiver=team-a"}]}"## + "\n"
    static let rocketchat = ##"{"channel":"#ops","attachments":[{"title":"[FIRING:1] DiskFull ","title_link":"http://am.example:9093/#/alerts?receiver=team-a","color":"red","fields":[{"short":false,"title":"Instance","value":"db-1"}]}]}"## + "\n"
    static let jiraSearch = ##"{"fields":["status"],"jql":"statusCategory != Done and project=\"OPS\" and labels=\"ALERT{17c4e445d234645c9e547ff6d32a864af0ebdadcd1902771c24c8d366637ff41}\" order by status ASC,resolutiondate DESC","maxResults":2}"## + "\n"
    static let incidentio = ##"{"receiver":"team\\.a","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"DiskFull","instance":"db-1","severity":"warning"},"annotations":{"summary":"disk \u003c95%\u003e \u0026 rising"},"startsAt":"2023-11-14T22:13:20Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom/graph?g0.expr=x\u0026g0.tab=1","fingerprint":"081dba847b32291a"}],"notification_reason":"first notification","groupLabels":{"alertname":"DiskFull"},"commonLabels":{"alertname":"DiskFull","instance":"db-1","severity":"warning"},"commonAnnotations":{"summary":"disk \u003c95%\u003e \u0026 rising"},"routeLabels":{},"externalURL":"http://am.example:9093","version":"1","groupKey":"{}:{alertname=\"DiskFull\"}","truncatedAlerts":1}"## + "\n"
    static let jiraCreate = ##"{"fields":{"customfield_10001":"team-a","customfield_10002":[{"value":"DiskFull"}],"customfield_10003":3,"description":"\n\n# Alerts Firing:\n\nLabels:\n  - alertname = DiskFull\n  - instance = db-1\n  - severity = warning\n\nAnnotations:\n  - summary = disk \u003c95%\u003e \u0026 rising\n\nSource: http://prom/graph?g0.expr=x\u0026g0.tab=1\n\n\n\n\n# Alerts Resolved:\n\nLabels:\n  - alertname = DiskFull\n  - instance = db-2\n  - severity = critical\n\nAnnotations:\n  - summary = disk \u003c95%\u003e \u0026 rising\n\nSource: \n\n\n\n","issuetype":{"name":"Bug"},"labels":["ALERT{17c4e445d234645c9e547ff6d32a864af0ebdadcd1902771c24c8d366637ff41}","team-a"],"priority":{"name":"Medium"},"project":{"key":"OPS"},"summary":"[FIRING:1] DiskFull "}}"## + "\n"
}
