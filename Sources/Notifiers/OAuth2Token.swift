import AsyncHTTPClient
import Foundation
import GoCompat
import NIOCore
import NIOSSL
import Notify
import Synchronization

/// `http_config.oauth2` settings (client credentials grant).
package struct OAuth2Options: Sendable, Equatable {
    package var clientID: String
    package var clientSecret: String
    /// Read at each request (a rotated secret gets a new token), as prometheus/common does.
    package var clientSecretFile: String
    package var scopes: [String]
    package var tokenURL: String
    package var endpointParams: [String: String]
    /// The token request's own `proxy_url` etc. and `tls_config` (not the integration's).
    package var proxy: ProxyOptions
    package var tls: HTTPTLSOptions

    package init(clientID: String, clientSecret: String, clientSecretFile: String, scopes: [String], tokenURL: String,
                endpointParams: [String: String], proxy: ProxyOptions = ProxyOptions(), tls: HTTPTLSOptions = HTTPTLSOptions()) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.clientSecretFile = clientSecretFile
        self.scopes = scopes
        self.tokenURL = tokenURL
        self.endpointParams = endpointParams
        self.proxy = proxy
        self.tls = tls
    }

    /// How the token request is sent: Go builds a plain `http.Transport` for it (HTTP/1.1,
    /// redirects followed) with the oauth2 section's proxy and TLS.
    var http: HTTPOptions { HTTPOptions(tls: tls, proxy: proxy, enableHTTP2: false) }
}

/// One integration's OAuth2 token, as golang.org/x/oauth2's client-credentials source keeps
/// it: fetched on first use, reused until 10 s before it expires, fetched again when the
/// secret file changes. The request is the library's: a form POST with the client in Basic
/// auth (both parts query-escaped), retried once with the client in the form if refused.
final class OAuth2Token: Sendable {
    let options: OAuth2Options
    let clients: NotifierHTTPClients
    let tls: TLSConfiguration?
    private let state = Mutex<(header: String, expiry: Date?, secret: String)>(("", nil, ""))

    init(options: OAuth2Options, clients: NotifierHTTPClients) throws(HTTPOptionsError) {
        self.options = options
        self.clients = clients
        tls = options.tls != HTTPTLSOptions() ? try options.tls.makeTLSConfiguration() : nil
    }

    /// The `Authorization` value to send.
    func header(now: Date, deadline: Date) async throws(NotifyError) -> String {
        var secret = options.clientSecret
        if !options.clientSecretFile.isEmpty {
            guard let data = FileManager.default.contents(atPath: options.clientSecretFile) else {
                throw NotifyError.retryable("unable to read oauth2 client secret file \(options.clientSecretFile)")
            }
            secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !options.clientSecret.isEmpty { secret = options.clientSecret }
        }
        let cached = state.withLock { s -> String? in
            guard !s.header.isEmpty, s.secret == secret else { return nil }
            if let expiry = s.expiry, expiry.addingTimeInterval(-10) <= now { return nil }
            return s.header
        }
        if let cached { return cached }
        var form = ["grant_type": "client_credentials"]
        if !options.scopes.isEmpty { form["scope"] = options.scopes.joined(separator: " ") }
        for (k, v) in options.endpointParams {
            if form[k] != nil && k != "grant_type" {
                throw NotifyError.permanent("oauth2: cannot overwrite parameter \(GoQuote.quote(k))")
            }
            form[k] = v
        }
        let seconds = deadline.timeIntervalSince(now)
        var answer = try await fetch(form, basic: (options.clientID, secret), seconds: seconds)
        if answer == nil {
            var inForm = form
            if !options.clientID.isEmpty { inForm["client_id"] = options.clientID }
            if !secret.isEmpty { inForm["client_secret"] = secret }
            answer = try await fetch(inForm, basic: nil, seconds: seconds)
        }
        guard let (token, type, expiresIn) = answer else {
            throw NotifyError.retryable("oauth2: cannot fetch token")
        }
        let header = Self.typeName(type) + " " + token
        state.withLock { $0 = (header, expiresIn.map { now.addingTimeInterval($0) }, secret) }
        return header
    }

    /// One token request; nil when the server refuses it (non-2xx).
    private func fetch(_ form: [String: String], basic: (String, String)?,
                       seconds: Double) async throws(NotifyError) -> (String, String, Double?)? {
        var request = HTTPClientRequest(url: options.tokenURL)
        request.method = .POST
        // prometheus/common gives the token client the same User-Agent as the notifier.
        request.headers.add(name: "User-Agent", value: WebhookNotifier.userAgent)
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        if let (user, password) = basic {
            let pair = GoURL.queryEscape(user) + ":" + GoURL.queryEscape(password)
            request.headers.add(name: "Authorization", value: "Basic " + Data(pair.utf8).base64EncodedString())
        }
        // url.Values.Encode: sorted by key.
        let body = form.keys.sorted().map { GoURL.queryEscape($0) + "=" + GoURL.queryEscape(form[$0] ?? "") }
            .joined(separator: "&")
        request.body = .bytes(ByteBuffer(string: body))
        request.tlsConfiguration = tls
        let response = try await HTTPSender.execute(request, options: options.http, clients: clients, seconds: seconds)
        let status = Int(response.status.code)
        var data = Data()
        do {
            for try await chunk in response.body where data.count < 1 << 20 { data.append(contentsOf: chunk.readableBytesView) }
        } catch {
            throw HTTPSender.transportError(error, method: .POST)
        }
        guard (200...299).contains(status) else { return nil }
        guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let token = obj["access_token"] as? String, !token.isEmpty else {
            throw NotifyError.retryable("oauth2: server response missing access_token")
        }
        let expires = (obj["expires_in"] as? NSNumber)?.doubleValue
        return (token, obj["token_type"] as? String ?? "", expires.flatMap { $0 > 0 ? $0 : nil })
    }

    /// `oauth2.Token.Type`.
    static func typeName(_ t: String) -> String {
        switch t.lowercased() {
        case "bearer", "": return "Bearer"
        case "mac": return "MAC"
        case "basic": return "Basic"
        default: return t
        }
    }
}
