import AlertCore
import AlertStore
import Foundation
import NotificationLog
@testable import Notifiers
@testable import Notify
import TestKit
import XCTest

final class WebhookNotifierTests: XCTestCase {
    static let clients = NotifierHTTPClients()
    let clock = ManualClock(advancesOnSleep: true)

    func ctx(deadline: Double = 30) -> NotificationContext {
        NotificationContext(groupKey: #"{}:{alertname="A"}"#, groupLabels: ["alertname": "A"], receiverName: "team.a",
                            repeatInterval: 3600, flushTime: clock.now(), deadline: clock.now().addingTimeInterval(deadline))
    }

    var alerts: [Alert] { [makeAlert(["alertname": "A", "job": "<x>"], startsAt: clock.now())] }

    func notifier(_ url: String, http: HTTPOptions = HTTPOptions(), max: Int = 0) throws -> WebhookNotifier {
        try WebhookNotifier(url: url, maxAlerts: max, externalURL: "http://am:9093", http: http,
                            clients: Self.clients, clock: clock)
    }

    func test_webhook_post_serverReceivesExactBodyAndHeaders() async throws {
        let server = try WebhookServer(statuses: [200])
        defer { server.stop() }
        let n = try notifier(server.url, http: HTTPOptions(authorization: .basic(username: "u", password: "p")))
        try await n.notify(ctx(), alerts: alerts)
        let got = server.requests
        XCTAssertEqual(got.count, 1)
        let expected = WebhookMessage(receiverName: "team.a", groupKey: #"{}:{alertname="A"}"#, groupLabels: ["alertname": "A"],
                                      alerts: alerts, maxAlerts: 0, externalURL: "http://am:9093", now: clock.now()).encoded()
        XCTAssertEqual(got.first?.bodyBytes, expected)
        XCTAssertEqual(got.first?.path, "/hook")
        XCTAssertEqual(got.first?.headers["content-type"], "application/json")
        XCTAssertEqual(got.first?.headers["user-agent"], "Alertmanager/0.25.0")
        XCTAssertEqual(got.first?.headers["authorization"], "Basic dTpw")
        let text = String(decoding: got.first?.bodyBytes ?? [], as: UTF8.self)
        XCTAssertTrue(text.hasPrefix(#"{"receiver":"team\\.a","status":"firing""#))
        XCTAssertTrue(text.contains(#""job":"\u003cx\u003e""#))
    }

    func test_webhook_notFound_failsPermanentlyWithUrlAndBody() async throws {
        let server = try WebhookServer(statuses: [404])
        defer { server.stop() }
        let n = try notifier(server.url)
        do throws(NotifyError) {
            try await n.notify(ctx(), alerts: alerts)
            XCTFail("expected an error")
        } catch {
            XCTAssertFalse(error.retryable)
            XCTAssertEqual(error.reason, .clientError)
            XCTAssertEqual(error.message, "unexpected status code 404: \(server.url): nope")
        }
    }

    func test_webhook_connectionRefused_isRetryableAndRedacted() async throws {
        let server = try WebhookServer(statuses: [200])
        let url = server.url
        server.stop()
        let n = try notifier(url)
        do throws(NotifyError) {
            try await n.notify(ctx(), alerts: alerts)
            XCTFail("expected an error")
        } catch {
            XCTAssertTrue(error.retryable)
            XCTAssertTrue(error.message.hasPrefix("Post \"<redacted>\""), error.message)
        }
    }

    func pipeline(_ n: WebhookNotifier) -> (Pipeline, NotificationLogStore) {
        let log = NotificationLogStore(retention: 3600)
        let p = Pipeline(receivers: [Receiver(name: "team.a", integrations: [
            Integration(name: "webhook", index: 0, sendResolved: true, notifier: n)])],
            marker: InMemoryAlerts().marker, log: log, clock: clock, random: { 0.5 })
        return (p, log)
    }

    func flush() -> AlertGroupFlush {
        AlertGroupFlush(groupKey: #"{}:{alertname="A"}"#, groupLabels: ["alertname": "A"], receiver: "team.a",
                        repeatInterval: 3600, groupInterval: 60, alerts: alerts, now: clock.now())
    }

    func test_webhook_500Then200_pipelineRetriesAndSucceeds() async throws {
        let server = try WebhookServer(statuses: [500, 200])
        defer { server.stop() }
        let (p, log) = pipeline(try notifier(server.url))
        let ok = await p.notify(flush())
        XCTAssertTrue(ok)
        let got = server.requests
        XCTAssertEqual(got.count, 2)
        XCTAssertEqual(got.first?.bodyBytes, got.last?.bodyBytes, "the retry resends the same body")
        XCTAssertEqual(log.count, 1)
    }

    func test_webhook_404_pipelineFailsAfterOneRequest() async throws {
        let server = try WebhookServer(statuses: [404])
        defer { server.stop() }
        let (p, log) = pipeline(try notifier(server.url))
        let ok = await p.notify(flush())
        XCTAssertFalse(ok)
        XCTAssertEqual(server.requests.count, 1)
        XCTAssertEqual(log.count, 0)
    }

    func test_check_statusClasses_matchAlertmanagerRetrier() {
        XCTAssertNoThrow(try WebhookNotifier.check(status: 200, body: [], url: "u"))
        XCTAssertNoThrow(try WebhookNotifier.check(status: 204, body: [], url: "u"))
        for (code, retry) in [(500, true), (503, true), (429, false), (404, false), (301, false), (400, false)] {
            do {
                try WebhookNotifier.check(status: code, body: Array("b".utf8), url: "http://h/x")
                XCTFail("\(code) must fail")
            } catch {
                XCTAssertEqual(error.retryable, retry, "\(code)")
                XCTAssertEqual(error.message, "unexpected status code \(code): http://h/x: b")
            }
        }
    }

    func test_authorization_headerValues_matchGoClient() {
        XCTAssertEqual(HTTPAuthorization.basic(username: "user", password: "p@ss").headerValue, "Basic dXNlcjpwQHNz")
        XCTAssertEqual(HTTPAuthorization.credentials(type: "Bearer", credentials: "tok").headerValue, "Bearer tok")
    }

    func test_tlsOptions_invalidCombinations_throw() {
        XCTAssertThrowsError(try HTTPTLSOptions(certFile: "/x.pem").makeTLSConfiguration())
        XCTAssertThrowsError(try HTTPTLSOptions(caFile: "/nonexistent/ca.pem").makeTLSConfiguration())
        XCTAssertThrowsError(try HTTPTLSOptions(serverName: "10.0.0.1").makeTLSConfiguration())
        XCTAssertNoThrow(try HTTPTLSOptions(serverName: "example").makeTLSConfiguration())
        XCTAssertNoThrow(try HTTPTLSOptions(insecureSkipVerify: true).makeTLSConfiguration())
    }

    func test_sniRoute_serverName_addressesTheNameKeepsHostHeader() throws {
        let r = try XCTUnwrap(SNIRoute(url: "https://10.1.2.3:8443/hook?a=b", serverName: "alerts.example"))
        XCTAssertEqual(r.requestURL, "https://alerts.example:8443/hook?a=b")
        XCTAssertEqual(r.host, "10.1.2.3")
        XCTAssertEqual(r.hostHeader, "10.1.2.3:8443")
        let v6 = try XCTUnwrap(SNIRoute(url: "https://[::1]/x", serverName: "a.example"))
        XCTAssertEqual(v6.host, "::1")
        XCTAssertEqual(v6.hostHeader, "[::1]")
        // Nothing to change: plain HTTP, no name, or the URL's own name.
        XCTAssertNil(SNIRoute(url: "http://10.1.2.3/hook", serverName: "alerts.example"))
        XCTAssertNil(SNIRoute(url: "https://10.1.2.3/hook", serverName: nil))
        XCTAssertNil(SNIRoute(url: "https://alerts.example/hook", serverName: "alerts.example"))
    }
}

