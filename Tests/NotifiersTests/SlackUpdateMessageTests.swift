import AlertCore
import Foundation
import NotificationLog
import Notifiers
@testable import Notify
import Templating
import TestKit
import XCTest

/// Slack `update_message` (0.34): the first notification of a group posts a message; later
/// ones edit it with `chat.update`, naming the channel id and `ts` Slack answered. The pair
/// travels in the notification's receiver data (`threadTs`, `channelId`), which the pipeline
/// takes from and records in the notification log; here each test hands it on as the
/// pipeline would.
final class SlackUpdateMessageTests: XCTestCase {
    static let clients = NotifierHTTPClients()
    let clock = ManualClock(advancesOnSleep: true)

    func ctx(_ group: String, data: ReceiverDataStore = ReceiverDataStore()) -> NotificationContext {
        var c = NotificationContext(groupKey: group, groupLabels: ["alertname": "A"], receiverName: "team",
                                    repeatInterval: 3600, flushTime: clock.now(), deadline: clock.now().addingTimeInterval(60))
        c.receiverData = data
        return c
    }

    var alerts: [Alert] { [Alert(labels: ["alertname": "A"], startsAt: clock.now())] }

    func notifier(_ server: WebhookServer, update: Bool = true) throws -> SlackNotifier {
        var s = SlackNotifier.Settings()
        s.apiURL = server.url.replacingOccurrences(of: "/hook", with: "/api/chat.postMessage")
        s.channel = "#alerts"
        s.text = "{{ len .Alerts }} firing"
        s.updateMessage = update
        return SlackNotifier(settings: s, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am",
                             sender: try HTTPSender(http: HTTPOptions(), clients: Self.clients, clock: clock))
    }

    func body(_ r: WebhookServer.Request) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.bodyBytes)) as? [String: Any])
    }

    func test_updateMessage_secondNotification_editsThePostedMessage() async throws {
        let answer = #"{"ok":true,"channel":"C024BE91L","ts":"1700000000.000100"}"#
        let server = try WebhookServer(statuses: [200], headers: ["Content-Type": "application/json; charset=utf-8"],
                                       bodies: [answer])
        defer { server.stop() }
        let n = try notifier(server)
        let first = ReceiverDataStore()
        try await n.notify(ctx("{}:{alertname=\"A\"}", data: first), alerts: alerts)
        XCTAssertEqual(first.all, ["threadTs": .string("1700000000.000100"), "channelId": .string("C024BE91L")])
        // The group's next notification gets what the log recorded; another group starts empty.
        let second = ReceiverDataStore(first.all)
        try await n.notify(ctx("{}:{alertname=\"A\"}", data: second), alerts: alerts)
        XCTAssertEqual(second.all, first.all, "chat.update answers the same ts and channel")
        try await n.notify(ctx("{}:{alertname=\"B\"}"), alerts: alerts)
        let reqs = server.requests
        XCTAssertEqual(reqs.map(\.path), ["/api/chat.postMessage", "/api/chat.update", "/api/chat.postMessage"])
        XCTAssertEqual(try body(reqs[0])["channel"] as? String, "#alerts")
        XCTAssertNil(try body(reqs[0])["ts"])
        XCTAssertEqual(try body(reqs[1])["channel"] as? String, "C024BE91L")
        XCTAssertEqual(try body(reqs[1])["ts"] as? String, "1700000000.000100")
        XCTAssertTrue(reqs[1].body.isEmpty == false)
        // The edit carries the whole message again, ts right after the channel as 0.34 orders it.
        XCTAssertTrue(String(decoding: reqs[1].bodyBytes, as: UTF8.self)
            .hasPrefix(#"{"channel":"C024BE91L","ts":"1700000000.000100","attachments":[{"#))
        XCTAssertEqual(try body(reqs[2])["channel"] as? String, "#alerts", "another group posts its own message")
    }

    func test_updateMessage_off_everyNotificationPostsANewMessage() async throws {
        let server = try WebhookServer(statuses: [200], headers: ["Content-Type": "application/json"],
                                       bodies: [#"{"ok":true,"channel":"C1","ts":"1.2"}"#])
        defer { server.stop() }
        let n = try notifier(server, update: false)
        let data = ReceiverDataStore()
        try await n.notify(ctx("g", data: data), alerts: alerts)
        XCTAssertEqual(data.all, [:], "nothing is kept without update_message")
        let kept = ReceiverDataStore(["threadTs": .string("1.2"), "channelId": .string("C1")])
        try await n.notify(ctx("g", data: kept), alerts: alerts)
        XCTAssertEqual(server.requests.map(\.path), ["/api/chat.postMessage", "/api/chat.postMessage"])
    }

    func test_updateMessage_slackAnswersNotOK_failsWithoutRetryAndKeepsPosting() async throws {
        let server = try WebhookServer(statuses: [200], headers: ["Content-Type": "application/json"],
                                       bodies: [#"{"ok":false,"error":"channel_not_found"}"#])
        defer { server.stop() }
        let n = try notifier(server)
        let data = ReceiverDataStore()
        do throws(NotifyError) {
            try await n.notify(ctx("g", data: data), alerts: alerts)
            XCTFail("expected an error")
        } catch {
            XCTAssertFalse(error.retryable)
            XCTAssertEqual(error.message, ##"channel "#alerts": error response from Slack: channel_not_found"##)
            XCTAssertEqual(error.reason, .clientError)
        }
        XCTAssertEqual(data.all, [:])
        try? await n.notify(ctx("g", data: data), alerts: alerts)
        XCTAssertEqual(server.requests.map(\.path), ["/api/chat.postMessage", "/api/chat.postMessage"])
    }
}
