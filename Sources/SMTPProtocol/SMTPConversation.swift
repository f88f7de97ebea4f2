import Foundation

/// How to talk to the server (Alertmanager's `smarthost`, `hello`, `require_tls` and auth).
package struct SMTPSettings: Sendable, Equatable {
    /// The smarthost's host: the PLAIN localhost exemption and error messages use it.
    package var host: String
    package var port: Int
    /// The EHLO/HELO name; empty means `localhost`, Go's default.
    package var hello: String
    /// Alertmanager's `require_tls`: demand and use STARTTLS.
    package var requireTLS: Bool
    /// The connection is TLS from the start. Alertmanager 0.25 decides by the port alone:
    /// 465 means implicit TLS. `require_tls` still applies then, so such a server needs
    /// `require_tls: false` (0.31 added `force_implicit_tls`); Tocsin keeps the 0.25 rule.
    package var implicitTLS: Bool
    package var credentials: SMTPCredentials

    package init(host: String, port: Int, hello: String = "localhost", requireTLS: Bool = true, implicitTLS: Bool? = nil,
                credentials: SMTPCredentials = SMTPCredentials()) {
        self.host = host
        self.port = port
        self.hello = hello
        self.requireTLS = requireTLS
        self.implicitTLS = implicitTLS ?? (port == 465)
        self.credentials = credentials
    }

    /// `host:port`, with brackets around an IPv6 host (Go's `net.JoinHostPort`).
    package var smarthost: String { (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }
}

/// One mail to deliver: envelope sender, recipients and the message (headers and body).
package struct SMTPEnvelope: Sendable, Equatable {
    package var from: String
    package var recipients: [String]
    package var message: [UInt8]

    package init(from: String, recipients: [String], message: [UInt8]) {
        self.from = from
        self.recipients = recipients
        self.message = message
    }
}

/// What the connection shell must do next.
package enum SMTPAction: Sendable, Equatable {
    /// Write this command followed by CRLF, then wait for a reply.
    case send(String)
    /// Write these bytes (the encoded message ending in `.\r\n`), then wait for a reply.
    case sendData([UInt8])
    /// Start a TLS handshake on the connection, then call `onTLSEstablished`.
    case startTLS
    /// Close the connection: delivered when the error is nil.
    case close(SMTPError?)
}

/// The client side of one SMTP delivery as Alertmanager's email notifier runs it over Go's
/// `net/smtp`: 220 greeting; `EHLO` (falling back to `HELO`); with `require_tls`, `STARTTLS`
/// (which must be advertised) and `EHLO` again; `AUTH` when advertised and a username is set;
/// `MAIL FROM` (with `BODY=8BITMIME` when advertised), `RCPT TO` per recipient, `DATA`, the
/// message, and `QUIT`. Once the greeting was accepted every failure still sends `QUIT`, as
/// Alertmanager's deferred `c.Quit()` does. Unlike 0.25 (and like 0.28) the reply to the
/// message's final dot is checked.
///
/// A pure state machine: feed it replies and events, do what the returned action says.
package struct SMTPConversation: Sendable {
    enum State: Sendable, Equatable {
        case greeting, ehlo, helo, startTLS, handshake, ehloAfterTLS
        case auth(SMTPAuthMechanism), authAbort(SMTPError)
        case mail, rcpt(Int), data, dataEnd, quit(SMTPError?), done
    }

    package let settings: SMTPSettings
    package let envelope: SMTPEnvelope
    var state = State.greeting
    /// Whether the connection is encrypted now.
    package private(set) var tls: Bool
    /// Extensions from the last EHLO: upper-cased keyword -> parameters.
    package private(set) var extensions: [String: String] = [:]

    package init(settings: SMTPSettings, envelope: SMTPEnvelope) {
        self.settings = settings
        self.envelope = envelope
        tls = settings.implicitTLS
    }

    /// True once the conversation has ended (a `.close` action was returned).
    package var isFinished: Bool { state == .done }

    var helloName: String { settings.hello.isEmpty ? "localhost" : settings.hello }

    /// Feeds a complete reply from the server.
    package mutating func onReply(_ reply: SMTPReply) -> SMTPAction {
        switch state {
        case .greeting:
            guard reply.code == 220 else { return finish(.reply(reply, context: "create SMTP client")) }
            let lines = [helloName, envelope.from] + envelope.recipients
            if lines.contains(where: { $0.contains("\r") || $0.contains("\n") }) {
                return quit(SMTPError(message: "smtp: A line must not contain CR or LF", retryable: false))
            }
            state = .ehlo
            return .send("EHLO \(helloName)")
        case .ehlo:
            guard reply.code == 250 else {
                state = .helo
                return .send("HELO \(helloName)")
            }
            extensions = Self.parseExtensions(reply)
            return afterHello()
        case .helo:
            guard reply.code == 250 else { return quit(.reply(reply, context: "send EHLO command")) }
            extensions = [:]
            return afterHello()
        case .startTLS:
            guard reply.code == 220 else { return quit(.reply(reply, context: "send STARTTLS command")) }
            state = .handshake
            return .startTLS
        case .handshake:
            return quit(SMTPError(message: "unexpected reply during TLS handshake: \(reply.errorText)", retryable: true))
        case .ehloAfterTLS:
            guard reply.code == 250 else { return quit(.reply(reply, context: "send STARTTLS command")) }
            extensions = Self.parseExtensions(reply)
            return authenticate()
        case .auth(let mech):
            return onAuthReply(reply, mechanism: mech)
        case .authAbort(let error):
            return quit(error)
        case .mail:
            guard reply.code == 250 else { return quit(.reply(reply, context: "send MAIL command")) }
            return recipient(0)
        case .rcpt(let i):
            guard reply.code / 10 == 25 else { return quit(.reply(reply, context: "send RCPT command")) }
            return recipient(i + 1)
        case .data:
            guard reply.code == 354 else { return quit(.reply(reply, context: "send DATA command")) }
            state = .dataEnd
            return .sendData(DataEncoding.encode(envelope.message))
        case .dataEnd:
            guard reply.code == 250 else { return quit(.reply(reply, context: "delivery failure")) }
            return quit(nil)
        case .quit(let result):
            // A failed QUIT after a delivered mail only earns a warning in Alertmanager.
            return finish(result)
        case .done:
            return .close(nil)
        }
    }

    /// The TLS handshake started by `.startTLS` completed: greet again.
    package mutating func onTLSEstablished() -> SMTPAction {
        guard state == .handshake else {
            return finish(SMTPError(message: "unexpected TLS handshake", retryable: false))
        }
        tls = true
        state = .ehloAfterTLS
        return .send("EHLO \(helloName)")
    }

    /// A transport failure (connection lost, TLS error, timeout): the conversation ends. The
    /// error is wrapped with the step it interrupted. In the QUIT step a delivered mail stays
    /// delivered.
    package mutating func onFailure(_ error: SMTPError) -> SMTPAction {
        switch state {
        case .quit(let result): return finish(result)
        case .done: return .close(nil)
        case .greeting: return finish(error.wrapped("create SMTP client"))
        case .ehlo, .helo: return finish(error.wrapped("send EHLO command"))
        case .startTLS, .handshake, .ehloAfterTLS: return finish(error.wrapped("send STARTTLS command"))
        case .auth(let mech): return finish(error.wrapped("\(mech.goTypeName) auth"))
        case .authAbort(let e): return finish(e)
        case .mail: return finish(error.wrapped("send MAIL command"))
        case .rcpt: return finish(error.wrapped("send RCPT command"))
        case .data: return finish(error.wrapped("send DATA command"))
        case .dataEnd: return finish(error.wrapped("delivery failure"))
        }
    }

    // MARK: steps

    private mutating func afterHello() -> SMTPAction {
        if settings.requireTLS {
            guard extensions["STARTTLS"] != nil else {
                return quit(SMTPError(message: "'require_tls' is true (default) but \"\(settings.smarthost)\" "
                                      + "does not advertise the STARTTLS extension", retryable: true))
            }
            state = .startTLS
            return .send("STARTTLS")
        }
        return authenticate()
    }

    private mutating func authenticate() -> SMTPAction {
        guard let mechs = extensions["AUTH"] else { return mail() }
        let mech: SMTPAuthMechanism?
        do {
            mech = try SMTPAuthMechanism.choose(serverMechanisms: mechs, credentials: settings.credentials)
        } catch {
            return quit(error.wrapped("find auth mechanism"))
        }
        guard let mech else { return mail() }
        do {
            let command = try mech.start(credentials: settings.credentials, tls: tls, host: settings.host)
            state = .auth(mech)
            return .send(command)
        } catch {
            return quit(error.wrapped("\(mech.goTypeName) auth"))
        }
    }

    private mutating func onAuthReply(_ reply: SMTPReply, mechanism: SMTPAuthMechanism) -> SMTPAction {
        let prefix = "\(mechanism.goTypeName) auth"
        let challenge: [UInt8]
        switch reply.code {
        case 334:
            guard let decoded = Data(base64Encoded: reply.text) else {
                return abortAuth(SMTPError(message: "\(prefix): illegal base64 data in challenge", retryable: false))
            }
            challenge = Array(decoded)
        case 235:
            challenge = Array(reply.text.utf8)
        default:
            return abortAuth(.reply(reply, context: prefix))
        }
        do {
            guard let answer = try mechanism.next(challenge: challenge, more: reply.code == 334,
                                                  credentials: settings.credentials) else { return mail() }
            return .send(Data(answer).base64EncodedString())
        } catch {
            return abortAuth(error.wrapped(prefix))
        }
    }

    /// Go cancels a failed exchange with `*` before quitting.
    private mutating func abortAuth(_ error: SMTPError) -> SMTPAction {
        state = .authAbort(error)
        return .send("*")
    }

    private mutating func mail() -> SMTPAction {
        state = .mail
        let body = extensions["8BITMIME"] != nil ? " BODY=8BITMIME" : ""
        return .send("MAIL FROM:<\(envelope.from)>\(body)")
    }

    private mutating func recipient(_ i: Int) -> SMTPAction {
        guard i < envelope.recipients.count else {
            state = .data
            return .send("DATA")
        }
        state = .rcpt(i)
        return .send("RCPT TO:<\(envelope.recipients[i])>")
    }

    private mutating func quit(_ result: SMTPError?) -> SMTPAction {
        state = .quit(result)
        return .send("QUIT")
    }

    private mutating func finish(_ result: SMTPError?) -> SMTPAction {
        state = .done
        return .close(result)
    }

    /// Go's `Client.ehlo`: the first line is the greeting; every other line is
    /// `KEYWORD[ params]`.
    static func parseExtensions(_ reply: SMTPReply) -> [String: String] {
        var ext: [String: String] = [:]
        for line in reply.lines.dropFirst() {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = parts.first, !key.isEmpty else { continue }
            ext[key.uppercased()] = parts.count > 1 ? String(parts[1]) : ""
        }
        return ext
    }
}
