import AlertCore
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Notify

/// What a service answered.
public struct HTTPReply: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// The request side every HTTP integration shares: the `http_config` (authorization, TLS,
/// proxy through the shared clients), `User-Agent`, the flush deadline as the request
/// timeout, and Go's redacted transport errors (retryable, as every 0.25 notifier has them).
public struct HTTPSender: Sendable {
    /// How much of a response body is kept (error messages quote it).
    static let maxBody = 64 * 1024
    let authorization: HTTPAuthorization?
    let tls: TLSConfiguration?
    let client: HTTPClient
    let clock: any TimeSource
    let oauth2: OAuth2Token?
    /// For `tls_config.server_name`: a request to another host gets its own client (see
    /// `SNIRoute`).
    let http: HTTPOptions
    let clients: NotifierHTTPClients

    /// - Throws: ``HTTPOptionsError`` when the TLS files cannot be read or the proxy is invalid.
    public init(http: HTTPOptions, clients: NotifierHTTPClients, clock: any TimeSource) throws(HTTPOptionsError) {
        authorization = http.authorization
        tls = http.tls != HTTPTLSOptions() ? try http.tls.makeTLSConfiguration() : nil
        client = try clients.client(for: http)
        self.clock = clock
        oauth2 = http.oauth2.map(OAuth2Token.init)
        self.http = http
        self.clients = clients
    }

    /// Sends one request and returns the answer whatever its status.
    /// - Parameters:
    ///   - userAgent: nil sends Go's default client agent (the Telegram library sets none).
    ///   - headers: the integration's own headers; an `Authorization` among them wins over the
    ///     `http_config` one, as Prometheus' round tripper leaves a set header alone.
    ///   - timeout: a per-request bound (the webhook's `timeout`) under the flush deadline.
    func send(_ method: HTTPMethod = .POST, url: String, contentType: String?, headers: [(String, String)] = [],
              body: [UInt8]?, userAgent: String? = WebhookNotifier.userAgent, timeout: Double? = nil,
              ctx: NotificationContext) async throws(NotifyError) -> HTTPReply {
        // With `tls_config.server_name` the request goes to that name (SNI and certificate
        // check), the client's DNS override takes it to the URL's host, and `Host` stays the URL's.
        let route = SNIRoute(url: url, serverName: http.tls.serverName)
        let client: HTTPClient
        do { client = try route.map { r throws(HTTPOptionsError) in try clients.client(for: http, sni: r) } ?? self.client } catch {
            throw NotifyError(retryable: false, message: error.description, reason: .other)
        }
        var request = HTTPClientRequest(url: route?.requestURL ?? url)
        request.method = method
        if let route { request.headers.add(name: "Host", value: route.hostHeader) }
        request.headers.add(name: "User-Agent", value: userAgent ?? "Go-http-client/1.1")
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        if let oauth2 {
            // The OAuth2 transport sets its token over any header (as x/oauth2 does).
            let header = try await oauth2.header(client: client, now: clock.now(), deadline: ctx.deadline)
            request.headers.replaceOrAdd(name: "Authorization", value: header)
        } else if let authorization, !request.headers.contains(name: "Authorization") {
            request.headers.add(name: "Authorization", value: authorization.headerValue)
        }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        request.tlsConfiguration = tls
        let verb = method.rawValue.prefix(1) + method.rawValue.dropFirst().lowercased()
        var seconds = ctx.deadline.timeIntervalSince(clock.now())
        if let timeout, timeout > 0 { seconds = min(seconds, timeout) }
        guard seconds > 0 else { throw NotifyError.retryable("context deadline exceeded", reason: .contextDeadlineExceeded) }
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(Int64(seconds * 1e9)))
            var data: [UInt8] = []
            for try await chunk in response.body where data.count < Self.maxBody {
                data.append(contentsOf: chunk.readableBytesView.prefix(Self.maxBody - data.count))
            }
            return HTTPReply(status: Int(response.status.code), headers: response.headers, body: data)
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw NotifyError.retryable("\(verb) \"<redacted>\": context deadline exceeded", reason: .contextDeadlineExceeded)
        } catch {
            throw NotifyError.retryable("\(verb) \"<redacted>\": \(error)", reason: .other)
        }
    }
}

/// Alertmanager's `notify.Retrier.Check`: 2xx succeeds; 5xx is retried; 429 is retried after
/// the service's `Retry-After`; other codes fail at once unless the integration lists them
/// (PagerDuty v1 retries 403). The error reads `unexpected status code N: <details>`.
enum StatusCheck {
    static func check(_ reply: HTTPReply, retryCodes: Set<Int> = [], details: ((HTTPReply) -> String)? = nil,
                      now: Date = Date()) throws(NotifyError) {
        let code = reply.status
        if code / 100 == 2 { return }
        let retry = code / 100 == 5 || code == 429 || retryCodes.contains(code)
        var message = "unexpected status code \(code)"
        let detail = details?(reply) ?? reply.text
        if !detail.isEmpty { message += ": " + detail }
        let after = code == 429 ? retryAfter(reply.headers.first(name: "Retry-After"), now: now) : nil
        throw NotifyError(retryable: retry, message: message,
                          reason: code == 429 ? .clientError : NotifyError.reason(forStatus: code), retryAfter: after)
    }

    /// `Retry-After` as seconds, or as an HTTP date (RFC 9110), relative to `now`.
    static func retryAfter(_ value: String?, now: Date) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(seconds, 0) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = f.date(from: value) else { return nil }
        return max(date.timeIntervalSince(now), 0)
    }
}

extension NotifyError {
    /// `errors.Wrap(err, context)`: `context: message`, the rest kept.
    func wrapped(_ context: String) -> NotifyError {
        var e = self
        e.message = context + ": " + message
        return e
    }
}
