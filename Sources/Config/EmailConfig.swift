import AlertCore
import GoCompat
import Yams

/// `email_configs` entry (Alertmanager 0.25 `EmailConfig`). After loading, the global
/// `smtp_*` fallbacks have been applied, so `smtp.from`, `smtp.smarthost`, `smtp.hello` and
/// `requireTLS` are always set.
package struct EmailConfig: Sendable {
    package var sendResolved = false
    /// Template; comma-separated address list.
    package var to: String
    /// `from`, `hello`, `smarthost` and the `auth_*` keys.
    package var smtp = SMTPConfig()
    /// Header names canonicalised (`textproto.CanonicalMIMEHeaderKey`); values are templates.
    package var headers: [String: String] = [:]
    package var html = #"{{ template "email.default.html" . }}"#
    package var text = ""
    /// nil only before the global `smtp_require_tls` fallback is applied.
    package var requireTLS: Bool?
    package var tlsConfig = TLSConfig()
    /// Whether `tls_config` was given (else the global `smtp_tls_config` applies, 0.30+).
    package var tlsConfigSet = false
    /// `force_implicit_tls` (0.31+): nil = implicit TLS on port 465 only.
    package var forceImplicitTLS: Bool?
    /// `threading` (0.30+): `References`/`In-Reply-To` headers that thread a group's mails.
    package var threading: EmailThreading?
    package var line: Int?

    static func read(_ node: Node, ctx: DecodeContext) throws(ConfigError) -> EmailConfig? {
        guard let r = MapReader(node, type: "config.plain", ctx: ctx) else { return nil }
        var c = EmailConfig(to: "")
        c.line = r.line
        c.sendResolved = r.bool("send_resolved") ?? false
        c.to = r.string("to") ?? ""
        try c.smtp.read(r)
        let rawHeaders = r.stringMap("headers") ?? [:]
        c.html = r.string("html") ?? c.html
        c.text = r.string("text") ?? ""
        c.requireTLS = r.bool("require_tls")
        let tls = r.map("tls_config", type: "config.plain")
        c.tlsConfigSet = tls != nil
        c.tlsConfig = try TLSConfig.read(tls)
        c.forceImplicitTLS = r.bool("force_implicit_tls")
        if let t = r.map("threading", type: "config.ThreadingConfig") { c.threading = EmailThreading.read(t) }
        r.finish()
        guard r.clean else { return nil }
        if c.to.isEmpty { throw r.error("missing to address in email config") }
        for key in rawHeaders.keys.sorted() {
            let canonical = canonicalMIMEHeaderKey(key)
            if c.headers[canonical] != nil {
                throw r.error("duplicate header \(GoQuote.quote(canonical)) in email config", at: "headers")
            }
            c.headers[canonical] = rawHeaders[key]
        }
        if let t = c.threading, t.enabled {
            if c.headers["References"] != nil {
                throw r.error("conflicting configuration: threading.enabled conflicts with custom References header")
            }
            if c.headers["In-Reply-To"] != nil {
                throw r.error("conflicting configuration: threading.enabled conflicts with custom In-Reply-To header")
            }
            if t.threadByDate != "none" && t.threadByDate != "daily" {
                throw r.error("threading.thread_by_date must be either 'none' or 'daily'")
            }
        }
        return c
    }

    /// The default `Subject` header and `To`/`From` from the config, where `headers` lacks
    /// them (what Alertmanager's email notifier sets when it is built).
    package mutating func addDefaultHeaders() {
        if headers["Subject"] == nil { headers["Subject"] = #"{{ template "email.default.subject" . }}"# }
        if headers["To"] == nil { headers["To"] = to }
        if headers["From"] == nil { headers["From"] = smtp.from }
    }

    var yaml: YAMLOut {
        var o = YAMLOut()
        o.bool("send_resolved", sendResolved)
        o.str("to", to)
        smtp.write(to: &o)
        o.map("headers", headers)
        o.str("html", html)
        o.str("text", text)
        if let requireTLS { o.bool("require_tls", requireTLS) }
        o.add("tls_config", tlsConfig == TLSConfig() ? nil : tlsConfig.yaml.node)
        if let forceImplicitTLS { o.bool("force_implicit_tls", forceImplicitTLS) }
        if let threading, threading.enabled || !threading.threadByDate.isEmpty {
            var t = YAMLOut()
            t.bool("enabled", threading.enabled, omitEmpty: true)
            t.str("thread_by_date", threading.threadByDate)
            o.add("threading", t.node)
        }
        return o
    }
}

/// Go's `textproto.CanonicalMIMEHeaderKey`: `content-type` -> `Content-Type`; keys with a
/// space or other non-token byte are returned unchanged.
func canonicalMIMEHeaderKey(_ s: String) -> String {
    let bytes = Array(s.utf8)
    let token = Set("!#$%&'*+-.^_`|~".utf8)
    for b in bytes {
        let ok = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || token.contains(b)
        if !ok { return s }
    }
    var out: [UInt8] = []
    var upper = true
    for b in bytes {
        var c = b
        if upper && c >= 0x61 && c <= 0x7A { c -= 32 } else if !upper && c >= 0x41 && c <= 0x5A { c += 32 }
        out.append(c)
        upper = c == UInt8(ascii: "-")
    }
    return String(decoding: out, as: UTF8.self)
}

/// An email config's `threading` block (0.30+).
package struct EmailThreading: Sendable, Hashable {
    package var enabled = false
    /// `none` or `daily` (checked when enabled).
    package var threadByDate = ""

    static func read(_ r: MapReader) -> EmailThreading {
        let t = EmailThreading(enabled: r.bool("enabled") ?? false, threadByDate: r.string("thread_by_date") ?? "")
        r.finish()
        return t
    }
}
