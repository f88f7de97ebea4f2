import Yams

/// TLS settings shared by HTTP clients and email (prometheus/common `TLSConfig`).
package struct TLSConfig: Sendable, Hashable {
    package var caFile = "", certFile = "", keyFile = "", serverName = ""
    package var insecureSkipVerify = false
    /// `TLS10`...`TLS13` or nil.
    package var minVersion: String?, maxVersion: String?

    package init() {}

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
package struct BasicAuth: Sendable, Hashable {
    package var username = ""
    package var password = SecretOrFile()
}

/// `authorization`: a `type` (default `Bearer`) and credentials inline or from a file.
package struct Authorization: Sendable, Hashable {
    package var type = ""
    package var credentials = SecretOrFile()
}

/// prometheus/common `ProxyConfig`, inline in `http_config` and in its `oauth2`.
package struct ProxyConfig: Sendable, Hashable {
    package var proxyURL: ConfigURL?
    /// Hosts, domains (`.example.com`), addresses and CIDRs that bypass `proxy_url` (Go's
    /// `httpproxy` NO_PROXY syntax).
    package var noProxy = ""
    /// Use `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY` (and their lower-case forms) at start.
    package var proxyFromEnvironment = false
    /// Headers sent to the proxy with `CONNECT` (values are secrets).
    package var proxyConnectHeader: [String: [Secret]] = [:]

    package init() {}
}

/// `oauth2` client-credentials settings.
package struct OAuth2: Sendable, Hashable {
    package var clientID = ""
    package var clientSecret = SecretOrFile()
    package var scopes: [String] = []
    package var tokenURL = ""
    package var endpointParams: [String: String] = [:]
    /// How the token request reaches `token_url` (its own proxy settings, not the integration's).
    package var proxy = ProxyConfig()
    package var proxyURL: ConfigURL? {
        get { proxy.proxyURL }
        set { proxy.proxyURL = newValue }
    }
    package var tlsConfig = TLSConfig()
}

/// prometheus/common `HTTPClientConfig` as Alertmanager 0.34 accepts it for every HTTP notifier.
/// After loading, `bearer_token(_file)` has been folded into `authorization` as Go's
/// `Validate` does.
package struct HTTPClientConfig: Sendable, Hashable {
    package var basicAuth: BasicAuth?
    package var authorization: Authorization?
    package var oauth2: OAuth2?
    package var bearerToken = Secret("")
    package var bearerTokenFile = ""
    package var proxy = ProxyConfig()
    package var proxyURL: ConfigURL? {
        get { proxy.proxyURL }
        set { proxy.proxyURL = newValue }
    }
    package var tlsConfig = TLSConfig()
    package var followRedirects = true
    package var enableHTTP2 = true

    package init() {}

    /// `DefaultHTTPClientConfig`.
    package static let `default` = HTTPClientConfig()
}
