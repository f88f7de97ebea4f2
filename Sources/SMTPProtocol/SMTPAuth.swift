import AlertCore
import Foundation

/// What the client may authenticate with (Alertmanager's `auth_username`, `auth_password`,
/// `auth_secret`, `auth_identity`). An empty username means "do not authenticate".
package struct SMTPCredentials: Sendable, Equatable {
    package var username: String
    package var password: String
    /// The shared secret for CRAM-MD5.
    package var secret: String
    /// The authorization identity for PLAIN (usually empty).
    package var identity: String

    package init(username: String = "", password: String = "", secret: String = "", identity: String = "") {
        self.username = username
        self.password = password
        self.secret = secret
        self.identity = identity
    }
}

/// An authentication mechanism Alertmanager's email notifier can use.
package enum SMTPAuthMechanism: String, Sendable, Equatable {
    case cramMD5 = "CRAM-MD5"
    case plain = "PLAIN"
    case login = "LOGIN"

    /// Go's `%T` of the auth value, which prefixes auth errors (`*smtp.plainAuth auth: ...`).
    var goTypeName: String {
        switch self {
        case .cramMD5: "*smtp.cramMD5Auth"
        case .plain: "*smtp.plainAuth"
        case .login: "*email.loginAuth"
        }
    }

    /// Alertmanager's `Email.auth`: walks the server's `AUTH` list in the server's order and
    /// takes the first mechanism it knows and has credentials for. - Returns: nil when no
    /// username is configured (send without authenticating).
    /// - Throws: the reasons every known mechanism was unusable, formatted as hashicorp's
    ///   multierror, or `unknown auth mechanism: <list>`.
    package static func choose(serverMechanisms: String, credentials: SMTPCredentials)
        throws(SMTPError) -> SMTPAuthMechanism? {
        if credentials.username.isEmpty { return nil }
        var problems: [String] = []
        for mech in serverMechanisms.split(separator: " ", omittingEmptySubsequences: false) {
            switch mech {
            case "CRAM-MD5":
                if credentials.secret.isEmpty { problems.append("missing secret for CRAM-MD5 auth mechanism"); continue }
                return .cramMD5
            case "PLAIN":
                if credentials.password.isEmpty { problems.append("missing password for PLAIN auth mechanism"); continue }
                return .plain
            case "LOGIN":
                if credentials.password.isEmpty { problems.append("missing password for LOGIN auth mechanism"); continue }
                return .login
            default:
                continue
            }
        }
        let text: String
        switch problems.count {
        case 0: text = "unknown auth mechanism: " + serverMechanisms
        case 1: text = "1 error occurred:\n\t* \(problems[0])\n\n"
        default:
            text = "\(problems.count) errors occurred:\n\t" + problems.map { "* " + $0 }.joined(separator: "\n\t") + "\n\n"
        }
        throw SMTPError(message: text, retryable: true)
    }

    /// The `AUTH` command line (Go's `Auth.Start`). PLAIN refuses to send the password over a
    /// connection without TLS unless the server is on this machine, as Go's `smtp.PlainAuth`.
    func start(credentials: SMTPCredentials, tls: Bool, host: String) throws(SMTPError) -> String {
        switch self {
        case .cramMD5: return "AUTH CRAM-MD5"
        case .login: return "AUTH LOGIN"
        case .plain:
            guard tls || ["localhost", "127.0.0.1", "::1"].contains(host) else {
                throw SMTPError(message: "unencrypted connection", retryable: true)
            }
            let raw = Array((credentials.identity + "\0" + credentials.username + "\0" + credentials.password).utf8)
            return "AUTH PLAIN " + Data(raw).base64EncodedString()
        }
    }

    /// The answer to a server challenge (Go's `Auth.Next`); `more` is true for a 334 reply.
    /// - Returns: the bytes to send (base64-encoded by the caller) or nil when done.
    func next(challenge: [UInt8], more: Bool, credentials: SMTPCredentials) throws(SMTPError) -> [UInt8]? {
        guard more else { return nil }
        switch self {
        case .cramMD5:
            let digest = HMACMD5.hmac(key: Array(credentials.secret.utf8), message: challenge)
            return Array((credentials.username + " " + MD5.hex(digest)).utf8)
        case .plain:
            throw SMTPError(message: "unexpected server challenge", retryable: true)
        case .login:
            switch String(decoding: challenge, as: UTF8.self).lowercased() {
            case "username:": return Array(credentials.username.utf8)
            case "password:": return Array(credentials.password.utf8)
            default: throw SMTPError(message: "unexpected server challenge", retryable: true)
            }
        }
    }
}
