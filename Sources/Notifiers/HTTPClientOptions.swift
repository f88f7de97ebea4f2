import Foundation
import NIOSSL

/// Authorization of an `http_config` (Prometheus common config), already resolved by the
/// caller: `basic_auth`, or `authorization`/`bearer_token` (type defaults to `Bearer`).
package enum HTTPAuthorization: Sendable, Equatable {
    case basic(username: String, password: String)
    case credentials(type: String, credentials: String)

    /// The `Authorization` header value Go's client sends.
    package var headerValue: String {
        switch self {
        case let .basic(user, password):
            return "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        case let .credentials(type, credentials):
            return "\(type) \(credentials)"
        }
    }
}

/// `tls_config` of an `http_config`, as file paths and flags.
package struct HTTPTLSOptions: Sendable, Equatable {
    package var caFile: String?
    package var certFile: String?
    package var keyFile: String?
    package var insecureSkipVerify: Bool
    /// `server_name`: the name sent as SNI and verified in the server's certificate instead
    /// of the URL's host (see ``SNIRoute``).
    package var serverName: String?

    package init(caFile: String? = nil, certFile: String? = nil, keyFile: String? = nil,
                insecureSkipVerify: Bool = false, serverName: String? = nil) {
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
        self.insecureSkipVerify = insecureSkipVerify
        self.serverName = serverName
    }

    /// Builds the NIOSSL client configuration, reading the files now so that a bad path or
    /// PEM fails when the configuration is loaded, as in Alertmanager.
    package func makeTLSConfiguration() throws(HTTPOptionsError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let serverName, SNIRoute.isIPAddress(serverName) {
            // AsyncHTTPClient sends no SNI for an address and would verify the URL's host instead.
            throw HTTPOptionsError("tls_config.server_name as an IP address is not supported (got \(serverName))")
        }
        do {
            if let caFile {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            }
            switch (certFile, keyFile) {
            case let (cert?, key?):
                tls.certificateChain = try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            case (nil, nil):
                break
            default:
                throw HTTPOptionsError("client cert file and key file must both be specified")
            }
        } catch let error as HTTPOptionsError {
            throw error
        } catch {
            throw HTTPOptionsError("unable to load TLS files: \(error)")
        }
        if insecureSkipVerify { tls.certificateVerification = .none }
        return tls
    }
}

/// The parts of `http_config` a notifier uses.
package struct HTTPOptions: Sendable {
    package var authorization: HTTPAuthorization?
    package var tls: HTTPTLSOptions
    /// `proxy_url`, `no_proxy`, `proxy_from_environment`, `proxy_connect_header`.
    package var proxy: ProxyOptions
    /// `follow_redirects` (default true, at most 10 like Go's client).
    package var followRedirects: Bool
    /// `enable_http2` (default true: HTTP/2 when the server offers it over TLS; false: HTTP/1.1 only).
    package var enableHTTP2: Bool
    /// `oauth2`: a token fetched with the client credentials goes in `Authorization`.
    package var oauth2: OAuth2Options?

    package init(authorization: HTTPAuthorization? = nil, tls: HTTPTLSOptions = HTTPTLSOptions(),
                proxy: ProxyOptions = ProxyOptions(), followRedirects: Bool = true, enableHTTP2: Bool = true,
                oauth2: OAuth2Options? = nil) {
        self.authorization = authorization
        self.tls = tls
        self.proxy = proxy
        self.followRedirects = followRedirects
        self.enableHTTP2 = enableHTTP2
        self.oauth2 = oauth2
    }

    /// The `proxy_url` alone (tests and callers with no other proxy setting).
    package var proxyURL: URL? {
        get { proxy.url }
        set { proxy.url = newValue }
    }
}

/// An `http_config` that cannot be used.
package struct HTTPOptionsError: Error, Sendable, Equatable, CustomStringConvertible {
    package let message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}

/// How a request is sent so that TLS uses `server_name` while the connection still goes to
/// the URL's host, as Go's `tls.Config.ServerName` does: the request is addressed to
/// `serverName` (so AsyncHTTPClient sends it as SNI and verifies the certificate against it),
/// the client's DNS override maps that name back to the URL's host, and the `Host` header
/// keeps the URL's host and port.
package struct SNIRoute: Sendable, Hashable {
    package let serverName: String
    /// The URL's host (where the connection goes).
    package let host: String
    /// The URL with its host replaced by `serverName`.
    package let requestURL: String
    /// The URL's `host[:port]`, as Go's client writes it in the `Host` header.
    package let hostHeader: String

    /// nil when nothing changes: no `server_name`, the same name as the URL's, or plain HTTP.
    package init?(url: String, serverName: String?) {
        guard let serverName, !serverName.isEmpty, var c = URLComponents(string: url),
              c.scheme?.lowercased() == "https", let host = c.host, !host.isEmpty, host != serverName
        else { return nil }
        self.serverName = serverName
        // URLComponents keeps an IPv6 literal's brackets: the Host header wants them, a dial does not.
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        hostHeader = c.port.map { "\(host):\($0)" } ?? host
        c.host = serverName
        guard let rewritten = c.string else { return nil }
        requestURL = rewritten
    }

    static func isIPAddress(_ s: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, s, &v4) == 1 || inet_pton(AF_INET6, s, &v6) == 1
    }
}
