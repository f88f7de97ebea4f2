import Yams

/// TLS settings shared by HTTP clients and email (prometheus/common `TLSConfig`).
public struct TLSConfig: Sendable, Hashable {
    public var caFile = "", certFile = "", keyFile = "", serverName = ""
    public var insecureSkipVerify = false
    /// `TLS10`...`TLS13` or nil.
    public var minVersion: String?, maxVersion: String?

    public init() {}

    static let versions = ["TLS10", "TLS11", "TLS12", "TLS13"]

    static func read(_ r: MapReader?) throws(ConfigError) -> TLSConfig {
        var t = TLSConfig()
        guard let r else { return t }
        t.caFile = r.ctx.resolve(r.string("ca_file") ?? "")
        t.certFile = r.ctx.resolve(r.string("cert_file") ?? "")
        t.keyFile = r.ctx.resolve(r.string("key_file") ?? "")
        t.serverName = r.string("server_name") ?? ""
        t.insecureSkipVerify = r.bool("insecure_skip_verify") ?? false
        for key in ["min_version", "max_version"] {
            guard let v = r.string(key) else { continue }
            guard versions.contains(v) else { throw r.error("unknown TLS version: \(v)", at: key) }
            if key == "min_version" { t.minVersion = v } else { t.maxVersion = v }
        }
        r.finish()
        return t
    }

    var yaml: YAMLOut {
        var o = YAMLOut()
        o.str("ca_file", caFile)
        o.str("cert_file", certFile)
        o.str("key_file", keyFile)
        o.str("server_name", serverName)
        o.bool("insecure_skip_verify", insecureSkipVerify)
        o.str("min_version", minVersion)
        o.str("max_version", maxVersion)
        return o
    }
}

/// `basic_auth`: the password inline or read from `password_file` at load.
public struct BasicAuth: Sendable, Hashable {
    public var username = ""
    public var password = Secret("")
    public var passwordFile = ""
    /// The content of `password_file`, read at load (nil if unset or unreadable).
    public var passwordFromFile: Secret?
    /// The password to send: inline, else the file's content.
    public var effectivePassword: Secret { password.isEmpty ? (passwordFromFile ?? password) : password }
}

/// `authorization`: a `type` (default `Bearer`) and credentials inline or from a file.
public struct Authorization: Sendable, Hashable {
    public var type = ""
    public var credentials = Secret("")
    public var credentialsFile = ""
    public var credentialsFromFile: Secret?
    public var effectiveCredentials: Secret { credentials.isEmpty ? (credentialsFromFile ?? credentials) : credentials }
}

/// prometheus/common `ProxyConfig`, inline in `http_config` and in its `oauth2`.
public struct ProxyConfig: Sendable, Hashable {
    public var proxyURL: ConfigURL?
    /// Hosts, domains (`.example.com`), addresses and CIDRs that bypass `proxy_url` (Go's
    /// `httpproxy` NO_PROXY syntax).
    public var noProxy = ""
    /// Use `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY` (and their lower-case forms) at start.
    public var proxyFromEnvironment = false
    /// Headers sent to the proxy with `CONNECT` (values are secrets).
    public var proxyConnectHeader: [String: [Secret]] = [:]

    public init() {}
}

/// `oauth2` client-credentials settings.
public struct OAuth2: Sendable, Hashable {
    public var clientID = ""
    public var clientSecret = Secret("")
    public var clientSecretFile = ""
    public var clientSecretFromFile: Secret?
    public var scopes: [String] = []
    public var tokenURL = ""
    public var endpointParams: [String: String] = [:]
    /// How the token request reaches `token_url` (its own proxy settings, not the integration's).
    public var proxy = ProxyConfig()
    public var proxyURL: ConfigURL? {
        get { proxy.proxyURL }
        set { proxy.proxyURL = newValue }
    }
    public var tlsConfig = TLSConfig()
}

/// prometheus/common `HTTPClientConfig` as Alertmanager 0.34 accepts it for every HTTP notifier.
/// After loading, `bearer_token(_file)` has been folded into `authorization` as Go's
/// `Validate` does.
public struct HTTPClientConfig: Sendable, Hashable {
    public var basicAuth: BasicAuth?
    public var authorization: Authorization?
    public var oauth2: OAuth2?
    public var bearerToken = Secret("")
    public var bearerTokenFile = ""
    public var proxy = ProxyConfig()
    public var proxyURL: ConfigURL? {
        get { proxy.proxyURL }
        set { proxy.proxyURL = newValue }
    }
    public var tlsConfig = TLSConfig()
    public var followRedirects = true
    public var enableHTTP2 = true

    public init() {}

    /// `DefaultHTTPClientConfig`.
    public static let `default` = HTTPClientConfig()
}
