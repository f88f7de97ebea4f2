import Foundation
import Notify
import Synchronization

/// A set of AWS keys (the session token is set for temporary credentials).
struct AWSCredentials: Sendable, Equatable {
    var accessKey: String
    var secretKey: String
    var sessionToken = ""
    /// When temporary credentials stop working (nil: never).
    var expiry: Date?
}

/// The shared configuration files as aws-sdk-go-v2 reads a named profile:
/// `AWS_SHARED_CREDENTIALS_FILE` (default `~/.aws/credentials`, section `[name]`) over
/// `AWS_CONFIG_FILE` (default `~/.aws/config`, section `[profile name]`, or `[default]`).
enum AWSSharedConfig {
    static func credentials(profile: String, environment: [String: String]) throws(NotifyError) -> AWSCredentials {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let credentialsFile = nonEmpty(environment["AWS_SHARED_CREDENTIALS_FILE"]) ?? home + "/.aws/credentials"
        let configFile = nonEmpty(environment["AWS_CONFIG_FILE"]) ?? home + "/.aws/config"
        let fromConfig = sections(configFile)[profile == "default" ? "default" : "profile " + profile]
        let fromCredentials = sections(credentialsFile)[profile]
        guard fromConfig != nil || fromCredentials != nil else {
            throw NotifyError.retryable("failed to get shared config profile, \(profile)")
        }
        let values = (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { _, credentials in credentials }
        let key = values["aws_access_key_id"] ?? "", secret = values["aws_secret_access_key"] ?? ""
        guard !key.isEmpty, !secret.isEmpty else {
            throw NotifyError.retryable("failed to get shared config profile, \(profile): no static credentials in it")
        }
        return AWSCredentials(accessKey: key, secretKey: secret, sessionToken: values["aws_session_token"] ?? "")
    }

    private static func nonEmpty(_ s: String?) -> String? { s?.isEmpty == false ? s : nil }

    /// An INI file's sections (`[name]`, keys lower-cased, `#`/`;` comments); empty if unreadable.
    static func sections(_ path: String) -> [String: [String: String]] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        var out: [String: [String: String]] = [:]
        var current: String?
        for raw in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().split(separator: " ", omittingEmptySubsequences: true)
                    .joined(separator: " ")
                current = name
                out[name, default: [:]] = out[name] ?? [:]
                continue
            }
            guard let section = current, let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            out[section]?[key] = value
        }
        return out
    }
}

/// `sigv4.role_arn`: temporary credentials from STS `AssumeRole` (aws-sdk-go-v2's stscreds
/// with a credentials cache): a SigV4-signed query-protocol POST with the base credentials,
/// session name `aws-go-sdk-<nanoseconds>`, 15 minutes; kept until they expire. The endpoint is
/// `AWS_ENDPOINT_URL_STS`, else `AWS_ENDPOINT_URL`, else STS in the configured region.
final class AssumedRole: Sendable {
    let roleARN: String
    private let cached = Mutex<AWSCredentials?>(nil)

    init(roleARN: String) { self.roleARN = roleARN }

    static func endpoint(region: String, environment: [String: String]) -> String {
        for name in ["AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"] {
            if let v = environment[name], !v.isEmpty { return v }
        }
        return "https://sts.\(region).amazonaws.com"
    }

    func credentials(base: AWSCredentials, region: String, environment: [String: String], sender: HTTPSender,
                     ctx: NotificationContext) async throws(NotifyError) -> AWSCredentials {
        let now = sender.clock.now()
        if let c = cached.withLock({ $0 }), c.expiry.map({ now < $0 }) ?? true { return c }
        let session = "aws-go-sdk-\(Int64(now.timeIntervalSince1970 * 1e9))"
        let form = [("Action", "AssumeRole"), ("DurationSeconds", "900"), ("RoleArn", roleARN),
                    ("RoleSessionName", session), ("Version", "2011-06-15")]
        let body = Array(form.map { SNSNotifier.escape($0.0) + "=" + SNSNotifier.escape($0.1) }.joined(separator: "&").utf8)
        let reply = try await SNSNotifier.signedPost(endpoint: Self.endpoint(region: region, environment: environment),
                                                     body: body, service: "sts", region: region, credentials: base,
                                                     sender: sender, ctx: ctx)
        do { try StatusCheck.check(reply, details: SNSNotifier.errorMessage, now: now) } catch {
            throw error.wrapped("operation error STS: AssumeRole")
        }
        let xml = reply.text
        func element(_ name: String) -> String? {
            guard let a = xml.range(of: "<\(name)>"), let b = xml.range(of: "</\(name)>", range: a.upperBound..<xml.endIndex)
            else { return nil }
            return String(xml[a.upperBound..<b.lowerBound])
        }
        guard let key = element("AccessKeyId"), let secret = element("SecretAccessKey") else {
            throw NotifyError.retryable("operation error STS: AssumeRole: no credentials in the response")
        }
        let expiry = element("Expiration").flatMap { ISO8601DateFormatter().date(from: $0) }
        let c = AWSCredentials(accessKey: key, secretKey: secret, sessionToken: element("SessionToken") ?? "", expiry: expiry)
        cached.withLock { $0 = c }
        return c
    }
}
