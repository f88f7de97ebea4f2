import Foundation
import GoCompat
import Yams

/// The `--web.config.file` of Alertmanager 0.25: the Prometheus exporter-toolkit (0.8) web
/// configuration, read with yaml.v2's strict rules and exporter-toolkit's defaults and error
/// texts. What needs the files named in it (the key pair, the client CA) is checked by the
/// server, which loads them; everything else is checked here.
package struct WebConfig: Sendable, Equatable, StandaloneConfigFile {
    /// `tls_server_config`.
    package struct TLSServer: Sendable, Equatable {
        package var certFile = ""
        package var keyFile = ""
        /// As written; the server maps it (exporter-toolkit checks it after loading the files).
        package var clientAuthType = ""
        package var clientCAFile = ""
        /// `client_allowed_sans` (exporter-toolkit 0.9 and later; Alertmanager 0.25 refuses
        /// it): a client certificate must name one of these. nil when not given.
        package var clientAllowedSans: [String]?
        /// Go `crypto/tls` cipher suite ids, in the order given (empty: the library's defaults).
        package var cipherSuites: [UInt16] = []
        /// Go `crypto/tls` curve names (`CurveP256`, `CurveP384`, `CurveP521`, `X25519`).
        package var curvePreferences: [String] = []
        package var minVersion: TLSVersion = .tls12
        package var maxVersion: TLSVersion = .tls13
        /// Accepted for compatibility; Go 1.18 and later ignore it, so Alertmanager 0.25 does too.
        package var preferServerCipherSuites = true

        /// exporter-toolkit serves plain HTTP when none of these four is set (`errNoTLSConfig`).
        package var isEnabled: Bool { !(certFile.isEmpty && keyFile.isEmpty && clientAuthType.isEmpty && clientCAFile.isEmpty) }

        package init() {}
    }

    package enum TLSVersion: String, Sendable, Equatable, CaseIterable {
        case tls10 = "TLS10", tls11 = "TLS11", tls12 = "TLS12", tls13 = "TLS13"
    }

    package var tls = TLSServer()
    /// `http_server_config.http2` (default true).
    package var http2 = true
    /// `http_server_config.headers`: set on every response, the 401s included.
    package var headers: [String: String] = [:]
    /// `basic_auth_users`: user name to bcrypt hash, as written.
    package var users: [String: String] = [:]

    package init() {}

    /// The security headers exporter-toolkit lets a user set, with the values it allows
    /// (an empty list: any value).
    static let allowedHeaders: [String: [String]] = [
        "Strict-Transport-Security": [],
        "X-Content-Type-Options": ["nosniff"],
        "X-Frame-Options": ["deny", "sameorigin"],
        "X-XSS-Protection": [],
        "Content-Security-Policy": [],
    ]

    /// Go 1.19's `tls.CipherSuites()` (the secure list, the only names exporter-toolkit
    /// accepts), with their IANA ids. The TLS 1.3 ones are accepted and have no effect, as in Go.
    package static let cipherSuiteIDs: [String: UInt16] = [
        "TLS_RSA_WITH_AES_128_CBC_SHA": 0x002F, "TLS_RSA_WITH_AES_256_CBC_SHA": 0x0035,
        "TLS_RSA_WITH_AES_128_GCM_SHA256": 0x009C, "TLS_RSA_WITH_AES_256_GCM_SHA384": 0x009D,
        "TLS_AES_128_GCM_SHA256": 0x1301, "TLS_AES_256_GCM_SHA384": 0x1302, "TLS_CHACHA20_POLY1305_SHA256": 0x1303,
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA": 0xC009, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA": 0xC00A,
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA": 0xC013, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA": 0xC014,
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256": 0xC02B, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256": 0xC02F,
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384": 0xC02C, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384": 0xC030,
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256": 0xCCA8, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256": 0xCCA9,
    ]

    static let curveNames: Set<String> = ["CurveP256", "CurveP384", "CurveP521", "X25519"]

    /// Parses the file as exporter-toolkit's `getConfig` and `validateUsers` do.
    package static func parse(yaml text: String, baseDirectory: String) throws(ConfigError) -> WebConfig {
        let (decoded, ctx) = try ConfigFile.decode(text, baseDirectory: baseDirectory) { (node, ctx) throws(ConfigError) in
            var c = WebConfig()
            guard let node, let r = MapReader(node, type: "web.Config", ctx: ctx) else { return c }
            if let t = r.map("tls_server_config", type: "web.TLSConfig") { try c.tls.read(t) }
            if let h = r.map("http_server_config", type: "web.HTTPConfig") {
                c.http2 = h.bool("http2") ?? true
                c.headers = h.stringMap("headers") ?? [:]
                h.finish()
            }
            c.users = r.stringMap("basic_auth_users") ?? [:]
            r.finish()
            return c
        }
        var c = decoded
        try validateHeaders(c.headers)
        c.tls.certFile = ctx.resolve(c.tls.certFile)
        c.tls.keyFile = ctx.resolve(c.tls.keyFile)
        c.tls.clientCAFile = ctx.resolve(c.tls.clientCAFile)
        // validateUsers: every hash must be one bcrypt can read its cost from.
        for name in c.users.keys.sorted() {
            do { _ = try BcryptHash(c.users[name]!) } catch { throw ConfigError(error.message) }
        }
        return c
    }

    /// exporter-toolkit's `validateHeaderConfig` (keys in sorted order: Go's map order is random).
    static func validateHeaders(_ headers: [String: String]) throws(ConfigError) {
        for key in headers.keys.sorted() {
            guard let allowed = allowedHeaders[key] else {
                throw ConfigError("HTTP header \(GoQuote.quote(key)) can not be configured")
            }
            let value = headers[key]!
            if !allowed.isEmpty, !allowed.contains(value) {
                let list = "[" + allowed.map(GoQuote.quote).joined(separator: " ") + "]"
                throw ConfigError("invalid value for \(key). Expected one of: \(list), but got: \(GoQuote.quote(value))")
            }
        }
    }
}

extension WebConfig.TLSServer {
    /// The fields of `web.TLSConfig`; an unknown cipher, curve or version ends the read at once
    /// (yaml.v2 returns a custom unmarshaler's error as it is).
    mutating func read(_ r: MapReader) throws(ConfigError) {
        certFile = r.string("cert_file") ?? ""
        keyFile = r.string("key_file") ?? ""
        clientAuthType = r.string("client_auth_type") ?? ""
        clientCAFile = r.string("client_ca_file") ?? ""
        clientAllowedSans = r.strings("client_allowed_sans")
        for name in r.strings("cipher_suites") ?? [] {
            guard let id = WebConfig.cipherSuiteIDs[name] else { throw ConfigError("unknown cipher: \(name)") }
            cipherSuites.append(id)
        }
        for name in r.strings("curve_preferences") ?? [] {
            guard WebConfig.curveNames.contains(name) else { throw ConfigError("unknown curve: \(name)") }
            curvePreferences.append(name)
        }
        for (key, keep) in [("min_version", true), ("max_version", false)] {
            guard let s = r.string(key) else { continue }
            guard let v = WebConfig.TLSVersion(rawValue: s) else { throw ConfigError("unknown TLS version: \(s)") }
            if keep { minVersion = v } else { maxVersion = v }
        }
        preferServerCipherSuites = r.bool("prefer_server_cipher_suites") ?? true
        r.finish()
    }
}
