import SMTP
@testable import SMTPProtocol
import XCTest

/// Drives the conversation reply by reply, as a server would answer.
final class SMTPConversationTests: XCTestCase {
    let envelope = SMTPEnvelope(from: "am@example.org", recipients: ["a@example.org", "b@example.org"],
                                message: Array("Subject: x\r\n\r\nbody\r\n".utf8))

    func r(_ code: Int, _ lines: String...) -> SMTPReply { SMTPReply(code: code, lines: lines.isEmpty ? [""] : lines) }

    func settings(host: String = "mail.example.org", requireTLS: Bool = false, username: String = "",
                  password: String = "", secret: String = "", port: Int = 25) -> SMTPSettings {
        SMTPSettings(host: host, port: port, hello: "tocsin.local", requireTLS: requireTLS,
                     credentials: SMTPCredentials(username: username, password: password, secret: secret))
    }

    func test_conversation_plainServer_sendsEnvelopeDataAndQuit() {
        var c = SMTPConversation(settings: settings(), envelope: envelope)
        XCTAssertEqual(c.onReply(r(220, "mx ESMTP")), .send("EHLO tocsin.local"))
        XCTAssertEqual(c.onReply(r(250, "mx hello", "SIZE 1000", "8BITMIME")), .send("MAIL FROM:<am@example.org> BODY=8BITMIME"))
        XCTAssertEqual(c.onReply(r(250, "ok")), .send("RCPT TO:<a@example.org>"))
        XCTAssertEqual(c.onReply(r(251, "forwarded")), .send("RCPT TO:<b@example.org>"))
        XCTAssertEqual(c.onReply(r(250, "ok")), .send("DATA"))
        XCTAssertEqual(c.onReply(r(354, "go")), .sendData(Array("Subject: x\r\n\r\nbody\r\n.\r\n".utf8)))
        XCTAssertEqual(c.onReply(r(250, "queued")), .send("QUIT"))
        XCTAssertEqual(c.onReply(r(221, "bye")), .close(nil))
        XCTAssertTrue(c.isFinished)
    }

    func test_conversation_without8BITMIME_sendsPlainMailFrom() {
        var c = SMTPConversation(settings: settings(), envelope: envelope)
        _ = c.onReply(r(220))
        XCTAssertEqual(c.onReply(r(250, "mx")), .send("MAIL FROM:<am@example.org>"))
    }

    func test_conversation_ehloRefused_fallsBackToHelo() {
        var c = SMTPConversation(settings: settings(), envelope: envelope)
        _ = c.onReply(r(220))
        XCTAssertEqual(c.onReply(r(502, "no ehlo")), .send("HELO tocsin.local"))
        XCTAssertEqual(c.onReply(r(250, "hi")), .send("MAIL FROM:<am@example.org>"))
    }

    func test_conversation_heloRefusedToo_failsWithEHLOContextAfterQuit() {
        var c = SMTPConversation(settings: settings(), envelope: envelope)
        _ = c.onReply(r(220))
        _ = c.onReply(r(502))
        XCTAssertEqual(c.onReply(r(554, "go away")), .send("QUIT"))
        XCTAssertEqual(c.onReply(r(221)), .close(SMTPError(message: "send EHLO command: 554 go away", retryable: false, code: 554)))
    }

    func test_conversation_badGreeting_closesWithoutQuit() {
        var c = SMTPConversation(settings: settings(), envelope: envelope)
        XCTAssertEqual(c.onReply(r(421, "busy")),
                       .close(SMTPError(message: "create SMTP client: 421 busy", retryable: true, code: 421)))
    }

    func test_conversation_requireTLSWithoutSTARTTLS_failsWithAlertmanagerMessage() {
        var c = SMTPConversation(settings: settings(requireTLS: true, port: 587), envelope: envelope)
        _ = c.onReply(r(220))
        XCTAssertEqual(c.onReply(r(250, "mx", "AUTH PLAIN")), .send("QUIT"))
        guard case .close(let e?) = c.onReply(r(221)) else { return XCTFail("expected failure") }
        XCTAssertEqual(e.message, #"'require_tls' is true (default) but "mail.example.org:587" does not advertise the STARTTLS extension"#)
        XCTAssertTrue(e.retryable)
    }

    func test_conversation_starttls_handshakesThenGreetsAgainAndUsesNewExtensions() {
        var c = SMTPConversation(settings: settings(requireTLS: true, username: "u", password: "p"), envelope: envelope)
        _ = c.onReply(r(220))
        XCTAssertEqual(c.onReply(r(250, "mx", "STARTTLS")), .send("STARTTLS"))
        XCTAssertEqual(c.onReply(r(220, "ready")), .startTLS)
        XCTAssertFalse(c.tls)
        XCTAssertEqual(c.onTLSEstablished(), .send("EHLO tocsin.local"))
        XCTAssertTrue(c.tls)
        XCTAssertEqual(c.onReply(r(250, "mx", "AUTH LOGIN")), .send("AUTH LOGIN"))
    }

    func test_conversation_starttlsRefused_failsRetryableOn4xx() {
        var c = SMTPConversation(settings: settings(requireTLS: true), envelope: envelope)
        _ = c.onReply(r(220))
        _ = c.onReply(r(250, "mx", "STARTTLS"))
        XCTAssertEqual(c.onReply(r(454, "TLS not available")), .send("QUIT"))
        XCTAssertEqual(c.onReply(r(221)),
                       .close(SMTPError(message: "send STARTTLS command: 454 TLS not available", retryable: true, code: 454)))
    }

    func test_conversation_authLogin_answersPromptsCaseInsensitively() {
        var c = SMTPConversation(settings: settings(username: "user", password: "pw"), envelope: envelope)
        _ = c.onReply(r(220))
        XCTAssertEqual(c.onReply(r(250, "mx", "AUTH LOGIN")), .send("AUTH LOGIN"))
        XCTAssertEqual(c.onReply(r(334, "VXNlcm5hbWU6")), .send("dXNlcg=="))          // "Username:"
        XCTAssertEqual(c.onReply(r(334, "cGFzc3dvcmQ6")), .send("cHc="))              // "password:"
        XCTAssertEqual(c.onReply(r(235, "ok")), .send("MAIL FROM:<am@example.org>"))
    }

    func test_conversation_authLoginUnexpectedPrompt_abortsWithStarThenQuits() {
        var c = SMTPConversation(settings: settings(username: "user", password: "pw"), envelope: envelope)
        _ = c.onReply(r(220))
        _ = c.onReply(r(250, "mx", "AUTH LOGIN"))
        XCTAssertEqual(c.onReply(r(334, "VXNlciBOYW1lAA==")), .send("*"))            // "User Name\0"
        XCTAssertEqual(c.onReply(r(501, "aborted")), .send("QUIT"))
        guard case .close(let e?) = c.onReply(r(221)) else { return XCTFail("expected failure") }
        XCTAssertEqual(e.message, "*email.loginAuth auth: unexpected server challenge")
    }

    func test_conversation_authRejected_isNotRetryable() {
        var c = SMTPConversation(settings: settings(host: "localhost", username: "u", password: "bad"), envelope: envelope)
        _ = c.onReply(r(220))
        XCTAssertEqual(c.onReply(r(250, "mx", "AUTH PLAIN")), .send("AUTH PLAIN AHUAYmFk"))
        XCTAssertEqual(c.onReply(r(535, "5.7.8 Authentication credentials invalid")), .send("*"))
        _ = c.onReply(r(501))
        XCTAssertEqual(c.onReply(r(221)), .close(SMTPError(
            message: "*smtp.plainAuth auth: 535 5.7.8 Authentication credentials invalid", retryable: false, code: 535)))
    }

    func test_conversation_plainOverUnencryptedRemote_refusesLikeGo() {
        var c = SMTPConversation(settings: settings(username: "u", password: "p"), envelope: envelope)
        _ = c.onReply(r(220))
        XCTAssertEqual(c.onReply(r(250, "mx", "AUTH PLAIN")), .send("QUIT"))
        XCTAssertEqual(c.onReply(r(221)), .close(SMTPError(message: "*smtp.plainAuth auth: unencrypted connection", retryable: true)))
    }

    func test_conversation_plainOverUnencryptedLoopback_isAllowed() {
        for host in ["localhost", "127.0.0.1", "::1"] {
            var c = SMTPConversation(settings: settings(host: host, username: "u", password: "p"), envelope: envelope)
            _ = c.onReply(r(220))
            XCTAssertEqual(c.onReply(r(250, "mx", "AUTH PLAIN")), .send("AUTH PLAIN AHUAcA=="), host)
        }
    }

    func test_conversation_cramMD5_answersWithHMAC() {
        var c = SMTPConversation(settings: settings(username: "tim", password: "x", secret: "tanstaaftanstaaf"),
                                 envelope: envelope)
        _ = c.onReply(r(220))
        XCTAssertEqual(c.onReply(r(250, "mx", "AUTH CRAM-MD5 PLAIN")), .send("AUTH CRAM-MD5"))
        // RFC 2195's example exchange.
        let challenge = "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+"
        XCTAssertEqual(c.onReply(r(334, challenge)), .send("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw"))
    }

    func test_conversation_noUsername_skipsAdvertisedAuth() {
        var c = SMTPConversation(settings: settings(), envelope: envelope)
        _ = c.onReply(r(220))
        XCTAssertEqual(c.onReply(r(250, "mx", "AUTH PLAIN LOGIN")), .send("MAIL FROM:<am@example.org>"))
    }

    func test_conversation_noUsableMechanism_failsFindAuthMechanism() {
        var c = SMTPConversation(settings: settings(username: "u"), envelope: envelope)
        _ = c.onReply(r(220))
        XCTAssertEqual(c.onReply(r(250, "mx", "AUTH PLAIN LOGIN")), .send("QUIT"))
        guard case .close(let e?) = c.onReply(r(221)) else { return XCTFail("expected failure") }
        XCTAssertEqual(e.message, "find auth mechanism: 2 errors occurred:\n\t* missing password for PLAIN auth mechanism"
                       + "\n\t* missing password for LOGIN auth mechanism\n\n")
    }

    func test_conversation_mailRejected4xx_isRetryableAndQuits() {
        var c = SMTPConversation(settings: settings(), envelope: envelope)
        _ = c.onReply(r(220))
        _ = c.onReply(r(250, "mx"))
        XCTAssertEqual(c.onReply(r(451, "4.3.0 try later")), .send("QUIT"))
        XCTAssertEqual(c.onReply(r(221)),
                       .close(SMTPError(message: "send MAIL command: 451 4.3.0 try later", retryable: true, code: 451)))
    }

    func test_conversation_rcptRejected5xx_isPermanent() {
        var c = SMTPConversation(settings: settings(), envelope: envelope)
        _ = c.onReply(r(220))
        _ = c.onReply(r(250, "mx"))
        _ = c.onReply(r(250))
        XCTAssertEqual(c.onReply(r(550, "5.1.1 no such user")), .send("QUIT"))
        XCTAssertEqual(c.onReply(r(221)),
                       .close(SMTPError(message: "send RCPT command: 550 5.1.1 no such user", retryable: false, code: 550)))
    }

    func test_conversation_dataRefused_failsSendDATA() {
        var c = SMTPConversation(settings: settings(), envelope: envelope)
        _ = c.onReply(r(220)); _ = c.onReply(r(250, "mx")); _ = c.onReply(r(250)); _ = c.onReply(r(250)); _ = c.onReply(r(250))
        XCTAssertEqual(c.onReply(r(554, "no")), .send("QUIT"))
        XCTAssertEqual(c.onReply(r(221)), .close(SMTPError(message: "send DATA command: 554 no", retryable: false, code: 554)))
    }

    func test_conversation_endOfDataRejected_isCheckedUnlike025() {
        var c = SMTPConversation(settings: settings(), envelope: envelope)
        _ = c.onReply(r(220)); _ = c.onReply(r(250, "mx")); _ = c.onReply(r(250)); _ = c.onReply(r(250)); _ = c.onReply(r(250))
        _ = c.onReply(r(354))
        XCTAssertEqual(c.onReply(r(451, "4.7.1 greylisted")), .send("QUIT"))
        XCTAssertEqual(c.onReply(r(221)),
                       .close(SMTPError(message: "delivery failure: 451 4.7.1 greylisted", retryable: true, code: 451)))
    }

    func test_conversation_quitRefusedAfterDelivery_stillDelivered() {
        var c = SMTPConversation(settings: settings(), envelope: envelope)
        for reply in [r(220), r(250, "mx"), r(250), r(250), r(250), r(354), r(250)] { _ = c.onReply(reply) }
        XCTAssertEqual(c.onReply(r(500, "what")), .close(nil))
    }

    func test_conversation_connectionLostDuringQuit_stillDelivered() {
        var c = SMTPConversation(settings: settings(), envelope: envelope)
        for reply in [r(220), r(250, "mx"), r(250), r(250), r(250), r(354), r(250)] { _ = c.onReply(reply) }
        XCTAssertEqual(c.onFailure(SMTPError(message: "EOF", retryable: true)), .close(nil))
    }

    func test_conversation_connectionLostMidway_wrapsStep() {
        var c = SMTPConversation(settings: settings(), envelope: envelope)
        _ = c.onReply(r(220)); _ = c.onReply(r(250, "mx"))
        XCTAssertEqual(c.onFailure(SMTPError(message: "EOF", retryable: true)),
                       .close(SMTPError(message: "send MAIL command: EOF", retryable: true)))
    }

    func test_conversation_lineBreakInAddress_isRejectedBeforeSending() {
        var c = SMTPConversation(settings: settings(), envelope: SMTPEnvelope(from: "a@b\r\nRCPT TO:<x@y>", recipients: ["c@d"],
                                                                              message: []))
        XCTAssertEqual(c.onReply(r(220)), .send("QUIT"))
        XCTAssertEqual(c.onReply(r(221)), .close(SMTPError(message: "smtp: A line must not contain CR or LF", retryable: false)))
    }

    func test_settings_port465_meansImplicitTLS() {
        XCTAssertTrue(SMTPSettings(host: "h", port: 465).implicitTLS)
        XCTAssertFalse(SMTPSettings(host: "h", port: 587).implicitTLS)
        XCTAssertEqual(SMTPSettings(host: "::1", port: 25).smarthost, "[::1]:25")
    }
}
