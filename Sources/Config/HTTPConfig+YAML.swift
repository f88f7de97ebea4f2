import Foundation
import Yams

extension HTTPClientConfig {
    /// Reads `http_config` and runs prometheus/common's `Validate` with its error texts.
    static func read(_ node: Node, ctx: DecodeContext) throws(ConfigError) -> HTTPClientConfig? {
        guard let r = MapReader(node, type: "config.plain", ctx: ctx) else { return nil }
        var c = HTTPClientConfig()
        if let b = r.map("basic_auth", type: "config.plain") {
            c.basicAuth = BasicAuth(username: b.string("username") ?? "", password: b.secretOrFile("password", resolved: true))
            b.finish()
        }
        if let z = r.map("authorization", type: "config.Authorization") {
            c.authorization = Authorization(type: z.string("type") ?? "", credentials: z.secretOrFile("credentials", resolved: true))
            z.finish()
        }
        if let o = r.map("oauth2", type: "config.OAuth2") {
            var a = OAuth2()
            a.clientID = o.string("client_id") ?? ""
            a.clientSecret = o.secretOrFile("client_secret", resolved: true)
            a.scopes = o.strings("scopes") ?? []
            a.tokenURL = o.string("token_url") ?? ""
            a.endpointParams = o.stringMap("endpoint_params") ?? [:]
            a.proxy = try ProxyConfig.read(o)
            a.tlsConfig = try TLSConfig.read(o.map("tls_config", type: "config.plain"))
            o.finish()
            // OAuth2's UnmarshalYAML validates its inline ProxyConfig, before the client's checks.
            if o.clean { try a.proxy.validate(line: o.line) }
            c.oauth2 = a
        }
        c.bearerToken = Secret(r.string("bearer_token") ?? "")
        c.bearerTokenFile = ctx.resolve(r.string("bearer_token_file") ?? "")
        c.proxy = try ProxyConfig.read(r)
        c.tlsConfig = try TLSConfig.read(r.map("tls_config", type: "config.plain"))
        c.followRedirects = r.bool("follow_redirects") ?? true
        c.enableHTTP2 = r.bool("enable_http2") ?? true
        r.finish()
        guard r.clean else { return c }
        try c.validate(ctx: ctx, line: r.line)
        return c
    }

    /// prometheus/common `HTTPClientConfig.Validate`.
    mutating func validate(ctx: DecodeContext, line: Int?) throws(ConfigError) {
        func fail(_ m: String) -> ConfigError { ConfigError(m, line: line) }
        if !bearerToken.isEmpty && !bearerTokenFile.isEmpty {
            throw fail("at most one of bearer_token & bearer_token_file must be configured")
        }
        if (basicAuth != nil || oauth2 != nil) && (!bearerToken.isEmpty || !bearerTokenFile.isEmpty) {
            throw fail("at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured")
        }
        if let b = basicAuth, b.password.hasBoth {
            throw fail("at most one of basic_auth password & password_file must be configured")
        }
        if var a = authorization {
            if !bearerToken.isEmpty || !bearerTokenFile.isEmpty {
                throw fail("authorization is not compatible with bearer_token & bearer_token_file")
            }
            if a.credentials.hasBoth {
                throw fail("at most one of authorization credentials & credentials_file must be configured")
            }
            a.type = a.type.trimmingCharacters(in: .whitespaces)
            if a.type.isEmpty { a.type = "Bearer" }
            if a.type.lowercased() == "basic" {
                throw fail("authorization type cannot be set to \"basic\", use \"basic_auth\" instead")
            }
            if basicAuth != nil || oauth2 != nil {
                throw fail("at most one of basic_auth, oauth2 & authorization must be configured")
            }
            authorization = a
        } else if !bearerToken.isEmpty {
            authorization = Authorization(type: "Bearer", credentials: SecretOrFile(inline: bearerToken))
            bearerToken = Secret("")
        } else if !bearerTokenFile.isEmpty {
            let content = ctx.readFile(bearerTokenFile, field: "bearer_token_file").map { Secret($0) }
            authorization = Authorization(type: "Bearer", credentials: SecretOrFile(file: bearerTokenFile, fromFile: content))
            bearerTokenFile = ""
        }
        if let o = oauth2 {
            if basicAuth != nil { throw fail("at most one of basic_auth, oauth2 & authorization must be configured") }
            if o.clientID.isEmpty { throw fail("oauth2 client_id must be configured") }
            if o.clientSecret.isUnset {
                throw fail("either oauth2 client_secret or client_secret_file must be configured")
            }
            if o.tokenURL.isEmpty { throw fail("oauth2 token_url must be configured") }
            if o.clientSecret.hasBoth {
                throw fail("at most one of oauth2 client_secret & client_secret_file must be configured")
            }
        }
        try proxy.validate(line: line)
    }

    var yaml: YAMLOut {
        var o = YAMLOut()
        if let b = basicAuth {
            var m = YAMLOut()
            m.str("username", b.username, omitEmpty: false)
            m.secretOrFile("password", b.password)
            o.add("basic_auth", m.node)
        }
        if let a = authorization {
            var m = YAMLOut()
            m.str("type", a.type)
            m.secretOrFile("credentials", a.credentials)
            o.add("authorization", m.node)
        }
        if let a = oauth2 {
            var m = YAMLOut()
            m.str("client_id", a.clientID, omitEmpty: false)
            m.add("client_secret", a.clientSecret.inline.isEmpty ? Node("", .implicit, .doubleQuoted) : YAMLOut.scalar(Secret.marker))
            m.str("client_secret_file", a.clientSecret.file, omitEmpty: false)
            m.strings("scopes", a.scopes)
            m.str("token_url", a.tokenURL, omitEmpty: false)
            m.map("endpoint_params", a.endpointParams)
            a.proxy.write(to: &m)
            m.add("tls_config", a.tlsConfig.yaml.node)
            o.add("oauth2", m.node)
        }
        o.secret("bearer_token", bearerToken)
        o.str("bearer_token_file", bearerTokenFile)
        proxy.write(to: &o)
        o.add("tls_config", tlsConfig == TLSConfig() ? nil : tlsConfig.yaml.node)
        o.bool("follow_redirects", followRedirects)
        o.bool("enable_http2", enableHTTP2)
        return o
    }
}

extension ProxyConfig {
    /// The inline proxy keys of `r` (`proxy_url`, `no_proxy`, `proxy_from_environment`,
    /// `proxy_connect_header`).
    static func read(_ r: MapReader) throws(ConfigError) -> ProxyConfig {
        var p = ProxyConfig()
        if let u = r.string("proxy_url") {
            do { p.proxyURL = try ConfigURL.parseLoose(u) } catch { throw ConfigError(error.message, line: r.lineOf("proxy_url")) }
        }
        p.noProxy = r.string("no_proxy") ?? ""
        p.proxyFromEnvironment = r.bool("proxy_from_environment") ?? false
        p.proxyConnectHeader = (r.stringListMap("proxy_connect_header") ?? [:]).mapValues { $0.map { Secret($0) } }
        return p
    }

    /// prometheus/common `ProxyConfig.Validate`, with its texts.
    func validate(line: Int?) throws(ConfigError) {
        let hasURL = proxyURL.map { !$0.description.isEmpty } ?? false
        if !proxyConnectHeader.isEmpty && !proxyFromEnvironment && !hasURL {
            throw ConfigError("if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured",
                              line: line)
        }
        if proxyFromEnvironment && hasURL {
            throw ConfigError("if proxy_from_environment is configured, proxy_url must not be configured", line: line)
        }
        if proxyFromEnvironment && !noProxy.isEmpty {
            throw ConfigError("if proxy_from_environment is configured, no_proxy must not be configured", line: line)
        }
        if proxyURL == nil && !noProxy.isEmpty {
            throw ConfigError("if no_proxy is configured, proxy_url must also be configured", line: line)
        }
    }

    func write(to o: inout YAMLOut) {
        o.str("proxy_url", proxyURL?.redacted)
        o.str("no_proxy", noProxy)
        if proxyFromEnvironment { o.bool("proxy_from_environment", true) }
        if !proxyConnectHeader.isEmpty {
            var m = YAMLOut()
            for key in proxyConnectHeader.keys.sorted() {
                m.strings(key, (proxyConnectHeader[key] ?? []).map { _ in Secret.marker })
            }
            o.add("proxy_connect_header", m.node)
        }
    }
}

extension HTTPClientConfig: StandaloneConfigFile {
    /// A file holding one `http_config`, as prometheus/common's `LoadHTTPConfigFile` reads it
    /// (amtool's and tocsinctl's `--http.config.file`): the same keys, checks and texts as an
    /// `http_config` in alertmanager.yml.
    package static func parse(yaml text: String, baseDirectory: String) throws(ConfigError) -> HTTPClientConfig {
        try ConfigFile.decode(text, baseDirectory: baseDirectory) { (node, ctx) throws(ConfigError) in
            guard let node else { return HTTPClientConfig() }
            return try HTTPClientConfig.read(node, ctx: ctx) ?? HTTPClientConfig()
        }.0
    }
}
