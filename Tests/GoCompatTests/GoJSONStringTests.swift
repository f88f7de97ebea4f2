import GoCompat
import XCTest

/// Go 1.19 `encoding/json` string escaping, byte for byte.
final class GoJSONStringTests: XCTestCase {
    func test_quoted_htmlSafeControlsAndLineSeparators_likeGo119() {
        XCTAssertEqual(GoJSONString.quoted("a<b>&\"\\\n\r\t\u{01}\u{08}\u{0C}\u{1F}\u{7F}\u{2028}\u{2029}é😀"),
                       #""a\u003cb\u003e\u0026\"\\\n\r\t\u0001\u0008\u000c\u001f"# + "\u{7F}" + #"\u2028\u2029é😀""#)
        XCTAssertEqual(GoJSONString.quoted(""), #""""#)
    }

    /// Other three-byte sequences starting with E2 (U+2000...U+2FFF) stay verbatim.
    func test_quoted_otherE2Sequences_verbatim() {
        XCTAssertEqual(GoJSONString.quoted("\u{2027}\u{202A}\u{2713}x\u{2028}"), "\"\u{2027}\u{202A}\u{2713}x\\u2028\"")
    }

    func test_append_bytesAndStringAdaptorsAgree() {
        let s = "lbl=\u{00}<v>\u{2029}"
        var a: [UInt8] = [UInt8(ascii: "[")]
        GoJSONString.append(s, to: &a)
        var b: [UInt8] = [UInt8(ascii: "[")]
        Array(s.utf8).withUnsafeBufferPointer { GoJSONString.append($0, to: &b) }
        XCTAssertEqual(a, b)
        XCTAssertEqual(a, Array(#"["lbl=\u0000\u003cv\u003e\u2029""#.utf8))
    }

    func test_writer_compactValues() {
        var w = GoJSONWriter()
        w.raw("{\"a\":")
        w.stringArray(["x", "<"])
        w.raw(",\"n\":")
        w.int(-42)
        w.raw(UInt8(ascii: "}"))
        XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), #"{"a":["x","\u003c"],"n":-42}"#)
    }
}
