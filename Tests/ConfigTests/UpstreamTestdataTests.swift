import Config
import XCTest

/// Every file of Alertmanager's `config/testdata/` (in `Fixtures/upstream/`) loads or fails
/// with the text its `config_test.go` expects (`Fixtures/upstream/expectations.tsv`).
final class UpstreamTestdataTests: XCTestCase {
    static func load(_ name: String) throws(ConfigError) -> LoadedConfig {
        try AlertmanagerConfig.load(file: Fixtures.path("upstream/" + name))
    }

    func test_table_namesEveryUpstreamFile() throws {
        let listed = Set(try Fixtures.expectations("upstream/expectations.tsv").map(\.file))
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("upstream")).filter { $0.hasSuffix(".yml") }
        XCTAssertEqual(listed, Set(files))
        XCTAssertEqual(files.count, 46)
    }

    func test_upstreamFile_verdictAndMessage_matchConfigTest() throws {
        for e in try Fixtures.expectations("upstream/expectations.tsv") {
            do {
                _ = try Self.load(e.file)
                XCTAssertTrue(e.accept, "\(e.file): accepted, upstream expects: \(e.message)")
            } catch {
                XCTAssertFalse(e.accept, "\(e.file): rejected with \(error.message), upstream accepts it")
                if e.verdict == "reject-containing" {
                    XCTAssertTrue(error.message.contains(e.message), "\(e.file): \(error.message)")
                } else if !e.accept {
                    XCTAssertEqual(error.message, e.message, e.file)
                }
            }
        }
    }

    func test_slackGlobalAppToken_becomesBearerAuthorizationAndAppURL() throws {
        let slack = try Self.load("conf.slack-default-app-token.yml").config.receivers[0].otherConfigs
        XCTAssertEqual(slack.count, 5)
        XCTAssertEqual(slack[0].httpConfig?.authorization?.type, "Bearer")
        XCTAssertEqual(slack[0].httpConfig?.authorization?.credentials.inline.value, "xoxb-1234-abcdefgh")
        XCTAssertEqual(slack[0].text("api_url"), "https://slack.com/api/chat.postMessage")
        XCTAssertEqual(slack[1].httpConfig?.authorization?.credentials.inline.value, "xoxb-1234-xxxxxx")
        XCTAssertEqual(slack[2].text("app_url"), "http://api.fakeslack.example/")
        XCTAssertEqual(slack[2].text("api_url"), "http://api.fakeslack.example/")
        XCTAssertEqual(slack[3].text("app_token"), "")
        XCTAssertEqual(slack[3].httpConfig?.authorization?.credentials.inline.value, "xoxb-my-bot-token")
        XCTAssertEqual(slack[4].text("api_url"), "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX")
        XCTAssertNil(slack[4].httpConfig?.authorization)
    }

    func test_slackGlobalAPIURLFile_inheritedUnlessOverridden() throws {
        let slack = try Self.load("conf.slack-default-api-url-file.yml").config.receivers[0].otherConfigs
        XCTAssertEqual(slack[0].text("api_url_file"), "/global_file")
        XCTAssertNil(slack[0]["api_url"])
        XCTAssertEqual(slack[1].text("api_url_file"), "/override_file")
        XCTAssertEqual(slack[2].text("api_url"), "http://mysecret.example.com/")
        XCTAssertEqual(slack[2].text("api_url_file"), "")
    }

    func test_telegramGlobalBotToken_inheritedUnlessOverridden() throws {
        let cfg = try Self.load("conf.telegram-default-bot-token.yml").config
        let all = cfg.receivers.flatMap(\.otherConfigs)
        XCTAssertEqual(all.first?.text("bot_token"), cfg.global.v034.telegramBotToken.value)
        let file = try Self.load("conf.telegram-default-bot-token-file.yml").config
        XCTAssertEqual(file.receivers.flatMap(\.otherConfigs).first?.text("bot_token_file"), file.global.v034.telegramBotTokenFile)
    }

    func test_wechatGlobalAPISecretFile_inherited() throws {
        let cfg = try Self.load("conf.wechat-default-api-secret-file.yml").config
        let first = try XCTUnwrap(cfg.receivers.flatMap(\.otherConfigs).first)
        XCTAssertEqual(first.text("api_secret_file"), cfg.global.v034.wechatAPISecretFile)
        XCTAssertFalse(cfg.global.v034.wechatAPISecretFile.isEmpty)
    }
}
