import AlertCore
import Foundation
@testable import Notifiers
@testable import Notify
import Templating
import TestKit
import XCTest

/// `http_config.follow_redirects` on a post-0.25 integration (Mattermost), against a real local
/// server that answers the first POST with `307 Location: /moved`.
final class RedirectTests: XCTestCase {
    static let clients = NotifierHTTPClients()
    let clock = ManualClock(advancesOnSleep: true)

    func send(followRedirects: Bool) async throws -> ([WebhookServer.Request], NotifyError?) {
        let server = try WebhookServer(statuses: [307, 200], headers: ["Location": "/moved"])
        defer { server.stop() }
        var c = MattermostNotifier.Config(webhookURL: server.url)
        c.main.text = "disk full"
        let n = try MattermostNotifier(config: c, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am",
                                       http: HTTPOptions(followRedirects: followRedirects), clients: Self.clients,
                                       clock: clock)
        let ctx = NotificationContext(groupKey: "{}:{}", groupLabels: [:], receiverName: "r", repeatInterval: 3600,
                                      flushTime: clock.now(), deadline: clock.now().addingTimeInterval(30))
        var failure: NotifyError?
        do throws(NotifyError) { try await n.notify(ctx, alerts: [makeAlert(["alertname": "A"], startsAt: clock.now())]) } catch {
            failure = error
        }
        return (server.requests, failure)
    }

    func test_followRedirectsTrue_postRepeatedAtLocation() async throws {
        let (requests, failure) = try await send(followRedirects: true)
        XCTAssertNil(failure)
        XCTAssertEqual(requests.map { "\($0.method) \($0.path)" }, ["POST /hook", "POST /moved"])
        XCTAssertEqual(requests.last?.bodyBytes, requests.first?.bodyBytes)
    }

    func test_followRedirectsFalse_redirectIsTheAnswer() async throws {
        let (requests, failure) = try await send(followRedirects: false)
        XCTAssertEqual(requests.map(\.path), ["/hook"])
        XCTAssertEqual(failure?.retryable, false)
        XCTAssertEqual(failure?.message, #"channel "": unexpected status code 307: nope"#)
    }
}
