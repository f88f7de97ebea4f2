import AlertCore
import AlertStore
import Foundation
import NotificationLog
@testable import Notifiers
@testable import Notify
import Templating
import TestKit
import XCTest

/// The behaviour every HTTP integration shares (retry by status, `Retry-After`, truncation,
/// group-key hashes), exercised through a real integration against a local server, with a
/// manual clock that moves when the retry stage sleeps.
final class HTTPIntegrationTests: XCTestCase {
    static let clients = NotifierHTTPClients()
    let clock = ManualClock(advancesOnSleep: true)

    var alerts: [Alert] { [makeAlert(["alertname": "A", "job": "x"], startsAt: clock.now())] }

    func discord(_ url: String) throws -> DiscordNotifier {
        var s = DiscordNotifier.Settings()
        s.webhookURL = url
        s.title = #"{{ template "discord.default.title" . }}"#
        s.message = #"{{ template "discord.default.message" . }}"#
        return DiscordNotifier(settings: s, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am:9093",
                               sender: try HTTPSender(http: HTTPOptions(), clients: Self.clients, clock: clock))
    }

    func run(_ n: any Notifier) async -> Bool {
        let p = Pipeline(receivers: [Receiver(name: "team", integrations: [
            Integration(name: "discord", index: 0, sendResolved: true, notifier: n)])],
            marker: InMemoryAlerts().marker, log: NotificationLogStore(retention: 3600), clock: clock, random: { 0.5 })
        return await p.notify(AlertGroupFlush(groupKey: #"{}:{alertname="A"}"#, groupLabels: ["alertname": "A"],
                                              receiver: "team", repeatInterval: 3600, groupInterval: 60,
                                              alerts: alerts, now: clock.now()))
    }

    func test_retry_500Then200_retriedAndDelivered() async throws {
        let server = try WebhookServer(statuses: [500, 200])
        defer { server.stop() }
        let ok = await run(try discord(server.url))
        XCTAssertTrue(ok)
        XCTAssertEqual(server.requests.count, 2)
    }

    func test_retry_400_notRetried() async throws {
        let server = try WebhookServer(statuses: [400])
        defer { server.stop() }
        let ok = await run(try discord(server.url))
        XCTAssertFalse(ok)
        XCTAssertEqual(server.requests.count, 1)
    }

    func test_retry_429WithRetryAfter2_waitsAtLeastTwoSeconds() async throws {
        let server = try WebhookServer(statuses: [429, 200], headers: ["Retry-After": "2"])
        defer { server.stop() }
        let start = clock.now()
        let ok = await run(try discord(server.url))
        XCTAssertTrue(ok)
        XCTAssertEqual(server.requests.count, 2)
        // Without Retry-After the backoff would wait 0.5 s.
        XCTAssertEqual(clock.sleeps.count, 1)
        XCTAssertGreaterThanOrEqual(clock.sleeps.first ?? .zero, .seconds(2))
        XCTAssertGreaterThanOrEqual(clock.now().timeIntervalSince(start), 2)
    }

    func ctx() -> NotificationContext {
        NotificationContext(groupKey: #"{}:{alertname="A"}"#, groupLabels: ["alertname": "A"], receiverName: "team",
                            repeatInterval: 3600, flushTime: clock.now(), deadline: clock.now().addingTimeInterval(30))
    }

    func test_wechat_expiredToken42001_tokenFetchedAgainOnNextAttempt() async throws {
        let server = try WebhookServer(statuses: [200], bodies: [
            #"{"access_token":"t1"}"#, #"{"code":42001,"error":"access_token expired"}"#,
            #"{"access_token":"t2"}"#, #"{"code":0}"#,
        ])
        defer { server.stop() }
        var s = WeChatNotifier.Settings()
        s.apiURL = server.url + "/"
        s.apiSecret = "sec"
        s.corpID = "corp"
        s.message = "hi"
        let n = WeChatNotifier(settings: s, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am",
                               sender: try HTTPSender(http: HTTPOptions(), clients: Self.clients, clock: clock))
        do throws(NotifyError) {
            try await n.notify(ctx(), alerts: alerts)
            XCTFail("42001 must fail")
        } catch {
            XCTAssertTrue(error.retryable)
            XCTAssertEqual(error.message, "access_token expired")
        }
        try await n.notify(ctx(), alerts: alerts)
        XCTAssertEqual(server.requests.map { "\($0.method) \($0.path)" }, [
            "GET /hook/gettoken?corpid=corp&corpsecret=sec", "POST /hook/message/send?access_token=t1",
            "GET /hook/gettoken?corpid=corp&corpsecret=sec", "POST /hook/message/send?access_token=t2",
        ])
    }

    func test_telegram_okFalse_retryableWithDescription() async throws {
        let server = try WebhookServer(statuses: [400], bodies: [#"{"ok":false,"error_code":400,"description":"chat not found"}"#])
        defer { server.stop() }
        var s = TelegramNotifier.Settings()
        s.apiURL = "http://127.0.0.1:\(server.port)"
        s.botToken = "tok"
        s.chatID = 7
        s.message = "hi"
        let n = TelegramNotifier(settings: s, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am",
                                 sender: try HTTPSender(http: HTTPOptions(), clients: Self.clients, clock: clock))
        do throws(NotifyError) {
            try await n.notify(ctx(), alerts: alerts)
            XCTFail("ok:false must fail")
        } catch {
            XCTAssertTrue(error.retryable, "0.25's Telegram notifier retries every failure")
            XCTAssertEqual(error.message, "telegram: chat not found (400)")
        }
        XCTAssertEqual(server.requests.first?.path, "/bottok/sendMessage")
        XCTAssertEqual(server.requests.first.map { String(decoding: $0.bodyBytes, as: UTF8.self) },
                       #"{"chat_id":"7","disable_web_page_preview":"true","text":"hi"}"# + "\n")
    }

    func test_statusCheck_codes_retriedAsAlertmanagerWith429() {
        func outcome(_ code: Int, _ extra: Set<Int> = []) -> Bool? {
            do {
                try StatusCheck.check(HTTPReply(status: code, headers: [:], body: Array("b".utf8)), retryCodes: extra)
                return nil
            } catch { return error.retryable }
        }
        XCTAssertNil(outcome(200))
        XCTAssertNil(outcome(202))
        XCTAssertEqual(outcome(500), true)
        XCTAssertEqual(outcome(503), true)
        XCTAssertEqual(outcome(429), true)
        XCTAssertEqual(outcome(400), false)
        XCTAssertEqual(outcome(404), false)
        XCTAssertEqual(outcome(403), false)
        XCTAssertEqual(outcome(403, [403]), true, "PagerDuty v1 retries 403")
        XCTAssertEqual(StatusCheck.retryAfter("7", now: Date()), 7)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        XCTAssertEqual(StatusCheck.retryAfter("Tue, 14 Nov 2023 22:13:30 GMT", now: now), 10)
        XCTAssertNil(StatusCheck.retryAfter("soon", now: now))
    }

    /// The cases of Alertmanager's `TestTruncate` (notify/util_test.go).
    func test_truncate_runesAndBytes_asGo() {
        let cases: [(String, Int, String, Bool, String, Bool)] = [
            ("", 5, "", false, "", false),
            ("abcde", 2, "ab", true, "..", true),
            ("abcde", 4, "abc…", true, "a…", true),
            ("abcde", 5, "abcde", false, "abcde", false),
            ("abcdefgh", 5, "abcd…", true, "ab…", true),
            ("a⌘cde", 5, "a⌘cde", false, "a…", true),
            ("a⌘cdef", 5, "a⌘cd…", true, "a…", true),
            ("世界cdef", 3, "世界c", true, "…", true),
            ("❤️✅🚀🔥❌❤️✅🚀🔥❌❤️✅🚀🔥❌❤️✅🚀🔥❌", 19, "❤️✅🚀🔥❌❤️✅🚀🔥❌❤️✅🚀🔥❌…", true, "❤️✅🚀…", true),
        ]
        for (input, n, runes, runesCut, bytes, bytesCut) in cases {
            XCTAssertTrue(Truncate.runes(input, n) == (runes, runesCut), "runes \(input) \(n)")
            XCTAssertTrue(Truncate.bytes(input, n) == (bytes, bytesCut), "bytes \(input) \(n)")
        }
    }

    func test_groupKeyHash_isHexSHA256() {
        XCTAssertEqual(GroupKeyHash.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func test_metricBytes_asAlecthomasUnits() {
        XCTAssertEqual(PagerDutyNotifier.metricBytes(512_000), "512KB")
        XCTAssertEqual(PagerDutyNotifier.metricBytes(600_123), "600KB123B")
    }
}
