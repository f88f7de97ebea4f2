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

    /// The scan takes eight bytes a step: every byte that needs escaping must be caught at
    /// every position of a word, and in the tail after the last whole word.
    func test_quoted_specialByteAtEveryPosition_caughtInWordsAndTail() {
        let specials: [String] = ["\"", "\\", "<", ">", "&", "\n", "\u{01}", "\u{1F}", "\u{2028}", "é"]
        let expected: [String] = [#"\""#, #"\\"#, #"\u003c"#, #"\u003e"#, #"\u0026"#, #"\n"#, #"\u0001"#, #"\u001f"#,
                                  #"\u2028"#, "é"]
        for (special, escaped) in zip(specials, expected) {
            for at in 0..<21 {
                let s = String(repeating: "x", count: at) + special + String(repeating: "y", count: 20 - at)
                let want = "\"" + String(repeating: "x", count: at) + escaped + String(repeating: "y", count: 20 - at) + "\""
                XCTAssertEqual(GoJSONString.quoted(s), want, "\(escaped) at \(at)")
            }
        }
        XCTAssertEqual(GoJSONString.quoted(String(repeating: "abcdefgh", count: 4) + " ~"), "\"" + String(repeating: "abcdefgh", count: 4) + " ~\"")
    }
}
