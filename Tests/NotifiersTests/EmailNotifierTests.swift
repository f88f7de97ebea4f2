import AlertCore
import AlertStore
import Foundation
import MetricsTestKit
import NotificationLog
@testable import Notifiers
@testable import Notify
import SMTP
import Synchronization
import Templating
import TestKit
import XCTest

/// The email notifier: rendering against the real Alertmanager's output, template errors,
/// and delivery through the notification pipeline to a real SMTP server.
final class EmailNotifierTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_709_290_000)   // 2024-03-01T10:46:40Z

    func config(port: Int = 25, text: String = #"{{ template "__text_alert_list" .Alerts }}"#) -> EmailNotifierConfig {
        EmailNotifierConfig(to: "oncall@example.org, second@example.org", from: "alertmanager@example.org",
                            smarthostHost: "127.0.0.1", smarthostPort: port, requireTLS: false, text: text)
    }

    func notifier(_ c: EmailNotifierConfig, clock: any TimeSource = WallClock()) throws -> EmailNotifier {
        EmailNotifier(config: c, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am.example:9093",
                      client: SMTPClient(connectTimeout: .seconds(5), readTimeout: .seconds(10)), clock: clock,
                      hostname: "vm")
    }

    func context(_ alertname: String) -> NotificationContext {
        NotificationContext(groupKey: "{}:{alertname=\"\(alertname)\"}", groupLabels: ["alertname": alertname],
                            receiverName: "mail", repeatInterval: 3600, flushTime: t0, deadline: t0.addingTimeInterval(30))
    }

    func date(_ s: String) -> Date { ISO8601DateFormatter().date(from: s) ?? .goZero }

    // The alerts scripts/record-email-fixtures.sh pushes to the real Alertmanager.
    var diskFull: [Alert] {
        [Alert(labels: ["alertname": "DiskFull", "instance": "db1:9100", "severity": "critical", "team": "stockage-é"],
               annotations: ["summary": "Disk / is 95% full", "description": "Free space < 5% on db1 = trouble"],
               startsAt: date("2024-03-01T10:00:00Z"), generatorURL: "http://prom.example/graph?g0.expr=disk&g0.tab=1"),
         Alert(labels: ["alertname": "DiskFull", "instance": "db2:9100", "severity": "critical", "team": "stockage-é"],
               annotations: ["summary": "Disk /var is 97% full"], startsAt: date("2024-03-01T10:01:00Z"),
               generatorURL: "http://prom.example/graph?g0.expr=disk2")]
    }

    func highLatency(resolved: Bool) -> [Alert] {
        [Alert(labels: ["alertname": "HighLatency", "service": "api"], annotations: ["summary": "p99 above 1s"],
               startsAt: date("2024-03-01T09:00:00Z"), endsAt: resolved ? date("2024-03-01T09:30:00Z") : .goZero)]
    }

    /// The `Subject:` line and the quoted-printable text part of an encoded message.
    func parts(_ e: RenderedEmail) throws -> (subjectLine: String, text: String) {
        let s = String(decoding: e.message.encoded(), as: UTF8.self)
        let subject = try XCTUnwrap(s.components(separatedBy: "\r\n").first { $0.hasPrefix("Subject: ") })
        let head = "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
        let start = try XCTUnwrap(s.range(of: head)).upperBound
        let end = try XCTUnwrap(s.range(of: "\r\n--" + e.message.boundary, range: start..<s.endIndex)).lowerBound
        return (subject, String(s[start..<end]))
    }

    func test_render_defaultTemplates_matchRealAlertmanager025() throws {
        let n = try notifier(config())
        let cases: [(String, [Alert], EmailFixtures.Mail)] = [
            ("DiskFull", diskFull, EmailFixtures.diskFullFiring),
            ("HighLatency", highLatency(resolved: false), EmailFixtures.highLatencyFiring),
            ("HighLatency", highLatency(resolved: true), EmailFixtures.highLatencyResolved),
        ]
        for (name, alerts, fixture) in cases {
            let e = try n.render(context(name), alerts: alerts, now: t0)
            let (subjectLine, text) = try parts(e)
            XCTAssertEqual(e.message.headers["Subject"], fixture.subject)
            XCTAssertEqual(subjectLine, fixture.subjectLine)
            XCTAssertEqual(text, fixture.textPart)
            XCTAssertEqual(e.envelope.from, "alertmanager@example.org")
            XCTAssertEqual(e.envelope.recipients, ["oncall@example.org", "second@example.org"])
            XCTAssertEqual(e.message.headers["To"], "oncall@example.org, second@example.org")
        }
    }

    func test_render_defaultHTML_isCompleteEscapedDocument() throws {
        var alerts = diskFull
        alerts[0].annotations = ["summary": "<script>x</script>"]
        let e = try notifier(config(text: "")).render(context("DiskFull"), alerts: alerts, now: t0)
        XCTAssertEqual(e.message.text, "")
        XCTAssertTrue(e.message.html.contains("</html>"))
        XCTAssertFalse(e.message.html.contains("<script>x"))
        XCTAssertTrue(e.message.html.contains("&lt;script&gt;x"))
    }

    func test_render_customHeaders_areTemplatedAndKeepDefaults() throws {
        var c = config()
        c.headers = ["Subject": "{{ .Status }} {{ .CommonLabels.alertname }}", "X-Team": "{{ .CommonLabels.team }}"]
        let e = try notifier(c).render(context("DiskFull"), alerts: diskFull, now: t0)
        XCTAssertEqual(e.message.headers["Subject"], "firing DiskFull")
        XCTAssertEqual(e.message.headers["X-Team"], "stockage-é")
        XCTAssertEqual(e.message.headers["From"], "alertmanager@example.org")
    }

    func test_render_templateError_isPermanentAndNamesTheField() throws {
        var c = config()
        c.html = #"{{ template "nope" . }}"#
        XCTAssertThrowsError(try notifier(c).render(context("DiskFull"), alerts: diskFull, now: t0)) { e in
            let err = e as? NotifyError
            XCTAssertEqual(err?.retryable, false)
            XCTAssertTrue(err?.message.hasPrefix("execute html template: ") ?? false, "\(e)")
        }
    }

    func test_render_twoFromAddresses_isPermanentError() throws {
        var c = config()
        c.from = "a@x, b@x"
        XCTAssertThrowsError(try notifier(c).render(context("DiskFull"), alerts: diskFull, now: t0)) { e in
            XCTAssertEqual(e as? NotifyError, .permanent("must be exactly one 'from' address (got: 2)"))
        }
    }

    // MARK: through the pipeline to a real server

    func runPipeline(_ n: EmailNotifier, clock: ManualClock, metrics: TestMetrics) async -> Bool {
        let pipeline = Pipeline(
            receivers: [Receiver(name: "mail", integrations: [Integration(name: "email", index: 0, sendResolved: false,
                                                                          notifier: n)])],
            marker: InMemoryAlerts().marker, log: NotificationLogStore(retention: 3600, metricsFactory: metrics), clock: clock,
            metrics: NotifyMetrics(factory: metrics), random: { 0.5 })
        let flush = AlertGroupFlush(groupKey: "{}:{alertname=\"DiskFull\"}", groupLabels: ["alertname": "DiskFull"],
                                    receiver: "mail", repeatInterval: 3600, groupInterval: 300, alerts: diskFull,
                                    now: clock.now())
        return await pipeline.notify(flush)
    }

    func counter(_ m: TestMetrics, _ label: String, _ dims: [(String, String)]) -> Int64? {
        try? m.expectCounter(label, dims).totalValue
    }

    func test_pipeline_server451Then250_isRetriedAndDelivered() async throws {
        var o = SMTPTestServer.Options()
        o.dataCodes = [451]
        let server = try SMTPTestServer(o)
        defer { server.stop() }
        let clock = ManualClock(t0, advancesOnSleep: true)
        let metrics = TestMetrics()
        let ok = await runPipeline(try notifier(config(port: server.port), clock: clock), clock: clock, metrics: metrics)
        XCTAssertTrue(ok)
        XCTAssertEqual(server.messages().map { $0["code"] as? Int }, [451, 250])
        XCTAssertEqual(counter(metrics, "alertmanager_notification_requests_total", [("integration", "email")]), 2)
        XCTAssertEqual(counter(metrics, "alertmanager_notification_requests_failed_total", [("integration", "email")]), 1)
        XCTAssertNil(counter(metrics, "alertmanager_notifications_failed_total", [("integration", "email"), ("reason", "other")]))
        let data = try XCTUnwrap(server.messages().last?["data"] as? String)
        XCTAssertTrue(data.contains("Subject: =?utf-8?q?[FIRING:2]_DiskFull_(critical_stockage-=C3=A9)?=\r\n"), data)
    }

    func test_pipeline_server550_isNotRetriedAndCountedFailed() async throws {
        var o = SMTPTestServer.Options()
        o.dataCodes = [550, 250]
        let server = try SMTPTestServer(o)
        defer { server.stop() }
        let clock = ManualClock(t0, advancesOnSleep: true)
        let metrics = TestMetrics()
        let ok = await runPipeline(try notifier(config(port: server.port), clock: clock), clock: clock, metrics: metrics)
        XCTAssertFalse(ok)
        XCTAssertEqual(server.messages().count, 1)
        XCTAssertEqual(counter(metrics, "alertmanager_notification_requests_total", [("integration", "email")]), 1)
        XCTAssertEqual(counter(metrics, "alertmanager_notifications_failed_total", [("integration", "email"), ("reason", "other")]), 1)
    }

    func test_pipeline_templateError_isCountedFailedWithoutConnecting() async throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        var c = config(port: server.port)
        c.text = "{{ template \"missing\" . }}"
        let clock = ManualClock(t0, advancesOnSleep: true)
        let metrics = TestMetrics()
        let ok = await runPipeline(try notifier(c, clock: clock), clock: clock, metrics: metrics)
        XCTAssertFalse(ok)
        XCTAssertEqual(server.messages().count, 0)
        XCTAssertEqual(counter(metrics, "alertmanager_notifications_failed_total", [("integration", "email"), ("reason", "other")]), 1)
    }

    func test_notify_starttlsWithAuthLogin_deliversOverTLS() async throws {
        var o = SMTPTestServer.Options()
        o.starttls = true
        o.requireStarttls = true
        o.auth = "alice:s3cret"
        o.authMechanisms = ["LOGIN"]
        let server = try SMTPTestServer(o)
        defer { server.stop() }
        var c = config(port: server.port)
        c.requireTLS = true
        c.authUsername = "alice"
        c.authPassword = "s3cret"
        c.tls = SMTPTLSOptions(insecureSkipVerify: true)
        let clock = ManualClock(t0, advancesOnSleep: true)
        try await notifier(c, clock: clock).notify(context("DiskFull"), alerts: diskFull)
        let mail = try XCTUnwrap(server.messages().first)
        XCTAssertEqual(mail["tls"] as? Bool, true)
        XCTAssertEqual(mail["auth_user"] as? String, "alice")
        XCTAssertEqual(mail["rcpt_tos"] as? [String], ["oncall@example.org", "second@example.org"])
    }
}
