@testable import Notifiers
import Foundation
import XCTest

/// Byte vectors for Go's quoted-printable writer, `mime.QEncoding` and `net/mail` lists.
final class EmailEncodingTests: XCTestCase {
    func qp(_ s: String) -> String { String(decoding: EmailEncoding.quotedPrintable(Array(s.utf8)), as: UTF8.self) }

    func test_quotedPrintable_plainText_passesThrough() {
        XCTAssertEqual(qp("foo bar"), "foo bar")
        XCTAssertEqual(qp("a\tb"), "a\tb")
    }

    func test_quotedPrintable_equalsAndNonASCII_areEncoded() {
        XCTAssertEqual(qp("a=b"), "a=3Db")
        XCTAssertEqual(qp("é"), "=C3=A9")
        XCTAssertEqual(qp("\u{7F}\u{01}"), "=7F=01")
    }

    func test_quotedPrintable_trailingWhitespace_isEncoded() {
        XCTAssertEqual(qp("foo "), "foo=20")
        XCTAssertEqual(qp("foo\t\n"), "foo=09\r\n")
        XCTAssertEqual(qp("Source: \nx"), "Source:=20\r\nx")
    }

    func test_quotedPrintable_lineBreaks_becomeCRLF() {
        XCTAssertEqual(qp("a\nb\r\nc\rd"), "a\r\nb\r\nc\r\nd")
        XCTAssertEqual(qp("a\r\r\nb"), "a\r\n\r\nb")
    }

    func test_quotedPrintable_longLine_getsSoftBreakAt76() {
        let out = qp(String(repeating: "a", count: 80))
        XCTAssertEqual(out, String(repeating: "a", count: 75) + "=\r\n" + "aaaaa")
    }

    func test_quotedPrintable_encodedByteNearLimit_movesToNextLine() {
        XCTAssertEqual(qp(String(repeating: "a", count: 73) + "="), String(repeating: "a", count: 73) + "=\r\n=3D")
        XCTAssertEqual(qp(String(repeating: "a", count: 72) + "="), String(repeating: "a", count: 72) + "=3D")
    }

    func test_qEncode_printableASCII_unchanged() {
        XCTAssertEqual(EmailEncoding.qEncode("[FIRING:1] HighLatency (api)"), "[FIRING:1] HighLatency (api)")
        XCTAssertEqual(EmailEncoding.qEncode("a\tb=c?"), "a\tb=c?")
    }

    func test_qEncode_nonASCII_encodesWholeValueLikeGo() {
        XCTAssertEqual(EmailEncoding.qEncode("¡Hola, señor!"), "=?utf-8?q?=C2=A1Hola,_se=C3=B1or!?=")
        XCTAssertEqual(EmailEncoding.qEncode("a_b=c?é"), "=?utf-8?q?a=5Fb=3Dc=3F=C3=A9?=")
    }

    func test_qEncode_longValue_splitsWithoutBreakingCharacters() {
        let s = String(repeating: "é", count: 11)
        XCTAssertEqual(EmailEncoding.qEncode(s),
                       "=?utf-8?q?" + String(repeating: "=C3=A9", count: 10) + "?= =?utf-8?q?=C3=A9?=")
        let t = String(repeating: "a", count: 62) + "é"
        XCTAssertEqual(EmailEncoding.qEncode(t), "=?utf-8?q?" + String(repeating: "a", count: 62) + "?= =?utf-8?q?=C3=A9?=")
    }

    func test_addressList_namesAndQuotes_yieldBareAddresses() throws {
        XCTAssertEqual(try EmailAddress.parseList(#"a@b.org, Team <t@c.org>, "Doe, J" <j@d.org>"#),
                       ["a@b.org", "t@c.org", "j@d.org"])
        XCTAssertEqual(try EmailAddress.parseList("x@y (comment)"), ["x@y"])
    }

    func test_addressList_invalid_reportsGoMessages() {
        XCTAssertThrowsError(try EmailAddress.parseList("")) { XCTAssertEqual(($0 as? EmailAddress.ParseError)?.message, "mail: no address") }
        XCTAssertThrowsError(try EmailAddress.parseList("nobody")) {
            XCTAssertEqual(($0 as? EmailAddress.ParseError)?.message, "mail: missing @ in addr-spec")
        }
        XCTAssertThrowsError(try EmailAddress.parseList("a@b,")) { XCTAssertEqual(($0 as? EmailAddress.ParseError)?.message, "mail: no address") }
    }

    func test_message_encoded_layoutMatchesAlertmanager() {
        let m = EmailMessage(headers: ["To": "a@b", "Subject": "Hi é", "From": "c@d"], text: "t=1\n", html: "<b>x</b>",
                             messageID: "<1.2@host>", date: "Fri, 01 Mar 2024 10:00:00 +0000", boundary: "BOUND")
        let expected = "From: c@d\r\nSubject: =?utf-8?q?Hi_=C3=A9?=\r\nTo: a@b\r\nMessage-Id: <1.2@host>\r\n"
            + "Date: Fri, 01 Mar 2024 10:00:00 +0000\r\nContent-Type: multipart/alternative;  boundary=BOUND\r\n"
            + "MIME-Version: 1.0\r\n\r\n"
            + "--BOUND\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "t=3D1\r\n"
            + "\r\n--BOUND\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
            + "<b>x</b>"
            + "\r\n--BOUND--\r\n"
        XCTAssertEqual(String(decoding: m.encoded(), as: UTF8.self), expected)
    }

    func test_message_configuredMessageId_replacesGenerated() {
        let m = EmailMessage(headers: ["Message-Id": "<mine@x>"], text: "", html: "h", messageID: "<gen@x>", date: "D",
                             boundary: "B")
        let s = String(decoding: m.encoded(), as: UTF8.self)
        XCTAssertTrue(s.hasPrefix("Message-Id: <mine@x>\r\nDate: D\r\n"), s)
        XCTAssertFalse(s.contains("text/plain"))
    }

    func test_message_dateAndIdentifiers_followGoFormats() {
        let t = Date(timeIntervalSince1970: 1_709_287_200.5)
        XCTAssertEqual(EmailMessage.formatDate(t, offsetSeconds: 3600), "Fri, 01 Mar 2024 11:00:00 +0100")
        XCTAssertEqual(EmailMessage.makeMessageID(now: t, random: 42, hostname: "vm"), "<1709287200500000000.42@vm>")
        var g = SystemRandomNumberGenerator()
        let b = EmailMessage.makeBoundary(using: &g)
        XCTAssertEqual(b.count, 60)
        XCTAssertTrue(b.allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }
}
