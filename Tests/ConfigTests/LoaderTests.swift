import AlertCore
import Config
import Foundation
import XCTest

final class LoaderTests: XCTestCase {
    func test_md5_knownVectors() {
        XCTAssertEqual(MD5.hex(""), "d41d8cd98f00b204e9800998ecf8427e")
        XCTAssertEqual(MD5.hex("abc"), "900150983cd24fb0d6963f7d28e17f72")
        XCTAssertEqual(MD5.hex("The quick brown fox jumps over the lazy dog"), "9e107d9d372bb6826bd81d3542a419d6")
        XCTAssertEqual(MD5.hex(String(repeating: "a", count: 1000)), "cabe45dcc9ae5b66ba86600cca6b8ba8")
    }

    func test_configHash_firstSixBytesLittleEndian() throws {
        XCTAssertEqual(MD5.configHash(""), 617_830_161_876)
        let text = "route:\n  receiver: a\nreceivers:\n- name: a\n"
        let loaded = try AlertmanagerConfig.load(yaml: text, baseDirectory: ".")
        XCTAssertEqual(loaded.hash, MD5.configHash(text))
        XCTAssertEqual(MD5.configHash("route:\n  receiver: a\n"), 134_655_515_402_876)
    }

    func test_secretFiles_readAtLoadRelativeToConfigDir() throws {
        let cfg = try AlertmanagerConfig.load(file: Fixtures.path("secrets-files.yml")).config
        let email = try XCTUnwrap(cfg.receivers.first?.emailConfigs.first)
        XCTAssertEqual(email.smtp.authPassword.effective.value, "s3cret-from-file")
        let http = try XCTUnwrap(cfg.receivers.first?.webhookConfigs.first?.httpConfig)
        XCTAssertEqual(http.authorization?.type, "Bearer")
        XCTAssertEqual(http.authorization?.credentials.effective.value, "tok-from-file\n")
        XCTAssertEqual(http.tlsConfig.caFile, Fixtures.path("secrets/ca.pem"))
    }

    func test_unreadableSecretFile_isWarningNotError() throws {
        let yaml = """
        route:
          receiver: r
        receivers:
        - name: r
          webhook_configs:
          - url: http://x/
            http_config:
              basic_auth:
                username: u
                password_file: does-not-exist.txt
        """
        let loaded = try AlertmanagerConfig.load(yaml: yaml, baseDirectory: "/nonexistent")
        XCTAssertEqual(loaded.warnings.count, 1)
        XCTAssertTrue(loaded.warnings[0].contains("/nonexistent/does-not-exist.txt"))
    }

    func test_email_globalFallbacksApplied() throws {
        let cfg = try AlertmanagerConfig.load(file: Fixtures.path("valid-full.yml")).config
        let email = try XCTUnwrap(cfg.receiver(named: "default")?.emailConfigs.first)
        XCTAssertEqual(email.smtp.from, "alertmanager@example.org")
        XCTAssertEqual(email.smtp.smarthost?.description, "localhost:25")
        XCTAssertEqual(email.smtp.hello, "localhost")
        XCTAssertEqual(email.smtp.authUsername, "am")
        XCTAssertEqual(email.smtp.authPassword.inline.value, "hunter2")
        XCTAssertEqual(email.requireTLS, false)
        XCTAssertEqual(email.headers["Subject"], "Alert {{ .GroupLabels.alertname }}", "header key canonicalised")
        XCTAssertFalse(email.sendResolved)
    }

    func test_webhook_inheritsGlobalHTTPConfigUnlessOwn() throws {
        let cfg = try AlertmanagerConfig.load(file: Fixtures.path("valid-full.yml")).config
        let wh = try XCTUnwrap(cfg.receiver(named: "team-a")?.webhookConfigs.first)
        XCTAssertEqual(wh.httpConfig?.basicAuth?.username, "u")
        XCTAssertEqual(wh.maxAlerts, 10)
        XCTAssertFalse(wh.sendResolved)
        let plain = try AlertmanagerConfig.load(file: Fixtures.path("http-config-full.yml")).config
        let inherited = try XCTUnwrap(plain.receivers.first?.webhookConfigs.first?.httpConfig)
        XCTAssertEqual(inherited.oauth2?.clientID, "id")
        XCTAssertFalse(inherited.followRedirects)
        XCTAssertEqual(inherited.tlsConfig.minVersion, "TLS12")
    }

    func test_unsupportedIntegrations_every025Type_noneLeft() throws {
        let loaded = try AlertmanagerConfig.load(file: Fixtures.path("valid-full.yml"))
        XCTAssertEqual(Set(loaded.config.receivers.flatMap { $0.otherConfigs.map(\.type) }), [
            "slack_configs", "pagerduty_configs", "opsgenie_configs", "victorops_configs", "pushover_configs",
            "wechat_configs", "sns_configs", "telegram_configs", "discord_configs", "webex_configs",
        ])
        XCTAssertEqual(loaded.unsupportedIntegrations, [], "every 0.25 integration delivers")
        let other = try XCTUnwrap(loaded.config.receiver(named: "team-b")?.otherConfigs.first { $0.type == "opsgenie_configs" })
        XCTAssertEqual(other.text("api_key"), "ogkey", "global OpsGenie key applied")
        XCTAssertEqual(other.text("api_url"), "https://api.opsgenie.com/")
    }

    func test_matcherFallback_warningCollected() throws {
        let yaml = "route:\n  receiver: r\n  routes:\n  - matchers: ['foo=bar baz']\nreceivers:\n- name: r\n"
        let loaded = try AlertmanagerConfig.load(yaml: yaml, baseDirectory: ".")
        XCTAssertEqual(loaded.config.route.routes[0].matchers.map(\.value), ["bar baz"])
        XCTAssertEqual(loaded.warnings.count, 1)
        XCTAssertTrue(loaded.warnings[0].contains("input=\"foo=bar baz\" origin=config"))
    }

    func test_classicMode_rejectsNothingExtraAndWarnsNothing() throws {
        let yaml = "route:\n  receiver: r\n  routes:\n  - matchers: ['foo=bar baz']\nreceivers:\n- name: r\n"
        XCTAssertEqual(try AlertmanagerConfig.load(yaml: yaml, baseDirectory: ".", matcherMode: .classic).warnings, [])
    }

    func test_timeIntervals_sharedNamespaceEvaluated() throws {
        let cfg = try AlertmanagerConfig.load(file: Fixtures.path("valid-full.yml")).config
        let byName = cfg.timeIntervalsByName
        XCTAssertEqual(Set(byName.keys), ["offhours", "business-hours"])
        // 2024-01-01 was a Monday; 10:00 UTC is 11:00 in Berlin.
        let monday10 = Date(timeIntervalSince1970: 1_704_103_200)
        XCTAssertEqual(byName["business-hours"]?.contains(monday10), true)
        XCTAssertEqual(byName["offhours"]?.contains(monday10), false)
        XCTAssertEqual(byName["offhours"]?.fromMuteTimeIntervals, true)
    }

    func test_yamlSyntaxError_usesYamlV2Wording() {
        XCTAssertThrowsError(try AlertmanagerConfig.load(yaml: "route:\n  receiver: r\n receivers:\n", baseDirectory: ".")) { error in
            XCTAssertEqual((error as? ConfigError)?.message, "yaml: line 2: did not find expected key")
        }
    }
}
