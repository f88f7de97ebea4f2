import AlertCore
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Notify

/// What a service answered.
package struct HTTPReply: Sendable {
    package var status: Int
    package var headers: HTTPHeaders
    package var body: [UInt8]
    package var text: String { String(decoding: body, as: UTF8.self) }
}

/// The request side every HTTP integration shares: the `http_config` (authorization or
/// OAuth2, TLS with `server_name`, proxy, redirects, HTTP/2, through the shared clients),
/// `User-Agent`, the flush deadline as the request timeout, and Go's redacted transport errors
/// (retryable, as every notifier has them).
package struct HTTPSender: Sendable {
    /// How much of a response body is kept (error messages quote it; Jira parses its answers).
    static let maxBody = 1 << 20
    let authorization: HTTPAuthorization?
    let tls: TLSConfiguration?
    let clock: any TimeSource
    let oauth2: OAuth2Token?
    let http: HTTPOptions
    let clients: NotifierHTTPClients

    /// - Throws: ``HTTPOptionsError`` when the TLS files cannot be read or the proxy is invalid.
    package init(http: HTTPOptions, clients: NotifierHTTPClients, clock: any TimeSource) throws(HTTPOptionsError) {
        try NotifierHTTPClients.validate(http)
        authorization = http.authorization
        tls = http.tls != HTTPTLSOptions() ? try http.tls.makeTLSConfiguration() : nil
        self.clock = clock
        oauth2 = try http.oauth2.map { o throws(HTTPOptionsError) in try OAuth2Token(options: o, clients: clients) }
        self.http = http
        self.clients = clients
    }

    /// Sends one request and returns the answer whatever its status.
    /// - Parameters:
    ///   - userAgent: nil sends Go's default client agent (the Telegram library sets none).
    ///   - headers: the integration's own headers; an `Authorization` among them wins over the
    ///     `http_config` one, as Prometheus' round tripper leaves a set header alone.
    ///   - timeout: a per-request bound (the webhook's `timeout`) under the flush deadline.
    ///   - maxBody: how much of the answer is kept.
    func send(_ method: HTTPMethod = .POST, url: String, contentType: String?, headers: [(String, String)] = [],
              body: [UInt8]?, userAgent: String? = WebhookNotifier.userAgent, timeout: Double? = nil,
              maxBody: Int = HTTPSender.maxBody, ctx: NotificationContext) async throws(NotifyError) -> HTTPReply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "User-Agent", value: userAgent ?? "Go-http-client/1.1")
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        try await authorize(&request, deadline: ctx.deadline)
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        request.tlsConfiguration = tls
        var seconds = ctx.deadline.timeIntervalSince(clock.now())
        if let timeout, timeout > 0 { seconds = min(seconds, timeout) }
        let response = try await Self.execute(request, options: http, clients: clients, seconds: seconds)
        var data: [UInt8] = []
        do {
            for try await chunk in response.body where data.count < maxBody {
                data.append(contentsOf: chunk.readableBytesView.prefix(maxBody - data.count))
            }
        } catch {
            throw Self.transportError(error, method: method)
        }
        return HTTPReply(status: Int(response.status.code), headers: response.headers, body: data)
    }

    /// The `http_config`'s `Authorization`: an OAuth2 token over any header (as x/oauth2
    /// does), else the configured one unless the request has its own.
    func authorize(_ request: inout HTTPClientRequest, deadline: Date) async throws(NotifyError) {
        if let oauth2 {
            let header = try await oauth2.header(now: clock.now(), deadline: deadline)
            request.headers.replaceOrAdd(name: "Authorization", value: header)
        } else if let authorization, !request.headers.contains(name: "Authorization") {
            request.headers.add(name: "Authorization", value: authorization.headerValue)
        }
    }

    /// Runs `request` on the client its URL needs under `options` (proxy, `server_name` route),
    /// bounded by `seconds`. Shared with the OAuth2 token request.
    static func execute(_ request: HTTPClientRequest, options: HTTPOptions, clients: NotifierHTTPClients,
                        seconds: Double) async throws(NotifyError) -> HTTPClientResponse {
        guard seconds > 0 else { throw NotifyError.retryable("context deadline exceeded", reason: .contextDeadlineExceeded) }
        var request = request
        do {
            let target = try clients.target(for: request.url, options: options)
            request.url = target.url
            if let host = target.hostHeader { request.headers.replaceOrAdd(name: "Host", value: host) }
            return try await target.client.execute(request, timeout: .nanoseconds(Int64(seconds * 1e9)))
        } catch let error as HTTPOptionsError {
            throw NotifyError(retryable: false, message: error.description, reason: .other)
        } catch {
            throw transportError(error, method: request.method)
        }
    }

    /// Go's transport error as `notify.RedactURL` leaves it: `Post "<redacted>": …`, retryable.
    static func transportError(_ error: any Error, method: HTTPMethod) -> NotifyError {
        let verb = method.rawValue.prefix(1) + method.rawValue.dropFirst().lowercased()
        if let e = error as? HTTPClientError, e == .deadlineExceeded {
            return NotifyError.retryable("\(verb) \"<redacted>\": context deadline exceeded", reason: .contextDeadlineExceeded)
        }
        return NotifyError.retryable("\(verb) \"<redacted>\": \(error)", reason: .other)
    }
}

/// Alertmanager's `notify.Retrier.Check`: 2xx succeeds; 5xx is retried; 429 is retried after
/// the service's `Retry-After`; other codes fail at once unless the integration lists them
/// (PagerDuty v1 retries 403). The error reads `unexpected status code N: <details>`, and its
/// reason is the status's (`GetFailureReasonFromStatusCode`).
enum StatusCheck {
    /// - Parameter honourRateLimit: false for the integrations whose 0.34 retrier does not list
    ///   429 (Teams, Mattermost, Rocket.Chat): a 429 then fails at once.
    static func check(_ reply: HTTPReply, retryCodes: Set<Int> = [], honourRateLimit: Bool = true,
                      details: ((HTTPReply) -> String)? = nil, now: Date = Date()) throws(NotifyError) {
        let code = reply.status
        if code / 100 == 2 { return }
        let rateLimited = code == 429 && honourRateLimit
        let retry = code / 100 == 5 || rateLimited || retryCodes.contains(code)
        var message = "unexpected status code \(code)"
        let detail = details?(reply) ?? reply.text
        if !detail.isEmpty { message += ": " + detail }
        let after = rateLimited ? retryAfter(reply.headers.first(name: "Retry-After"), now: now) : nil
        throw NotifyError(retryable: retry, message: message, reason: NotifyError.reason(forStatus: code), retryAfter: after)
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
