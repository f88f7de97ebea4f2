import Config
import Foundation

/// A configuration file's `http_config` (prometheus/common's `HTTPClientConfig`) as the HTTP
/// client applies it: the one mapping, for the integrations and for tocsinctl's
/// `--http.config.file`.
extension HTTPOptions {
    package init(_ c: HTTPClientConfig) {
        var auth: HTTPAuthorization?
        if let b = c.basicAuth {
            auth = .basic(username: b.username, password: b.password.effective.value)
        } else if let a = c.authorization {
            auth = .credentials(type: a.type.isEmpty ? "Bearer" : a.type, credentials: a.credentials.effective.value)
        }
        let oauth2 = c.oauth2.map {
            OAuth2Options(clientID: $0.clientID, clientSecret: $0.clientSecret.inline.value, clientSecretFile: $0.clientSecret.file,
                          scopes: $0.scopes, tokenURL: $0.tokenURL, endpointParams: $0.endpointParams,
                          proxy: ProxyOptions($0.proxy), tls: HTTPTLSOptions($0.tlsConfig))
        }
        self.init(authorization: auth, tls: HTTPTLSOptions(c.tlsConfig), proxy: ProxyOptions(c.proxy),
                  followRedirects: c.followRedirects, enableHTTP2: c.enableHTTP2, oauth2: oauth2)
    }
}

extension HTTPTLSOptions {
    package init(_ t: TLSConfig) {
        self.init(caFile: t.caFile.isEmpty ? nil : t.caFile, certFile: t.certFile.isEmpty ? nil : t.certFile,
                  keyFile: t.keyFile.isEmpty ? nil : t.keyFile, insecureSkipVerify: t.insecureSkipVerify,
                  serverName: t.serverName.isEmpty ? nil : t.serverName)
    }
}

extension ProxyOptions {
    package init(_ p: ProxyConfig) {
        self.init(url: p.proxyURL.flatMap { URL(string: $0.description) }, noProxy: p.noProxy,
                  fromEnvironment: p.proxyFromEnvironment,
                  connectHeaders: p.proxyConnectHeader.mapValues { $0.map(\.value) })
    }
}
