import AlertCore
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Notify
import Templating

/// The HTTP side shared by the JSON integrations added after 0.25 (Teams, Mattermost,
/// Rocket.Chat, Jira, incident.io): one request bounded by the flush deadline, the
/// `http_config` authorization and TLS, and Go's `notify.Retrier.Check` on the answer.
struct IntegrationHTTP: Sendable {
    /// How much of a response body is kept (error texts, Jira's JSON answers).
    static let maxBody = 1 << 20

    let authorization: HTTPAuthorization?
    let tls: TLSConfiguration?
    let client: HTTPClient
    let clock: any TimeSource

    init(http: HTTPOptions, clients: NotifierHTTPClients, clock: any TimeSource) throws(HTTPOptionsError) {
        authorization = http.authorization
        tls = http.tls != HTTPTLSOptions() ? try http.tls.makeTLSConfiguration() : nil
        client = try clients.client(for: http)
        self.clock = clock
    }

    /// Sends one request and returns the status and body. Transport failures are retryable
    /// and, as Go's `notify.RedactURL` does, do not show the URL.
    func send(_ method: HTTPMethod, url: String, headers: [(String, String)], body: [UInt8]?,
              deadline: Date, timeout: Double? = nil) async throws(NotifyError) -> (status: Int, body: [UInt8]) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let authorization { request.headers.add(name: "Authorization", value: authorization.headerValue) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        request.tlsConfiguration = tls
        var seconds = deadline.timeIntervalSince(clock.now())
        if let timeout, timeout > 0 { seconds = min(seconds, timeout) }
        let verb = method.rawValue.prefix(1) + method.rawValue.dropFirst().lowercased()
        guard seconds > 0 else { throw NotifyError.retryable("context deadline exceeded", reason: .contextDeadlineExceeded) }
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(Int64(seconds * 1e9)))
            var data: [UInt8] = []
            for try await chunk in response.body where data.count < Self.maxBody {
                data.append(contentsOf: chunk.readableBytesView.prefix(Self.maxBody - data.count))
            }
            return (Int(response.status.code), data)
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw NotifyError.retryable("\(verb) \"<redacted>\": context deadline exceeded", reason: .contextDeadlineExceeded)
        } catch {
            throw NotifyError.retryable("\(verb) \"<redacted>\": \(error)", reason: .other)
        }
    }

    /// Go's `notify.Retrier.Check`: 2xx passes; 5xx and `retryCodes` are retried; the error
    /// reads `unexpected status code N: <details>` (details: the body unless `details` says otherwise).
    static func check(status: Int, body: [UInt8], retryCodes: [Int] = [],
                      details: ((Int, [UInt8]) -> String)? = nil) throws(NotifyError) {
        if status / 100 == 2 { return }
        let detail = details?(status, body) ?? String(decoding: body, as: UTF8.self)
        var text = "unexpected status code \(status)"
        if !detail.isEmpty { text += ": \(detail)" }
        throw NotifyError(retryable: status / 100 == 5 || retryCodes.contains(status), message: text,
                          reason: NotifyError.reason(forStatus: status))
    }

    /// The URL of a `*_url_file`, read at send time and trimmed, as Go does.
    static func readURLFile(_ path: String, what: String) throws(NotifyError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NotifyError.permanent("read \(what): open \(path): no such file or directory")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Renders an integration's template fields against the group (Go's `notify.TmplText`): the
/// first failing field ends the notification, not retryable.
struct FieldRenderer {
    let templates: TemplateSet
    let data: TemplateData

    init(templates: TemplateSet, ctx: NotificationContext, alerts: [Alert], externalURL: String, now: Date) {
        self.templates = templates
        data = TemplateData.make(receiver: ctx.receiverName, groupLabels: ctx.groupLabels.dictionary,
                                 alerts: alerts.map { EmailNotifier.templateAlert($0, now: now) }, externalURL: externalURL)
    }

    func callAsFunction(_ text: String) throws(NotifyError) -> String {
        do { return try templates.executeText(text, data: data) } catch { throw NotifyError.permanent("\(error)") }
    }
}

/// `"firing"` when any alert fires at `now` (Go's `types.Alerts(...).Status()`).
func groupStatus(_ alerts: [Alert], now: Date) -> String {
    alerts.contains { !$0.isResolved(at: now) } ? "firing" : "resolved"
}
