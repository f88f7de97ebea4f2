import GoCompat
import XCTest

/// `strconv.Quote` (also `%q`) and `regexp.QuoteMeta`.
final class GoQuoteTests: XCTestCase {
    func test_quote_controlAndUnicode_matchGo() {
        XCTAssertEqual(GoQuote.quote("a\tb\u{01}c\u{7F}"), #""a\tb\x01c\x7f""#)
        XCTAssertEqual(GoQuote.quote("ünï ✓"), "\"ünï ✓\"")
        XCTAssertEqual(GoQuote.quote("\u{200B}"), #""\u200b""#)
        XCTAssertEqual(GoQuote.quote("\u{00A0}"), #""\u00a0""#)
        XCTAssertEqual(GoQuote.quote("\\\""), #""\\\"""#)
        XCTAssertEqual(GoQuote.quote("\u{07}\u{08}\u{0C}\n\r\t\u{0B}"), #""\a\b\f\n\r\t\v""#)
    }

    /// Non-printable runes above ASCII: `\u` below U+10000, `\U` above; U+FFFD and emoji print.
    func test_quote_nonPrintableRunes_uAndBigU() {
        XCTAssertEqual(GoQuote.quote("\u{2028}\u{FEFF}\u{E000}"), #""\u2028\ufeff\ue000""#)
        XCTAssertEqual(GoQuote.quote("\u{F0000}\u{E0001}"), #""\U000f0000\U000e0001""#)
        XCTAssertEqual(GoQuote.quote("\u{FFFD}😀"), "\"\u{FFFD}😀\"")
    }

    func test_isPrint_goCategories() {
        for s: Unicode.Scalar in ["a", " ", "~", "é", "✓", "\u{0301}"] { XCTAssertTrue(GoQuote.isPrint(s), "\(s.value)") }
        for s: Unicode.Scalar in ["\u{7F}", "\u{A0}", "\u{3000}", "\u{200B}", "\u{85}"] { XCTAssertFalse(GoQuote.isPrint(s), "\(s.value)") }
    }

    func test_quoteMeta_regexSpecials_areBackslashed() {
        XCTAssertEqual(GoQuote.quoteMeta(#"a.b+c*d?e(f)g|h[i]j{k}l^m$n\o-p"#), #"a\.b\+c\*d\?e\(f\)g\|h\[i\]j\{k\}l\^m\$n\\o-p"#)
        XCTAssertEqual(GoQuote.quoteMeta("team.a+[b]$"), #"team\.a\+\[b\]\$"#)
    }

    /// Byte-wise as Go: a `.` followed by a combining mark (one Swift `Character`) is escaped.
    func test_quoteMeta_dotBeforeCombiningMark_escaped() {
        XCTAssertEqual(GoQuote.quoteMeta(".\u{0301}é"), "\\.\u{0301}é")
    }

    /// `strconv.Unquote` of `"` + body + `"`: what Go returns; nil where Go returns ErrSyntax or a
    /// lone byte above 0x7F (not valid UTF-8).
    func test_unquote_escapes_matchGo() {
        func u(_ body: String) -> String? { GoQuote.unquote(Array(body.unicodeScalars)) }
        XCTAssertEqual(u(#"a\tb\n\\\"c"#), "a\tb\n\\\"c")
        XCTAssertEqual(u(#"\a\b\f\r\v"#), "\u{07}\u{08}\u{0C}\r\u{0B}")
        XCTAssertEqual(u(#"\x41\101\u00e9\U0001F600"#), "AAé😀")
        XCTAssertEqual(u("ünï ✓"), "ünï ✓")
        XCTAssertEqual(u(#"\x4a\x4A"#), "JJ", "hex digits in either case")
        XCTAssertNil(u(#"\x80"#), "a lone byte above 0x7F is not valid UTF-8")
        XCTAssertNil(u(#"\200"#), "octal above 0x7F likewise")
        XCTAssertNil(u(#"\xZ1"#))
        XCTAssertNil(u(#"\u12"#), "short \\u")
        XCTAssertNil(u(#"\q"#), "unknown escape")
        XCTAssertNil(u(#"a"b"#), "bare quote")
        XCTAssertNil(u("a\nb"), "bare newline")
        XCTAssertNil(u(#"\"#), "trailing backslash")
        XCTAssertNil(u(#"\uD800"#), "a surrogate is not a rune")
    }
}
