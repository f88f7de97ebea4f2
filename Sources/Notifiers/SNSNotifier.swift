import AlertCore
import Crypto
import Foundation
import GoCompat
import Notify
import Templating

/// `sns_configs` (0.25 `notify/sns`, through aws-sdk-go v1): an SNS `Publish` call in the AWS
/// query protocol (form-encoded, parameters sorted), signed with SigV4.
///
/// Credentials, in the order of 0.34's SDK: `sigv4.access_key`/`secret_key`; else the shared
/// config profile `sigv4.profile` (or `AWS_PROFILE`, see ``AWSSharedConfig``); else
/// `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN`). With `sigv4.role_arn`
/// those are used only to assume the role through STS (``AssumedRole``), whose temporary
/// credentials sign the `Publish`.
package struct SNSNotifier: TemplatedNotifier {
    package struct Settings: Sendable {
        package var apiURL = "", region = "", accessKey = "", secretKey = "", profile = "", roleARN = ""
        package var topicARN = "", phoneNumber = "", targetARN = "", subject = "", message = ""
        package var attributes: [String: String] = [:]
        package init() {}
    }

    /// What Debian's Alertmanager 0.25 sends (its SDK and Go versions).
    static let userAgent = "aws-sdk-go/1.44.133 (go1.19.8; linux; amd64)"
    package let parts: NotifierParts<Settings>
    let environment: [String: String]
    let assumedRole: AssumedRole?

    package init(settings: Settings, templates: TemplateSet, externalURL: String, sender: HTTPSender,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        parts = NotifierParts(settings: settings, templates: templates, externalURL: externalURL, sender: sender)
        self.environment = environment
        assumedRole = settings.roleARN.isEmpty ? nil : AssumedRole(roleARN: settings.roleARN)
    }

    /// The keys that sign the `Publish` (see the type's comment for the order).
    func credentials(_ ctx: NotificationContext) async throws(NotifyError) -> AWSCredentials {
        let s = settings
        var base: AWSCredentials
        let profile = s.profile.isEmpty ? environment["AWS_PROFILE"] ?? "" : s.profile
        if !s.accessKey.isEmpty && !s.secretKey.isEmpty {
            base = AWSCredentials(accessKey: s.accessKey, secretKey: s.secretKey)
        } else if !profile.isEmpty {
            base = try AWSSharedConfig.credentials(profile: profile, environment: environment)
        } else {
            base = AWSCredentials(accessKey: environment["AWS_ACCESS_KEY_ID"] ?? environment["AWS_ACCESS_KEY"] ?? "",
                                  secretKey: environment["AWS_SECRET_ACCESS_KEY"] ?? environment["AWS_SECRET_KEY"] ?? "",
                                  sessionToken: environment["AWS_SESSION_TOKEN"] ?? "")
        }
        if base.accessKey.isEmpty || base.secretKey.isEmpty {
            throw NotifyError.retryable("NoCredentialProviders: no valid providers in chain")
        }
        guard let assumedRole else { return base }
        base = try await assumedRole.credentials(base: base, region: s.region, environment: environment, sender: sender,
                                                 ctx: ctx)
        return base
    }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let now = sender.clock.now()
        let t = parts.renderer(ctx, alerts: alerts, now: now)
        let s = settings
        if s.region.isEmpty {
            throw NotifyError.retryable("region not configured in sns.sigv4.region or in default credentials chain")
        }
        let creds = try await credentials(ctx)
        var endpoint = try t(s.apiURL)
        if endpoint.isEmpty { endpoint = "https://sns.\(s.region).amazonaws.com" }
        let body = try form(ctx, t)
        let reply = try await Self.signedPost(endpoint: endpoint, body: body, service: "sns", region: s.region,
                                              credentials: creds, sender: sender, ctx: ctx)
        try StatusCheck.check(reply, details: Self.errorMessage)
    }

    /// One AWS query-protocol call: a form POST to `endpoint` + "/", signed with SigV4.
    static func signedPost(endpoint: String, body: [UInt8], service: String, region: String,
                           credentials c: AWSCredentials, sender: HTTPSender,
                           ctx: NotificationContext) async throws(NotifyError) -> HTTPReply {
        guard let url = URLComponents(string: endpoint), let host = url.host else {
            throw NotifyError.permanent("\(service): invalid endpoint \(endpoint)")
        }
        // The SDK appends the operation path "/" to the endpoint's.
        let path = url.percentEncodedPath.hasSuffix("/") ? url.percentEncodedPath : url.percentEncodedPath + "/"
        let hostHeader = url.port.map { "\(host):\($0)" } ?? host
        let target = "\(url.scheme ?? "https")://\(hostHeader)\(path)" + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
        let contentType = "application/x-www-form-urlencoded; charset=utf-8"
        let amzDate = Self.amzDate(sender.clock.now())
        var headers = [("X-Amz-Date", amzDate)]
        if !c.sessionToken.isEmpty { headers.append(("X-Amz-Security-Token", c.sessionToken)) }
        let auth = SigV4.authorization(method: "POST", path: path, query: url.percentEncodedQuery ?? "",
                                       headers: [("content-length", String(body.count)), ("content-type", contentType),
                                                 ("host", hostHeader)]
                                           + headers.map { ($0.0.lowercased(), $0.1) },
                                       body: body, accessKey: c.accessKey, secretKey: c.secretKey, region: region,
                                       service: service, amzDate: amzDate)
        headers.append(("Authorization", auth))
        return try await sender.send(url: target, contentType: contentType, headers: headers, body: body,
                                     userAgent: Self.userAgent, ctx: ctx)
    }

    /// `url.QueryEscape` of a string.
    static func escape(_ s: String) -> String { String(decoding: queryEscape(Array(s.utf8)), as: UTF8.self) }

    /// The `<Message>` of an AWS error response.
    static func errorMessage(_ reply: HTTPReply) -> String {
        let text = reply.text
        guard let a = text.range(of: "<Message>"), let b = text.range(of: "</Message>", range: a.upperBound..<text.endIndex)
        else { return text }
        return String(text[a.upperBound..<b.lowerBound])
    }

    static func amzDate(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: d)
    }

    /// The `Publish` parameters, `url.Values.Encode`d (sorted by key).
    func form(_ ctx: NotificationContext, _ t: Renderer) throws(NotifyError) -> [UInt8] {
        let s = settings
        var params: [(String, [UInt8])] = [("Action", Array("Publish".utf8)), ("Version", Array("2010-03-31".utf8))]
        var attributes: [String: String] = [:]
        for (k, v) in s.attributes { attributes[try t(k)] = try t(v) }
        var limit = 256 * 1024
        if !s.topicARN.isEmpty {
            let arn = try t(s.topicARN)
            params.append(("TopicArn", Array(arn.utf8)))
            if arn.hasSuffix(".fifo") {
                let hash = Array(GroupKeyHash.hex(ctx.groupKey).utf8)
                params += [("MessageDeduplicationId", hash), ("MessageGroupId", hash)]
            }
        }
        if !s.phoneNumber.isEmpty {
            params.append(("PhoneNumber", Array(try t(s.phoneNumber).utf8)))
            limit = 1600
        }
        if !s.targetARN.isEmpty { params.append(("TargetArn", Array(try t(s.targetARN).utf8))) }
        // 0.25 cuts the message at the byte limit, even inside a character.
        var message = Array(try t(s.message).utf8)
        if message.count > limit {
            message = Array(message.prefix(limit))
            attributes["truncated"] = "true"
        }
        params.append(("Message", message))
        if attributes.isEmpty {
            params.append(("MessageAttributes", []))
        } else {
            for (i, name) in attributes.keys.sorted().enumerated() {
                let p = "MessageAttributes.entry.\(i + 1)."
                params += [(p + "Name", Array(name.utf8)), (p + "Value.DataType", Array("String".utf8)),
                           (p + "Value.StringValue", Array((attributes[name] ?? "").utf8))]
            }
        }
        if !s.subject.isEmpty { params.append(("Subject", Array(try t(s.subject).utf8))) }
        params.sort { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
        var out: [UInt8] = []
        for (i, (k, v)) in params.enumerated() {
            if i > 0 { out.append(UInt8(ascii: "&")) }
            out += Self.queryEscape(Array(k.utf8))
            out.append(UInt8(ascii: "="))
            out += Self.queryEscape(v)
        }
        return out
    }

    /// `url.QueryEscape` over bytes (the message may end inside a character).
    static func queryEscape(_ bytes: [UInt8]) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in bytes {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "~"):
                out.append(b)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            }
        }
        return out
    }
}

/// AWS Signature Version 4 for one request (headers signed: those given, sorted).
enum SigV4 {
    static func hex<D: Sequence>(_ d: D) -> String where D.Element == UInt8 {
        d.map { String(format: "%02x", $0) }.joined()
    }

    static func hmac(_ key: [UInt8], _ text: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: key)))
    }

    static func authorization(method: String, path: String, query: String, headers: [(String, String)], body: [UInt8],
                              accessKey: String, secretKey: String, region: String, service: String,
                              amzDate: String) -> String {
        let sorted = headers.sorted { $0.0 < $1.0 }
        let signed = sorted.map(\.0).joined(separator: ";")
        let canonicalHeaders = sorted.map { "\($0.0):\($0.1.trimmingCharacters(in: .whitespaces))\n" }.joined()
        let canonical = [method, path, query, canonicalHeaders, signed, hex(SHA256.hash(data: Data(body)))]
            .joined(separator: "\n")
        let day = String(amzDate.prefix(8))
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let toSign = ["AWS4-HMAC-SHA256", amzDate, scope, hex(SHA256.hash(data: Data(canonical.utf8)))]
            .joined(separator: "\n")
        var key = hmac(Array("AWS4\(secretKey)".utf8), day)
        key = hmac(key, region)
        key = hmac(key, service)
        key = hmac(key, "aws4_request")
        return "AWS4-HMAC-SHA256 Credential=\(accessKey)/\(scope), SignedHeaders=\(signed), Signature=\(hex(hmac(key, toSign)))"
    }
}
