import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// The HTTP clients notifiers share: one client for direct requests, and one per distinct
/// proxy or `server_name` route (AsyncHTTPClient configures proxies and DNS overrides per
/// client). Shut down once, at exit.
package final class NotifierHTTPClients: Sendable {
    private struct Key: Hashable {
        let proxy: String?
        let connectHeaders: [String: [String]]
        let followRedirects: Bool
        let http2: Bool
        let sni: SNIRoute?
    }

    private let eventLoopGroup: any EventLoopGroup
    private let clients = Mutex<[Key: HTTPClient]>([:])

    /// - Parameter eventLoopGroup: NIO's shared singleton group unless the server has its own.
    package init(eventLoopGroup: any EventLoopGroup = HTTPClient.defaultEventLoopGroup) {
        self.eventLoopGroup = eventLoopGroup
    }

    /// Where one request goes: the client (with the proxy chosen for this URL, the redirect and
    /// HTTP/2 settings, and the `server_name` route), the URL to ask it for, and the `Host`
    /// header to send when the route renames the host.
    func target(for url: String, options: HTTPOptions) throws(HTTPOptionsError)
        -> (client: HTTPClient, url: String, hostHeader: String?) {
        // With `tls_config.server_name` the request goes to that name (SNI and certificate
        // check), the client's DNS override takes it to the URL's host, and `Host` stays the URL's.
        let route = SNIRoute(url: url, serverName: options.tls.serverName)
        let client = try client(for: options, proxy: options.proxy.proxy(for: url), sni: route)
        return (client, route?.requestURL ?? url, route?.hostHeader)
    }

    /// Checks what can be checked before the first request (a proxy URL without a host).
    static func validate(_ options: HTTPOptions) throws(HTTPOptionsError) {
        for proxy in [options.proxy.url, options.oauth2?.proxy.url].compactMap({ $0 }) {
            guard let host = proxy.host, !host.isEmpty else { throw HTTPOptionsError("invalid proxy_url \(proxy)") }
        }
    }

    /// The client for these settings (created on first use).
    func client(for options: HTTPOptions, proxy: URL?, sni: SNIRoute? = nil) throws(HTTPOptionsError) -> HTTPClient {
        let connectHeaders = proxy == nil ? [:] : options.proxy.connectHeaders
        let key = Key(proxy: proxy?.absoluteString, connectHeaders: connectHeaders, followRedirects: options.followRedirects,
                      http2: options.enableHTTP2, sni: sni)
        if let existing = clients.withLock({ $0[key] }) { return existing }
        var config = HTTPClient.Configuration()
        // Fail an attempt on a refused connection at once, as Go's client does; the retry stage
        // owns retrying (with backoff, within the flush deadline).
        config.connectionPool.retryConnectionEstablishment = false
        config.redirectConfiguration = options.followRedirects ? .follow(max: 10, allowCycles: false) : .disallow
        // Go's transport negotiates HTTP/2 over TLS unless `enable_http2: false`.
        config.httpVersion = options.enableHTTP2 ? .automatic : .http1Only
        if let sni { config.dnsOverride = [sni.serverName: sni.host] }
        if let proxy {
            guard let host = proxy.host, !host.isEmpty else { throw HTTPOptionsError("invalid proxy_url \(proxy)") }
            let port = proxy.port ?? (proxy.scheme == "https" ? 443 : 80)
            var auth: HTTPClient.Authorization?
            if let user = proxy.user {
                auth = .basic(username: user.removingPercentEncoding ?? user,
                              password: proxy.password?.removingPercentEncoding ?? "")
            }
            var headers = HTTPHeaders()
            for name in connectHeaders.keys.sorted() {
                for value in connectHeaders[name] ?? [] { headers.add(name: name, value: value) }
            }
            config.proxy = .server(host: host, port: port, authorization: auth, connectHeaders: headers)
        }
        return clients.withLock { map in
            if let raced = map[key] { return raced }
            let client = HTTPClient(eventLoopGroupProvider: .shared(eventLoopGroup), configuration: config)
            map[key] = client
            return client
        }
    }

    /// Shuts every client down (each one, even when another fails; the first error is thrown).
    package func shutdown() async throws {
        let all = clients.withLock { map in
            defer { map.removeAll() }
            return Array(map.values)
        }
        var first: (any Error)?
        for client in all {
            do { try await client.shutdown() } catch { first = first ?? error }
        }
        if let first { throw first }
    }
}
