import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension HTTPSender {
    /// One request outside a notification (tocsinctl with `--http.config.file`), with the same
    /// `http_config` handling (authorization or OAuth2, TLS, proxy, redirects, HTTP/2).
    /// Transport errors are thrown as the client reports them (the caller words them);
    /// an OAuth2 token that cannot be had is a `NotifyError`.
    package func request(method: String, url: String, headers: [(String, String)], body: [UInt8]?,
                         timeout: Double) async throws -> HTTPReply {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        try await authorize(&request, deadline: clock.now().addingTimeInterval(timeout))
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        request.tlsConfiguration = tls
        let target = try clients.target(for: url, options: http)
        request.url = target.url
        if let host = target.hostHeader { request.headers.replaceOrAdd(name: "Host", value: host) }
        let response = try await target.client.execute(request, timeout: .nanoseconds(Int64(timeout * 1e9)))
        let buffer = try await response.body.collect(upTo: Self.maxBody * 64)
        return HTTPReply(status: Int(response.status.code), headers: response.headers, body: Array(buffer.readableBytesView))
    }
}
