import SMTP
import SMTPProtocol

/// One `email_configs` entry with the global `smtp_*` fallbacks already applied (the server
/// builds it from `Config.EmailConfig`). Template fields are Go templates.
package struct EmailNotifierConfig: Sendable, Equatable {
    /// Template; comma-separated address list (`RCPT TO` for each).
    package var to: String
    /// Template; must yield exactly one address (`MAIL FROM`).
    package var from: String
    package var smarthostHost: String
    package var smarthostPort: Int
    /// EHLO name (`hello`, global default `localhost`).
    package var hello: String
    package var authUsername: String
    /// `auth_password`, or the content of `auth_password_file` (0.25 does not trim it).
    package var authPassword: String
    /// CRAM-MD5 secret.
    package var authSecret: String
    /// PLAIN identity.
    package var authIdentity: String
    package var requireTLS: Bool
    package var tls: SMTPTLSOptions
    /// Canonical header name -> template. `Subject`, `To` and `From` get Alertmanager's
    /// defaults when missing (see `withDefaultHeaders`).
    package var headers: [String: String]
    /// HTML body template; empty = no HTML part.
    package var html: String
    /// Text body template; empty (Alertmanager's default) = no text part.
    package var text: String
    package var sendResolved: Bool
    /// `force_implicit_tls` (0.31+): nil = implicit TLS on port 465 only (0.25's rule).
    package var forceImplicitTLS: Bool?
    /// `threading` (0.30+): nil = off; else `none` or `daily` (`thread_by_date`).
    package var threadBy: String?

    package init(to: String, from: String, smarthostHost: String, smarthostPort: Int, hello: String = "localhost",
                authUsername: String = "", authPassword: String = "", authSecret: String = "", authIdentity: String = "",
                requireTLS: Bool = true, tls: SMTPTLSOptions = SMTPTLSOptions(), headers: [String: String] = [:],
                html: String = #"{{ template "email.default.html" . }}"#, text: String = "", sendResolved: Bool = false) {
        self.to = to
        self.from = from
        self.smarthostHost = smarthostHost
        self.smarthostPort = smarthostPort
        self.hello = hello
        self.authUsername = authUsername
        self.authPassword = authPassword
        self.authSecret = authSecret
        self.authIdentity = authIdentity
        self.requireTLS = requireTLS
        self.tls = tls
        self.headers = headers
        self.html = html
        self.text = text
        self.sendResolved = sendResolved
    }

    /// The headers with Alertmanager's defaults where absent: `Subject` =
    /// `{{ template "email.default.subject" . }}`, `To` = `to`, `From` = `from`.
    package var withDefaultHeaders: [String: String] {
        var h = headers
        if h["Subject"] == nil { h["Subject"] = #"{{ template "email.default.subject" . }}"# }
        if h["To"] == nil { h["To"] = to }
        if h["From"] == nil { h["From"] = from }
        return h
    }

    /// The SMTP conversation settings: port 465 = implicit TLS, as 0.25 decides, unless
    /// `force_implicit_tls` says otherwise; with implicit TLS forced on, `require_tls` (a
    /// STARTTLS requirement) does not apply, as in 0.34.
    package var smtpSettings: SMTPSettings {
        let credentials = SMTPCredentials(username: authUsername, password: authPassword, secret: authSecret,
                                          identity: authIdentity)
        guard let forceImplicitTLS else {
            return SMTPSettings(host: smarthostHost, port: smarthostPort, hello: hello, requireTLS: requireTLS,
                                credentials: credentials)
        }
        return SMTPSettings(host: smarthostHost, port: smarthostPort, hello: hello,
                            requireTLS: requireTLS && !forceImplicitTLS, implicitTLS: forceImplicitTLS,
                            credentials: credentials)
    }
}
