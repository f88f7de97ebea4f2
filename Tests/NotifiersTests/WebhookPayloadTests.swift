import AlertCore
import Foundation
@testable import Notifiers
import TestKit
import XCTest

/// Byte-exact webhook bodies against Go's `json.Encoder` output (see `Golden`).
final class WebhookPayloadTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000.123)
    let s = Date(timeIntervalSince1970: 1_700_000_000)
    let e = Date(timeIntervalSince1970: 1_700_000_300)
    let now = Date(timeIntervalSince1970: 1_700_000_400)
    let diskKey = #"{}/{severity="page"}:{alertname="Disk"}"#

    func body(_ receiver: String, _ key: String, _ group: [String: String], _ alerts: [Alert], max: Int = 0) -> String {
        let m = WebhookMessage(receiverName: receiver, groupKey: key, groupLabels: LabelSet(group), alerts: alerts,
                               maxAlerts: max, externalURL: "http://am:9093", now: now)
        return String(decoding: m.encoded(), as: UTF8.self)
    }

    func disk(_ n: String, ann: [String: String] = [:], resolved: Bool) -> Alert {
        makeAlert(["alertname": "Disk", "instance": n], annotations: ann, startsAt: s, endsAt: resolved ? e : .goZero)
    }

    func test_payload_firingAlert_matchesGoEncoder() {
        var a = makeAlert(["alertname": "HighLatency", "instance": "a:9090"], annotations: ["summary": "p99 > 1s"],
                          startsAt: t0)
        a.generatorURL = "http://prom:9090/graph?g0.expr=up&g0.tab=1"
        XCTAssertEqual(body("team-X", #"{}:{alertname="HighLatency"}"#, ["alertname": "HighLatency"], [a]), Golden.firing)
    }

    func test_payload_resolvedAlert_matchesGoEncoder() {
        XCTAssertEqual(body("ops", diskKey, ["alertname": "Disk"], [disk("n1", resolved: true)]), Golden.resolved)
    }

    func test_payload_mixedAlerts_firingStatusAndCommonPairsOnly() {
        let alerts = [disk("n1", ann: ["summary": "disk full"], resolved: true),
                      disk("n2", ann: ["summary": "disk full", "runbook": "r"], resolved: false)]
        XCTAssertEqual(body("ops", diskKey, ["alertname": "Disk"], alerts), Golden.mixed)
    }

    func test_payload_maxAlertsOne_truncatesThenComputesStatusAndCommonLabels() {
        let alerts = [disk("n1", resolved: true), disk("n2", resolved: false), disk("n3", resolved: false)]
        XCTAssertEqual(body("ops", diskKey, ["alertname": "Disk"], alerts, max: 1), Golden.truncated)
    }

    func test_payload_maxAlertsAboveCount_keepsAllAndTruncatesNone() {
        let alerts = [disk("n1", resolved: true), disk("n2", resolved: false)]
        let m = WebhookMessage(receiverName: "ops", groupKey: diskKey, groupLabels: [:], alerts: alerts, maxAlerts: 5,
                               externalURL: "", now: now)
        XCTAssertEqual(m.alerts.count, 2)
        XCTAssertEqual(m.truncatedAlerts, 0)
    }

    func test_payload_htmlAndControlCharsAndDottedReceiver_escapeLikeGo() {
        let a = makeAlert(["alertname": "Html", "value": "<b>&\"x\"\n\t\u{01}"], annotations: ["description": "a\\b\r"],
                          startsAt: t0)
        XCTAssertEqual(body("team.a+b", "{}:{}", [:], [a]), Golden.html)
    }

    func test_payload_unicodeLabels_rawExceptLineSeparator() {
        let a = makeAlert(["alertname": "Größe", "team": "🚨 ✓\u{2028}"], startsAt: Date(timeIntervalSince1970: 1_700_000_000.5))
        XCTAssertEqual(body("équipe", #"{}:{team="🚨"}"#, ["team": "🚨"], [a]), Golden.unicode)
    }

    func test_payload_endsAtInFuture_isFiringWithItsEndsAt() {
        let a = makeAlert(["alertname": "X"], startsAt: s, endsAt: now.addingTimeInterval(60))
        let text = body("r", "{}:{}", [:], [a])
        XCTAssertTrue(text.contains(#""status":"firing","alerts":[{"status":"firing""#))
        XCTAssertTrue(text.contains(#""endsAt":"2023-11-14T22:21:00Z""#))
    }
}
