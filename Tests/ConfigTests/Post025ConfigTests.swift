import Config
import Foundation
import XCTest

/// Configs of Alertmanager 0.26–0.34 with the integrations added after 0.25 load with 0.34's
/// defaults, and bad ones fail with 0.34's texts (`notify/<name>/config.go`, `config/config.go`).
final class Post025ConfigTests: XCTestCase {
    func load(_ receiver: String, global: String = "") throws -> LoadedConfig {
        let text = "global:\n  resolve_timeout: 5m\n\(global)route:\n  receiver: r\nreceivers:\n- name: r\n\(receiver)"
        return try AlertmanagerConfig.load(yaml: text, baseDirectory: ".")
    }

    func integration(_ loaded: LoadedConfig, _ type: String) throws -> IntegrationConfig {
        try XCTUnwrap(loaded.config.receivers.first?.otherConfigs.first { $0.type == type })
    }

    func assertError(_ receiver: String, global: String = "", _ message: String, file: StaticString = #filePath,
                     line: UInt = #line) {
        XCTAssertThrowsError(try load(receiver, global: global), file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains(message), "\(error)", file: file, line: line)
        }
    }

    func test_allSixIntegrations_loadWithDefaultsAndDeliverableOnesAreNotReported() throws {
        let loaded = try load("""
          msteams_configs: [{webhook_url: "http://teams/x"}]
          msteamsv2_configs: [{webhook_url: "http://flow/x"}]
          jira_configs: [{project: OPS, issue_type: Bug}]
          rocketchat_configs: [{channel: "#ops"}]
          mattermost_configs: [{}]
          incidentio_configs: [{url: "http://iio/x", alert_source_token: t}]

        """, global: """
          jira_api_url: http://jira/rest/api/2
          rocketchat_token: tok
          rocketchat_token_id: uid
          mattermost_webhook_url: http://mm/hooks/x

        """)
        let teams = try integration(loaded, "msteams_configs")
        XCTAssertTrue(teams.sendResolved)
        XCTAssertEqual(teams.text("summary"), #"{{ template "msteams.default.summary" . }}"#)
        let jira = try integration(loaded, "jira_configs")
        XCTAssertEqual(jira.text("api_url"), "http://jira/rest/api/2")
        XCTAssertEqual(jira.text("api_type"), "auto")
        XCTAssertEqual(jira.text("priority"), #"{{ template "jira.default.priority" . }}"#)
        let rc = try integration(loaded, "rocketchat_configs")
        XCTAssertFalse(rc.sendResolved)
        XCTAssertEqual(rc.text("api_url"), "https://open.rocket.chat/")
        XCTAssertEqual(rc.text("token"), "tok")
        XCTAssertEqual(rc.text("token_id"), "uid")
        XCTAssertEqual(try integration(loaded, "mattermost_configs").text("webhook_url"), "http://mm/hooks/x")
        XCTAssertEqual(loaded.unsupportedIntegrations, [])
        XCTAssertTrue(loaded.marshalledYAML.contains("jira_api_url: http://jira/rest/api/2"), loaded.marshalledYAML)
        XCTAssertTrue(loaded.marshalledYAML.contains("rocketchat_token: <secret>"), loaded.marshalledYAML)
        XCTAssertFalse(loaded.marshalledYAML.contains("tok\n"), loaded.marshalledYAML)
    }

    func test_jiraFieldForms_stringOrObjectAndFreeFormFields() throws {
        let loaded = try load("""
          jira_configs:
          - api_url: http://jira/rest/api/3
            project: OPS
            issue_type: Bug
            summary: {template: "S", enable_update: false}
            description: "D"
            reopen_duration: 1h30m
            fields: {customfield_1: {value: "{{ .Status }}"}, customfield_2: [1, 2.5, true]}

        """)
        let jira = try integration(loaded, "jira_configs")
        XCTAssertEqual(jira["summary"], .object(["template": .string("S"), "enable_update": .bool(false)]))
        XCTAssertEqual(jira["description"], .object(["template": .string("D")]))
        XCTAssertEqual(jira["reopen_duration"], .duration(5400))
        XCTAssertEqual(jira["fields"], .tree(.map(["customfield_1": .map(["value": .string("{{ .Status }}")]),
                                                   "customfield_2": .list([.int(1), .float(2.5), .bool(true)])])))
        XCTAssertTrue(loaded.marshalledYAML.contains("reopen_duration: 1h30m"), loaded.marshalledYAML)
    }

    func test_marshalledPost025Config_loadsAgainWithSecretsHidden() throws {
        let first = try load("""
          mattermost_configs:
          - webhook_url: http://mm/hooks/secret-id
            attachments: [{title: T, fields: [{title: a, value: b, short: true}]}]
            priority: {priority: urgent, requested_ack: true}
          rocketchat_configs: [{token: tok, token_id: uid, actions: [{type: button, text: Go, url: "http://x/"}]}]
          jira_configs:
          - {api_url: "http://jira/rest/api/2", project: P, issue_type: B, fields: {customfield_1: [1, "two"]}}

        """)
        let yaml = first.marshalledYAML
        XCTAssertFalse(yaml.contains("secret-id"), yaml)
        XCTAssertFalse(yaml.contains("tok\n") || yaml.contains("uid"), yaml)
        let again = try AlertmanagerConfig.load(yaml: yaml, baseDirectory: ".")
        XCTAssertEqual(again.marshalledYAML, yaml)
        XCTAssertEqual(try integration(again, "jira_configs")["fields"],
                       .tree(.map(["customfield_1": .list([.int(1), .string("two")])])))
    }

    func test_badPost025Configs_failWithAlertmanager034Texts() {
        assertError("  msteams_configs: [{}]\n", "one of webhook_url or webhook_url_file must be configured")
        assertError("  msteamsv2_configs: [{webhook_url: 'http://x/', webhook_url_file: f}]\n",
                    "at most one of webhook_url & webhook_url_file must be configured")
        assertError("  jira_configs: [{issue_type: Bug}]\n", "missing project in jira_config")
        assertError("  jira_configs: [{project: P}]\n", "missing issue_type in jira_config")
        assertError("  jira_configs: [{project: P, issue_type: B, api_type: x}]\n",
                    "unknown api_type on jira_config, must be auto, cloud or datacenter")
        assertError("  jira_configs: [{project: P, issue_type: B}]\n", "no global Jira Cloud URL set")
        assertError("  rocketchat_configs: [{token: a}]\n", "no global Rocketchat TokenID set either inline or in a file")
        assertError("  rocketchat_configs: [{token_id: a}]\n", "no global Rocketchat Token set either inline or in a file")
        assertError("  rocketchat_configs: [{token: a, token_file: f}]\n", "at most one of token & token_file must be configured")
        assertError("  mattermost_configs: [{}]\n", "missing webhook_url or webhook_url_file on mattermost_config")
        assertError("  mattermost_configs: [{webhook_url: 'http://x/', fields: [{title: t}]}]\n",
                    "missing value in Mattermost field configuration")
        assertError("  mattermost_configs: [{webhook_url: 'http://x/'}]\n",
                    global: "  mattermost_webhook_url: http://y/\n  mattermost_webhook_url_file: f\n",
                    "at most one of mattermost_webhook_url & mattermost_webhook_url_file must be configured")
        assertError("  incidentio_configs: [{alert_source_token: t}]\n", "one of url or url_file must be configured")
        assertError("  incidentio_configs: [{url: 'http://x/', http_config: {}}]\n",
                    "at least one of alert_source_token, alert_source_token_file or http_config.authorization must be configured")
        assertError("  msteams_configs: [{webhook_url: 'http://x/', colour: red}]\n", "field colour not found in type msteams.plain")
    }
}
