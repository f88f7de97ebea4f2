import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// The HTTP clients notifiers share: one client for direct requests, and one per distinct
/// proxy or `server_name` route (AsyncHTTPClient configures proxies and DNS overrides per
/// client). Shut down once, at exit.
public final class NotifierHTTPClients: Sendable {
    private struct Key: Hashable {
        let proxy: String?
        let followRedirects: Bool
        let sni: SNIRoute?
    }

    private let eventLoopGroup: any EventLoopGroup
    private let clients = Mutex<[Key: HTTPClient]>([:])

    /// - Parameter eventLoopGroup: NIO's shared singleton group unless the server has its own.
    public init(eventLoopGroup: any EventLoopGroup = HTTPClient.defaultEventLoopGroup) {
        self.eventLoopGroup = eventLoopGroup
    }

    /// The client for `options` (created on first use).
    func client(for options: HTTPOptions, sni: SNIRoute? = nil) throws(HTTPOptionsError) -> HTTPClient {
        let key = Key(proxy: options.proxyURL?.absoluteString, followRedirects: options.followRedirects, sni: sni)
        if let existing = clients.withLock({ $0[key] }) { return existing }
        var config = HTTPClient.Configuration()
        // Fail an attempt on a refused connection at once, as Go's client does; the retry stage
        // owns retrying (with backoff, within the flush deadline).
        config.connectionPool.retryConnectionEstablishment = false
        config.redirectConfiguration = options.followRedirects ? .follow(max: 10, allowCycles: false) : .disallow
        if let sni { config.dnsOverride = [sni.serverName: sni.host] }
        if let proxy = options.proxyURL {
            guard let host = proxy.host, !host.isEmpty else { throw HTTPOptionsError("invalid proxy_url \(proxy)") }
            let port = proxy.port ?? (proxy.scheme == "https" ? 443 : 80)
            var auth: HTTPClient.Authorization?
            if let user = proxy.user {
                auth = .basic(username: user.removingPercentEncoding ?? user,
                              password: proxy.password?.removingPercentEncoding ?? "")
            }
            config.proxy = .server(host: host, port: port, authorization: auth)
        }
        return clients.withLock { map in
            if let raced = map[key] { return raced }
            let client = HTTPClient(eventLoopGroupProvider: .shared(eventLoopGroup), configuration: config)
            map[key] = client
            return client
        }
    }

    /// Shuts every client down (each one, even when another fails; the first error is thrown).
    public func shutdown() async throws {
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
