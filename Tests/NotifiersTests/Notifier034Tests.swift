import AlertCore
import Foundation
@testable import Notifiers
@testable import Notify
import Templating
import TestKit
import XCTest

/// Keys 0.26–0.34 added to the webhook and Discord integrations, seen at the receiving end.
final class Notifier034Tests: XCTestCase {
    static let clients = NotifierHTTPClients()
    let clock = ManualClock(advancesOnSleep: true)

    func ctx() -> NotificationContext {
        NotificationContext(groupKey: #"{}:{alertname="A"}"#, groupLabels: ["alertname": "A"], receiverName: "team",
                            repeatInterval: 3600, flushTime: clock.now(), deadline: clock.now().addingTimeInterval(30))
    }

    var alerts: [Alert] { [makeAlert(["alertname": "A", "job": "x"], startsAt: clock.now())] }

    func urlFile(_ content: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("url-\(UUID().uuidString)").path
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func test_webhook_urlFile_requestGoesToTheTrimmedURLReadAtSend() async throws {
        let server = try WebhookServer(statuses: [200])
        defer { server.stop() }
        let n = try WebhookNotifier(url: "", urlFile: try urlFile(server.url + "\n"), externalURL: "http://am:9093",
                                    clients: Self.clients, clock: clock)
        try await n.notify(ctx(), alerts: alerts)
        XCTAssertEqual(server.requests.map(\.path), ["/hook"])
    }

    func test_webhook_missingURLFile_failsPermanentlyNamingIt() async throws {
        let n = try WebhookNotifier(url: "", urlFile: "/nonexistent/tocsin-url", externalURL: "http://am:9093",
                                    clients: Self.clients, clock: clock)
        do {
            try await n.notify(ctx(), alerts: alerts)
            XCTFail("expected an error")
        } catch {
            XCTAssertFalse(error.retryable)
            XCTAssertEqual(error.message, "read url_file: open /nonexistent/tocsin-url: no such file or directory")
        }
    }

    func test_discord_contentUsernameAvatarAndURLFile_inTheBody() async throws {
        let server = try WebhookServer(statuses: [200])
        defer { server.stop() }
        var s = DiscordNotifier.Settings()
        s.webhookURLFile = try urlFile(server.url)
        s.title = "T"
        s.message = "M"
        s.content = "{{ .CommonLabels.alertname }} fired"
        s.username = "tocsin"
        s.avatarURL = "https://example.org/a.png"
        let n = DiscordNotifier(settings: s, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am:9093",
                                sender: try HTTPSender(http: HTTPOptions(), clients: Self.clients, clock: clock))
        try await n.notify(ctx(), alerts: alerts)
        let body = String(decoding: server.requests.first?.bodyBytes ?? [], as: UTF8.self)
        XCTAssertEqual(body, #"{"content":"A fired","embeds":[{"title":"T","description":"M","color":10038562}],"#
            + #""username":"tocsin","avatar_url":"https://example.org/a.png"}"# + "\n")
    }

    func test_discord_noContentNorUsername_bodyAsBefore() throws {
        var s = DiscordNotifier.Settings()
        s.title = "T"
        s.message = "M"
        let n = DiscordNotifier(settings: s, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am:9093",
                                sender: try HTTPSender(http: HTTPOptions(), clients: Self.clients, clock: clock))
        let body = String(decoding: try n.payload(ctx(), alerts: alerts, now: clock.now()), as: UTF8.self)
        XCTAssertEqual(body, #"{"content":"","embeds":[{"title":"T","description":"M","color":10038562}]}"# + "\n")
    }

    func test_telegram_tokenAndChatIDFilesAndThreadID_inPathAndBody() async throws {
        let server = try WebhookServer(statuses: [200], bodies: [#"{"ok":true,"result":{"message_id":1,"chat":{"id":42}}}"#])
        defer { server.stop() }
        var s = TelegramNotifier.Settings()
        s.apiURL = "http://127.0.0.1:\(server.port)"
        s.botTokenFile = try urlFile("filetok\n")
        s.chatIDFile = try urlFile(" 42\n")
        s.messageThreadID = 9
        s.message = "hi"
        let n = TelegramNotifier(settings: s, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am",
                                 sender: try HTTPSender(http: HTTPOptions(), clients: Self.clients, clock: clock))
        try await n.notify(ctx(), alerts: alerts)
        XCTAssertEqual(server.requests.first?.path, "/botfiletok/sendMessage")
        XCTAssertEqual(server.requests.first.map { String(decoding: $0.bodyBytes, as: UTF8.self) },
                       #"{"chat_id":"42","disable_web_page_preview":"true","message_thread_id":"9","text":"hi"}"# + "\n")
    }

    func test_telegram_chatIDFileNotANumber_failsRetryably() async throws {
        var s = TelegramNotifier.Settings()
        s.apiURL = "http://127.0.0.1:9"
        s.botToken = "t"
        let path = try urlFile("abc")
        s.chatIDFile = path
        let n = TelegramNotifier(settings: s, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am",
                                 sender: try HTTPSender(http: HTTPOptions(), clients: Self.clients, clock: clock))
        do throws(NotifyError) {
            try await n.notify(ctx(), alerts: alerts)
            XCTFail("expected an error")
        } catch {
            XCTAssertTrue(error.retryable)
            XCTAssertEqual(error.message, "could not parse chat_id from \(path): strconv.ParseInt: parsing \"abc\": invalid syntax")
        }
    }

    func sender() throws -> HTTPSender { try HTTPSender(http: HTTPOptions(), clients: Self.clients, clock: clock) }

    func test_wechat_apiSecretFile_trimmedSecretInTokenRequest() async throws {
        let server = try WebhookServer(statuses: [200], bodies: [#"{"access_token":"t1"}"#, #"{"code":0}"#])
        defer { server.stop() }
        var s = WeChatNotifier.Settings()
        s.apiURL = server.url + "/"
        s.apiSecretFile = try urlFile("filesec\n")
        s.corpID = "corp"
        s.message = "hi"
        let n = WeChatNotifier(settings: s, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am", sender: try sender())
        try await n.notify(ctx(), alerts: alerts)
        XCTAssertEqual(server.requests.first.map { "\($0.method) \($0.path)" }, "GET /hook/gettoken?corpid=corp&corpsecret=filesec")
    }

    func test_slack_messageText_isTheTopLevelTextBeforeAttachments() throws {
        var s = SlackNotifier.Settings()
        s.apiURL = "http://127.0.0.1:9/"
        s.messageText = "{{ .CommonLabels.alertname }} is firing"
        let n = SlackNotifier(settings: s, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am", sender: try sender())
        let body = String(decoding: try n.payload(ctx(), alerts: alerts, now: clock.now()), as: UTF8.self)
        XCTAssertTrue(body.hasPrefix(#"{"text":"A is firing","attachments":[{"#), body)
        var plain = s
        plain.messageText = ""
        let before = SlackNotifier(settings: plain, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am",
                                   sender: try sender())
        XCTAssertTrue(String(decoding: try before.payload(ctx(), alerts: alerts, now: clock.now()), as: UTF8.self)
            .hasPrefix(#"{"attachments":[{"#))
    }

    func test_pagerduty_nestedDetails_renderedAndReparsedAsNestedJSON() throws {
        var s = PagerDutyNotifier.Settings()
        s.routingKey = "k"
        s.url = "http://127.0.0.1:9/"
        s.description = "d"
        s.details = ["flat": "{{ len .Alerts }}"]
        s.nestedDetails = ["owner": .map(["name": .string("{{ .CommonLabels.alertname }}"), "tags": .list([.string("a")])]),
                           "count": .string("{{ len .Alerts }}")]
        s.reparse = { Int64($0).map(JSONTree.int) }
        let n = PagerDutyNotifier(settings: s, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am",
                                  sender: try sender())
        let body = String(decoding: try n.payload(ctx(), alerts: alerts, now: clock.now()), as: UTF8.self)
        XCTAssertTrue(body.contains(#""custom_details":{"count":1,"flat":"1","owner":{"name":"A","tags":["a"]}}"#), body)
    }

    func test_webhook_templatedURLAndPayload_renderedPerGroup() async throws {
        let server = try WebhookServer(statuses: [200])
        defer { server.stop() }
        let payload = JSONTree.map(["text": .string("{{ .CommonLabels.alertname }} <b>"), "count": .string("{{ len .Alerts }}"),
                                    "tags": .list([.string("x"), .int(2)])])
        let n = try WebhookNotifier(url: server.url + "/{{ .GroupLabels.alertname }}", externalURL: "http://am:9093",
                                    templates: try TemplateSet.fromGlobs([]), payload: payload,
                                    reparse: { Int64($0).map(JSONTree.int) }, clients: Self.clients, clock: clock)
        try await n.notify(ctx(), alerts: alerts)
        XCTAssertEqual(server.requests.map(\.path), ["/hook/A"])
        XCTAssertEqual(server.requests.first.map { String(decoding: $0.bodyBytes, as: UTF8.self) },
                       #"{"count":1,"tags":["x",2],"text":"A \u003cb\u003e"}"# + "\n")
    }

    func test_discord_contentReadsNotificationReason_renderedFromTheContext() throws {
        // 0.34's `.NotificationReason`: a 0.34 template reading it must render, not fail.
        var s = DiscordNotifier.Settings()
        s.title = "T"
        s.message = "M"
        s.content = "{{ .NotificationReason }}"
        let n = DiscordNotifier(settings: s, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am:9093",
                                sender: try HTTPSender(http: HTTPOptions(), clients: Self.clients, clock: clock))
        var c = ctx()
        c.notificationReason = "first notification"
        let body = String(decoding: try n.payload(c, alerts: alerts, now: clock.now()), as: UTF8.self)
        XCTAssertTrue(body.hasPrefix(#"{"content":"first notification","#), body)
    }

    func test_webhook_urlEmptyAfterTemplating_failsPermanently() async throws {
        let n = try WebhookNotifier(url: "{{ .CommonLabels.nothing }}", externalURL: "http://am:9093",
                                    templates: try TemplateSet.fromGlobs([]), clients: Self.clients, clock: clock)
        do throws(NotifyError) {
            try await n.notify(ctx(), alerts: alerts)
            XCTFail("expected an error")
        } catch {
            XCTAssertFalse(error.retryable)
            XCTAssertEqual(error.message, "webhook URL is empty after templating")
        }
    }
}
