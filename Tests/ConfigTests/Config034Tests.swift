import Config
import XCTest

/// Keys of 0.26–0.34 that Tocsin loads: their values, and the load warning for each one that is
/// accepted but not implemented (never a silent no-op).
final class Config034Tests: XCTestCase {
    static func load(_ name: String) throws(ConfigError) -> LoadedConfig {
        try AlertmanagerConfig.load(file: Fixtures.path("corpus034/" + name + ".yml"))
    }

    func test_tracing_loadsWithNotImplementedWarning() throws {
        let loaded = try Self.load("tracing")
        XCTAssertEqual(loaded.config.tracing?.clientType, "http")
        XCTAssertEqual(loaded.config.tracing?.samplingFraction, 0.5)
        XCTAssertTrue(loaded.warnings.contains(TracingConfig.notImplementedWarning))
        XCTAssertEqual(try Self.load("tracing-grpc-default").config.tracing?.clientType, "grpc")
    }

    func test_webhook_urlFileAndTimeout_loaded() throws {
        let file = try XCTUnwrap(try Self.load("webhook-url-file").config.receivers[0].webhookConfigs.first)
        XCTAssertEqual(file.urlFile, "/etc/tocsin/webhook-url")
        XCTAssertEqual(file.url, "")
        XCTAssertEqual(try Self.load("webhook-timeout").config.receivers[0].webhookConfigs.first?.timeout, 10)
    }

    func test_webhook_payloadAndTemplatedURL_loadedWithoutWarning() throws {
        let payload = try Self.load("webhook-payload")
        XCTAssertEqual(payload.warnings, [])
        XCTAssertEqual(payload.config.receivers[0].webhookConfigs[0].payload,
                       .map(["text": .string("{{ .CommonLabels.alertname }}"), "count": .int(2)]))
        let templated = try Self.load("webhook-templated-url")
        XCTAssertTrue(templated.config.receivers[0].webhookConfigs[0].urlIsTemplated)
        XCTAssertEqual(templated.warnings, [])
    }

    func test_webhook_bothURLAndFile_refusedWithUpstreamText() {
        let yaml = "route:\n  receiver: r\nreceivers:\n- name: r\n  webhook_configs:\n  - url: http://a/\n    url_file: /f\n"
        XCTAssertThrowsError(try AlertmanagerConfig.load(yaml: yaml, baseDirectory: ".")) { error in
            XCTAssertEqual((error as? ConfigError)?.message, "at most one of url & url_file must be configured")
        }
    }

    func test_routeAndReceiverLabels_andInhibitName_loaded() throws {
        let route = try Self.load("route-labels")
        XCTAssertEqual(route.config.route.labels, ["team": "ops"])
        XCTAssertEqual(route.config.route.routes.first?.labels["tier"], "{{ .GroupLabels.service }}")
        XCTAssertFalse(route.warnings.contains { $0.contains("route labels") }, "route labels are implemented")
        XCTAssertEqual(try Self.load("receiver-labels").config.receivers[0].labels, ["team": "ops"])
        XCTAssertEqual(try Self.load("inhibit-rule-name").config.inhibitRules.first?.name, "critical-mutes-warning")
    }

    func test_slackUpdateMessage_loadsWithoutWarning() throws {
        let loaded = try Self.load("slack-update-message")
        XCTAssertFalse(loaded.warnings.contains { $0.contains("update_message") }, "update_message is implemented")
    }

    func test_slackAndPagerDutyTimeout_loadedWithoutWarning() throws {
        for name in ["slack-timeout", "pagerduty-timeout"] {
            let loaded = try Self.load(name)
            XCTAssertEqual(loaded.warnings, [], name)
            guard case .duration(let d)? = loaded.config.receivers[0].otherConfigs[0]["timeout"] else { return XCTFail(name) }
            XCTAssertGreaterThan(d, 0)
        }
    }

    func test_globalSMTPTLSConfigAndSecretFile_fallIntoEmailConfigs() throws {
        let tls = try XCTUnwrap(try Self.load("smtp-tls-config-global").config.receivers[0].emailConfigs.first)
        XCTAssertEqual(tls.tlsConfig.serverName, "mail.example.org")
        XCTAssertEqual(tls.tlsConfig.minVersion, "TLS12")
        let secret = try XCTUnwrap(try Self.load("smtp-auth-secret-file-global").config.receivers[0].emailConfigs.first)
        XCTAssertEqual(secret.smtp.authSecret.file, "/etc/tocsin/smtp-secret")
    }

    func test_emailThreading_badThreadByDate_refused() {
        let yaml = "route:\n  receiver: r\nreceivers:\n- name: r\n  email_configs:\n  - to: a@b\n    from: c@d\n"
            + "    smarthost: h:25\n    threading:\n      enabled: true\n      thread_by_date: weekly\n"
        XCTAssertThrowsError(try AlertmanagerConfig.load(yaml: yaml, baseDirectory: ".")) { error in
            XCTAssertEqual((error as? ConfigError)?.message, "threading.thread_by_date must be either 'none' or 'daily'")
        }
    }

    func test_marshalled_withNew034Keys_reloads() throws {
        for name in ["email-threading", "route-labels", "inhibit-rule-name", "smtp-tls-config-global",
                     "telegram-global-bot-token", "pagerduty-nested-details", "webhook-url-file"] {
            let loaded = try Self.load(name)
            XCTAssertNoThrow(try AlertmanagerConfig.load(yaml: loaded.marshalledYAML, baseDirectory: "."), name)
        }
    }

    func test_labelNames_utf8InFallbackMode_classicRulesInClassicMode() throws {
        for (file, message) in [("group-by-invalid-label.yml", "invalid label name \"foo-bar\" in group_by list"),
                                ("inhibit-bad-equal.yml", "invalid label name \"not-valid\" in equal list")] {
            XCTAssertNoThrow(try AlertmanagerConfig.load(file: Fixtures.path(file)), file)
            XCTAssertThrowsError(try AlertmanagerConfig.load(file: Fixtures.path(file), matcherMode: .classic)) { error in
                XCTAssertEqual((error as? ConfigError)?.message, message)
            }
        }
    }

    func test_eventRecorder_loadsWithWarning_andIsChecked() throws {
        XCTAssertTrue(try Self.load("event-recorder").warnings.contains(EventRecorderConfig.notImplementedWarning))
        let head = "route:\n  receiver: r\nreceivers:\n- name: r\nevent_recorder:\n"
        for (tail, message) in [
            ("  file_outputs:\n  - {}\n", "event_recorder file output requires a path"),
            ("  kafka_outputs:\n  - brokers: [k:9092]\n", "event_recorder kafka output requires a topic"),
            ("  kafka_outputs:\n  - topic: t\n", "event_recorder kafka: at least one broker is required"),
            ("  webhook_outputs:\n  - url: http://e/\n    batch_max_events: 5\n",
             "event_recorder webhook batch settings require batch: true"),
            ("  syslog_outputs: []\n", "yaml: unmarshal errors:\n  line 6: field syslog_outputs not found in type eventrecorder.plain"),
        ] {
            XCTAssertThrowsError(try AlertmanagerConfig.load(yaml: head + tail, baseDirectory: ".")) { error in
                XCTAssertEqual((error as? ConfigError)?.message, message)
            }
        }
    }
}
