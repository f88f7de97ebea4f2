import NIOCore
import SMTP
import SMTPProtocol
import TestKit
import XCTest

/// The NIO client against a real aiosmtpd server (a child process, see `SMTPTestServer`).
final class SMTPClientServerTests: XCTestCase {
    let message = Array("Subject: hi\r\n\r\n.leading dot\nsecond line\r\n".utf8)
    let client = SMTPClient(connectTimeout: .seconds(5), readTimeout: .seconds(10))

    func envelope() -> SMTPEnvelope {
        SMTPEnvelope(from: "am@example.org", recipients: ["a@example.org", "b@example.org"], message: message)
    }

    func test_client_plainServer_deliversToAllRecipients() async throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        try await client.send(envelope(), settings: SMTPSettings(host: "127.0.0.1", port: server.port, requireTLS: false),
                              within: 20)
        let mails = server.messages()
        XCTAssertEqual(mails.count, 1)
        XCTAssertEqual(mails.first?["mail_from"] as? String, "am@example.org")
        XCTAssertEqual(mails.first?["rcpt_tos"] as? [String], ["a@example.org", "b@example.org"])
        XCTAssertEqual(mails.first?["mail_options"] as? [String], ["BODY=8BITMIME"])
        // Dot-stuffing is undone by the server and the bare LF became CRLF.
        XCTAssertEqual(mails.first?["data"] as? String, "Subject: hi\r\n\r\n.leading dot\r\nsecond line\r\n")
        XCTAssertEqual(mails.first?["tls"] as? Bool, false)
    }

    func test_client_starttlsWithAuthLogin_authenticatesOverTLS() async throws {
        var o = SMTPTestServer.Options()
        o.starttls = true
        o.requireStarttls = true
        o.auth = "alice:s3cret"
        o.authMechanisms = ["LOGIN"]
        let server = try SMTPTestServer(o)
        defer { server.stop() }
        let settings = SMTPSettings(host: "127.0.0.1", port: server.port, requireTLS: true,
                                    credentials: SMTPCredentials(username: "alice", password: "s3cret"))
        try await client.send(envelope(), settings: settings, tls: SMTPTLSOptions(caFile: server.certificateFile), within: 20)
        let mail = try XCTUnwrap(server.messages().first)
        XCTAssertEqual(mail["tls"] as? Bool, true)
        XCTAssertEqual(mail["auth_user"] as? String, "alice")
    }

    func test_client_starttlsUntrustedCertificate_failsRetryable() async throws {
        var o = SMTPTestServer.Options()
        o.starttls = true
        let server = try SMTPTestServer(o)
        defer { server.stop() }
        do {
            try await client.send(envelope(), settings: SMTPSettings(host: "127.0.0.1", port: server.port), within: 20)
            XCTFail("expected a certificate error")
        } catch {
            XCTAssertTrue(error.message.hasPrefix("send STARTTLS command: "), error.message)
            XCTAssertTrue(error.retryable)
        }
        XCTAssertEqual(server.messages().count, 0)
    }

    func test_client_implicitTLSWithAuthPlain_needsRequireTLSFalseAsIn025() async throws {
        var o = SMTPTestServer.Options()
        o.implicitTLS = true
        o.auth = "bob:pw"
        o.authMechanisms = ["PLAIN"]
        let server = try SMTPTestServer(o)
        defer { server.stop() }
        let settings = SMTPSettings(host: "127.0.0.1", port: server.port, requireTLS: false, implicitTLS: true,
                                    credentials: SMTPCredentials(username: "bob", password: "pw"))
        try await client.send(envelope(), settings: settings, tls: SMTPTLSOptions(insecureSkipVerify: true), within: 20)
        let mail = try XCTUnwrap(server.messages().first)
        XCTAssertEqual(mail["tls"] as? Bool, true)
        XCTAssertEqual(mail["auth_user"] as? String, "bob")

        // With require_tls left at true the implicit-TLS server has no STARTTLS to offer.
        var strict = settings
        strict.requireTLS = true
        do {
            try await client.send(envelope(), settings: strict, tls: SMTPTLSOptions(insecureSkipVerify: true), within: 20)
            XCTFail("expected the require_tls error")
        } catch {
            XCTAssertEqual(error.message, "'require_tls' is true (default) but \"127.0.0.1:\(server.port)\" "
                           + "does not advertise the STARTTLS extension")
        }
    }

    func test_client_cramMD5_authenticates() async throws {
        var o = SMTPTestServer.Options()
        o.auth = "carol:shared-secret"
        o.authMechanisms = ["CRAM-MD5"]
        o.authWithoutTLS = true
        let server = try SMTPTestServer(o)
        defer { server.stop() }
        let settings = SMTPSettings(host: "127.0.0.1", port: server.port, requireTLS: false,
                                    credentials: SMTPCredentials(username: "carol", secret: "shared-secret"))
        try await client.send(envelope(), settings: settings, within: 20)
        XCTAssertEqual(server.messages().first?["auth_user"] as? String, "carol")
    }

    func test_client_wrongPassword_failsPermanently() async throws {
        var o = SMTPTestServer.Options()
        o.auth = "alice:right"
        o.authWithoutTLS = true
        o.authMechanisms = ["LOGIN"]
        let server = try SMTPTestServer(o)
        defer { server.stop() }
        let settings = SMTPSettings(host: "127.0.0.1", port: server.port, requireTLS: false,
                                    credentials: SMTPCredentials(username: "alice", password: "wrong"))
        do {
            try await client.send(envelope(), settings: settings, within: 20)
            XCTFail("expected an auth error")
        } catch {
            XCTAssertTrue(error.message.hasPrefix("*email.loginAuth auth: 535"), error.message)
            XCTAssertFalse(error.retryable)
        }
    }

    func test_client_dataAnswered451_isRetryableThen550IsNot() async throws {
        var o = SMTPTestServer.Options()
        o.dataCodes = [451, 550]
        let server = try SMTPTestServer(o)
        defer { server.stop() }
        let settings = SMTPSettings(host: "127.0.0.1", port: server.port, requireTLS: false)
        do {
            try await client.send(envelope(), settings: settings, within: 20)
            XCTFail("expected 451")
        } catch {
            XCTAssertEqual(error.message, "delivery failure: 451 4.0.0 test failure")
            XCTAssertTrue(error.retryable)
        }
        do {
            try await client.send(envelope(), settings: settings, within: 20)
            XCTFail("expected 550")
        } catch {
            XCTAssertEqual(error.code, 550)
            XCTAssertFalse(error.retryable)
        }
        try await client.send(envelope(), settings: settings, within: 20)
        XCTAssertEqual(server.messages().map { $0["code"] as? Int }, [451, 550, 250])
    }

    func test_client_nothingListening_failsRetryable() async throws {
        let server = try SMTPTestServer()
        let port = server.port
        server.stop()
        do {
            try await client.send(envelope(), settings: SMTPSettings(host: "127.0.0.1", port: port, requireTLS: false),
                                  within: 20)
            XCTFail("expected a connection error")
        } catch {
            XCTAssertTrue(error.message.hasPrefix("establish connection to server: "), error.message)
            XCTAssertTrue(error.retryable)
        }
    }
}
