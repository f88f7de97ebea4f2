/// The SMTP keys an `email_configs` entry and the `global` section (as `smtp_*`) both have:
/// the sender, the server and the login. An entry's unset ones fall back to the global ones.
package struct SMTPConfig: Sendable, Hashable {
    package var from = ""
    package var hello = ""
    package var smarthost: HostPort?
    package var authUsername = ""
    /// `auth_password` / `auth_password_file` (0.25 does not trim the file's content).
    package var authPassword = SecretOrFile()
    /// The CRAM-MD5 `auth_secret` / `auth_secret_file` (0.29+).
    package var authSecret = SecretOrFile()
    package var authIdentity = ""

    /// Reads the keys named `prefix` + the email config's key; unset ones keep their value.
    /// `global` has `smtp_auth_secret_file` among the keys added after 0.25 and reads and
    /// writes it there, hence `withSecretFile`.
    mutating func read(_ r: MapReader, prefix: String = "", withSecretFile: Bool = true) throws(ConfigError) {
        from = r.string(prefix + "from") ?? from
        hello = r.string(prefix + "hello") ?? hello
        if let s = r.string(prefix + "smarthost"), !s.isEmpty { smarthost = try r.hostPort(s, at: prefix + "smarthost") }
        authUsername = r.string(prefix + "auth_username") ?? authUsername
        authPassword = r.secretOrFile(prefix + "auth_password")
        if withSecretFile {
            authSecret = r.secretOrFile(prefix + "auth_secret")
        } else {
            authSecret.inline = Secret(r.string(prefix + "auth_secret") ?? "")
        }
        authIdentity = r.string(prefix + "auth_identity") ?? authIdentity
    }

    func write(to o: inout YAMLOut, prefix: String = "", withSecretFile: Bool = true) {
        o.str(prefix + "from", from)
        o.str(prefix + "hello", hello)
        o.str(prefix + "smarthost", smarthost?.description)
        o.str(prefix + "auth_username", authUsername)
        o.secretOrFile(prefix + "auth_password", authPassword)
        if withSecretFile {
            o.secretOrFile(prefix + "auth_secret", authSecret)
        } else {
            o.secret(prefix + "auth_secret", authSecret.inline)
        }
        o.str(prefix + "auth_identity", authIdentity)
    }

    /// Takes the global value of each key the entry leaves unset, with Alertmanager's errors
    /// for a missing smarthost or sender.
    mutating func fillUnset(from g: SMTPConfig) throws(ConfigError) {
        if smarthost == nil {
            guard let s = g.smarthost else { throw ConfigError("no global SMTP smarthost set") }
            smarthost = s
        }
        if from.isEmpty {
            if g.from.isEmpty { throw ConfigError("no global SMTP from set") }
            from = g.from
        }
        if hello.isEmpty { hello = g.hello }
        if authUsername.isEmpty { authUsername = g.authUsername }
        if authPassword.isUnset { authPassword = g.authPassword }
        if authSecret.isUnset { authSecret = g.authSecret }
        if authIdentity.isEmpty { authIdentity = g.authIdentity }
    }
}
