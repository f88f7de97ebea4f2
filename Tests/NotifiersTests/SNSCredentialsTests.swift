import AlertCore
import Foundation
@testable import Notifiers
@testable import Notify
import Templating
import TestKit
import XCTest

/// SNS credentials beyond static keys, against a real local HTTP server playing STS and SNS:
/// a shared-config profile, and `role_arn` assumed through a SigV4-signed STS `AssumeRole`.
final class SNSCredentialsTests: XCTestCase {
    static let clients = NotifierHTTPClients()
    let clock = ManualClock(advancesOnSleep: true)

    static let stsAnswer = """
    <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>\
    <AccessKeyId>ASIATEMP</AccessKeyId><SecretAccessKey>tempsecret</SecretAccessKey>\
    <SessionToken>session-tok</SessionToken><Expiration>2999-01-01T00:00:00Z</Expiration>\
    </Credentials></AssumeRoleResult></AssumeRoleResponse>
    """

    func ctx() -> NotificationContext {
        NotificationContext(groupKey: #"{}:{alertname="A"}"#, groupLabels: ["alertname": "A"], receiverName: "team",
                            repeatInterval: 3600, flushTime: clock.now(), deadline: clock.now().addingTimeInterval(30))
    }

    func notifier(_ server: WebhookServer, configure: (inout SNSNotifier.Settings) -> Void,
                  environment: [String: String]) throws -> SNSNotifier {
        var s = SNSNotifier.Settings()
        s.apiURL = "http://127.0.0.1:\(server.port)/sns"
        s.region = "eu-west-1"
        s.topicARN = "arn:aws:sns:eu-west-1:123456789012:alerts"
        s.message = "hi"
        configure(&s)
        return SNSNotifier(settings: s, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am",
                           sender: try HTTPSender(http: HTTPOptions(), clients: Self.clients, clock: clock),
                           environment: environment)
    }

    func credentialOf(_ r: WebhookServer.Request) -> String? {
        r.headers["authorization"]?.components(separatedBy: "Credential=").last?.components(separatedBy: ",").first
    }

    func test_profile_keysReadFromSharedCredentialsFile() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("credentials")
        try "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = d\n\n[ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = s\naws_session_token = ops-token\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let server = try WebhookServer(statuses: [200], bodies: ["<PublishResponse/>"])
        defer { server.stop() }
        let env = ["AWS_SHARED_CREDENTIALS_FILE": file.path, "AWS_CONFIG_FILE": dir.appendingPathComponent("none").path,
                   "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "e"]
        let n = try notifier(server, configure: { $0.profile = "ops" }, environment: env)
        try await n.notify(ctx(), alerts: [makeAlert(["alertname": "A"], startsAt: clock.now())])
        let r = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(r.path, "/sns/")
        XCTAssertTrue(credentialOf(r)?.hasPrefix("AKIDOPS/") == true, "\(r.headers)")
        XCTAssertEqual(r.headers["x-amz-security-token"], "ops-token")

        let missing = try notifier(server, configure: { $0.profile = "nope" }, environment: env)
        do throws(NotifyError) {
            try await missing.notify(ctx(), alerts: [makeAlert(["alertname": "A"], startsAt: clock.now())])
            XCTFail("an unknown profile must fail")
        } catch {
            XCTAssertEqual(error.message, "failed to get shared config profile, nope")
        }
        XCTAssertEqual(server.requests.count, 1)
    }

    func test_roleARN_assumedThroughSTSThenTemporaryKeysSignPublishAndAreReused() async throws {
        let server = try WebhookServer(statuses: [200], bodies: [Self.stsAnswer, "<PublishResponse/>"])
        defer { server.stop() }
        let env = ["AWS_ENDPOINT_URL_STS": "http://127.0.0.1:\(server.port)/sts"]
        let n = try notifier(server, configure: {
            $0.accessKey = "AKIDBASE"
            $0.secretKey = "base-secret"
            $0.roleARN = "arn:aws:iam::123456789012:role/alerting"
        }, environment: env)
        try await n.notify(ctx(), alerts: [makeAlert(["alertname": "A"], startsAt: clock.now())])
        try await n.notify(ctx(), alerts: [makeAlert(["alertname": "B"], startsAt: clock.now())])
        let rs = server.requests
        XCTAssertEqual(rs.map(\.path), ["/sts/", "/sns/", "/sns/"], "the role is assumed once while its keys last")
        let sts = String(decoding: rs[0].bodyBytes, as: UTF8.self)
        XCTAssertTrue(sts.hasPrefix("Action=AssumeRole&DurationSeconds=900&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Falerting&RoleSessionName=aws-go-sdk-"), sts)
        XCTAssertTrue(sts.hasSuffix("&Version=2011-06-15"), sts)
        XCTAssertTrue(credentialOf(rs[0])?.hasPrefix("AKIDBASE/") == true)
        XCTAssertTrue(credentialOf(rs[0])?.hasSuffix("/eu-west-1/sts/aws4_request") == true, "\(rs[0].headers)")
        XCTAssertTrue(credentialOf(rs[1])?.hasPrefix("ASIATEMP/") == true)
        XCTAssertTrue(credentialOf(rs[1])?.hasSuffix("/eu-west-1/sns/aws4_request") == true)
        XCTAssertEqual(rs[1].headers["x-amz-security-token"], "session-tok")
    }

    func test_roleARN_stsRefuses403_notRetriedAuthError() async throws {
        let server = try WebhookServer(statuses: [403], bodies: [
            "<ErrorResponse><Error><Code>AccessDenied</Code><Message>not allowed</Message></Error></ErrorResponse>"])
        defer { server.stop() }
        let n = try notifier(server, configure: {
            $0.accessKey = "AKIDBASE"
            $0.secretKey = "base-secret"
            $0.roleARN = "arn:aws:iam::123456789012:role/alerting"
        }, environment: ["AWS_ENDPOINT_URL_STS": "http://127.0.0.1:\(server.port)/sts"])
        do throws(NotifyError) {
            try await n.notify(ctx(), alerts: [makeAlert(["alertname": "A"], startsAt: clock.now())])
            XCTFail("a refused AssumeRole must fail")
        } catch {
            XCTAssertFalse(error.retryable)
            XCTAssertEqual(error.reason, .authError)
            XCTAssertEqual(error.message, "operation error STS: AssumeRole: unexpected status code 403: not allowed")
        }
        XCTAssertEqual(server.requests.map(\.path), ["/sts/"])
    }
}
