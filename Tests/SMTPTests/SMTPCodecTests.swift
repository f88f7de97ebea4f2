import AlertCore
@testable import SMTP
@testable import SMTPProtocol
import XCTest

final class SMTPCodecTests: XCTestCase {
    func test_replyParser_multiLine_collectsUntilSpaceLine() throws {
        var p = SMTPReplyParser()
        XCTAssertNil(try p.feed("250-mx.example Hello"))
        XCTAssertNil(try p.feed("250-SIZE 1000"))
        XCTAssertEqual(try p.feed("250 8BITMIME"), SMTPReply(code: 250, lines: ["mx.example Hello", "SIZE 1000", "8BITMIME"]))
        XCTAssertEqual(try p.feed("221"), SMTPReply(code: 221, lines: [""]))
    }

    func test_replyParser_garbage_throws() {
        var p = SMTPReplyParser()
        XCTAssertThrowsError(try p.feed("hello"))
        var q = SMTPReplyParser()
        XCTAssertThrowsError(try q.feed("250x"))
    }

    func test_replyParser_codeChangesMidReply_throws() throws {
        var p = SMTPReplyParser()
        _ = try p.feed("250-a")
        XCTAssertThrowsError(try p.feed("251 b"))
    }

    func test_reply_errorText_joinsLinesLikeGo() {
        XCTAssertEqual(SMTPReply(code: 550, lines: ["5.1.1 a", "b"]).errorText, "550 5.1.1 a\nb")
    }

    func test_extensions_parsedAfterGreetingLine() {
        let ext = SMTPConversation.parseExtensions(SMTPReply(code: 250, lines: ["mx hi", "AUTH LOGIN PLAIN", "starttls", "SIZE 10"]))
        XCTAssertEqual(ext, ["AUTH": "LOGIN PLAIN", "STARTTLS": "", "SIZE": "10"])
    }

    func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }

    func test_dataEncoding_dotStuffsAndNormalisesLineEnds() {
        XCTAssertEqual(text(DataEncoding.encode(Array(".a\n..b\r\nc.\n.".utf8))), "..a\r\n...b\r\nc.\r\n..\r\n.\r\n")
    }

    func test_dataEncoding_endingWithLineBreak_addsOnlyDot() {
        XCTAssertEqual(text(DataEncoding.encode(Array("x\r\n".utf8))), "x\r\n.\r\n")
        XCTAssertEqual(text(DataEncoding.encode(Array("x\r".utf8))), "x\r\n.\r\n")
    }

    func test_dataEncoding_empty_stillTerminates() {
        XCTAssertEqual(text(DataEncoding.encode([])), "\r\n.\r\n")
    }

    func test_md5_knownVectors() {
        XCTAssertEqual(MD5.hex(MD5.digest([])), "d41d8cd98f00b204e9800998ecf8427e")
        XCTAssertEqual(MD5.hex(MD5.digest(Array("abc".utf8))), "900150983cd24fb0d6963f7d28e17f72")
        let long = Array("12345678901234567890123456789012345678901234567890123456789012345678901234567890".utf8)
        XCTAssertEqual(MD5.hex(MD5.digest(long)), "57edf4a22be3c955ac49da2e2107b67a")
    }

    func test_hmacMD5_rfc2202Vectors() {
        XCTAssertEqual(MD5.hex(HMACMD5.hmac(key: [UInt8](repeating: 0x0B, count: 16), message: Array("Hi There".utf8))),
                       "9294727a3638bb1c13f48ef8158bfc9d")
        XCTAssertEqual(MD5.hex(HMACMD5.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))),
                       "750c783e6ab0b503eaa86e310a5db738")
        XCTAssertEqual(MD5.hex(HMACMD5.hmac(key: [UInt8](repeating: 0xAA, count: 80),
                                                message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))),
                       "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd")
    }

    func test_authChoice_walksServerOrderTakingFirstUsable() throws {
        let all = SMTPCredentials(username: "u", password: "p", secret: "s")
        XCTAssertEqual(try SMTPAuthMechanism.choose(serverMechanisms: "LOGIN PLAIN CRAM-MD5", credentials: all), .login)
        XCTAssertEqual(try SMTPAuthMechanism.choose(serverMechanisms: "XOAUTH2 PLAIN LOGIN", credentials: all), .plain)
        let noSecret = SMTPCredentials(username: "u", password: "p")
        XCTAssertEqual(try SMTPAuthMechanism.choose(serverMechanisms: "CRAM-MD5 LOGIN", credentials: noSecret), .login)
        XCTAssertNil(try SMTPAuthMechanism.choose(serverMechanisms: "PLAIN", credentials: SMTPCredentials()))
    }

    func test_authChoice_oneProblem_formatsLikeMultierror() {
        XCTAssertThrowsError(try SMTPAuthMechanism.choose(serverMechanisms: "CRAM-MD5",
                                                          credentials: SMTPCredentials(username: "u"))) { e in
            XCTAssertEqual((e as? SMTPError)?.message, "1 error occurred:\n\t* missing secret for CRAM-MD5 auth mechanism\n\n")
        }
    }

    func test_authChoice_onlyUnknownMechanisms_namesThem() {
        XCTAssertThrowsError(try SMTPAuthMechanism.choose(serverMechanisms: "XOAUTH2 GSSAPI",
                                                          credentials: SMTPCredentials(username: "u", password: "p"))) { e in
            XCTAssertEqual((e as? SMTPError)?.message, "unknown auth mechanism: XOAUTH2 GSSAPI")
        }
    }

    func test_tlsOptions_unknownVersion_isConfigurationError() {
        XCTAssertThrowsError(try SMTPTLSOptions(minVersion: "TLS99").makeConfiguration()) { e in
            XCTAssertEqual((e as? SMTPError)?.retryable, false)
        }
    }

    func test_tlsOptions_missingCAFile_isConfigurationError() {
        XCTAssertThrowsError(try SMTPTLSOptions(caFile: "/nonexistent/ca.pem").makeConfiguration()) { e in
            XCTAssertTrue((e as? SMTPError)?.message.hasPrefix("parse TLS configuration: ") ?? false)
        }
    }

    func test_tlsOptions_serverNameForIP_isNotSentAsSNI() {
        XCTAssertNil(SMTPTLSOptions().verifiedName(host: "127.0.0.1"))
        XCTAssertEqual(SMTPTLSOptions().verifiedName(host: "mx.example"), "mx.example")
        XCTAssertEqual(SMTPTLSOptions(serverName: "other").verifiedName(host: "127.0.0.1"), "other")
    }
}
