import Foundation
import NIOSSL

/// Authorization of an `http_config` (Prometheus common config), already resolved by the
/// caller: `basic_auth`, or `authorization`/`bearer_token` (type defaults to `Bearer`).
public enum HTTPAuthorization: Sendable, Equatable {
    case basic(username: String, password: String)
    case credentials(type: String, credentials: String)

    /// The `Authorization` header value Go's client sends.
    public var headerValue: String {
        switch self {
        case let .basic(user, password):
            return "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        case let .credentials(type, credentials):
            return "\(type) \(credentials)"
        }
    }
}

/// `tls_config` of an `http_config`, as file paths and flags.
public struct HTTPTLSOptions: Sendable, Equatable {
    public var caFile: String?
    public var certFile: String?
    public var keyFile: String?
    public var insecureSkipVerify: Bool
    /// Not supported yet (AsyncHTTPClient derives SNI and the verified name from the URL host):
    /// setting it makes ``makeTLSConfiguration()`` throw rather than silently verify another name.
    public var serverName: String?

    public init(caFile: String? = nil, certFile: String? = nil, keyFile: String? = nil,
                insecureSkipVerify: Bool = false, serverName: String? = nil) {
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
        self.insecureSkipVerify = insecureSkipVerify
        self.serverName = serverName
    }

    /// Builds the NIOSSL client configuration, reading the files now so that a bad path or
    /// PEM fails when the configuration is loaded, as in Alertmanager.
    public func makeTLSConfiguration() throws(HTTPOptionsError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let serverName, !serverName.isEmpty {
            throw HTTPOptionsError("tls_config.server_name is not supported (got \(serverName))")
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
public struct HTTPOptions: Sendable {
    public var authorization: HTTPAuthorization?
    public var tls: HTTPTLSOptions
    /// `proxy_url`; requests go through a client configured for that proxy.
    public var proxyURL: URL?
    /// `follow_redirects` (default true, at most 10 like Go's client).
    public var followRedirects: Bool
    /// `oauth2`: a token fetched with the client credentials goes in `Authorization`.
    public var oauth2: OAuth2Options?

    public init(authorization: HTTPAuthorization? = nil, tls: HTTPTLSOptions = HTTPTLSOptions(), proxyURL: URL? = nil,
                followRedirects: Bool = true, oauth2: OAuth2Options? = nil) {
        self.authorization = authorization
        self.tls = tls
        self.proxyURL = proxyURL
        self.followRedirects = followRedirects
        self.oauth2 = oauth2
    }
}

/// An `http_config` that cannot be used.
public struct HTTPOptionsError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
