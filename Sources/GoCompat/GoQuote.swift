/// Go's `strconv.Quote` (and `fmt`'s `%q` for strings, which is the same function): a
/// double-quoted string with Go escapes. Alertmanager prints label values in group keys and
/// in many error texts this way, so it must agree with Go for every value a user can send.
///
/// The order of the rules is Go's `appendEscapedRune`: `"` and `\` backslashed; a rune
/// `strconv.IsPrint` accepts verbatim; then `\a \b \f \n \r \t \v`; other runes below 0x20 and
/// DEL as `\xXX`; other non-printable runes as `\uXXXX` or `\UXXXXXXXX`. (Go writes `\xXX` for
/// each invalid UTF-8 byte; a Swift `String` has none.)
package enum GoQuote {
    package static func quote(_ s: String) -> String {
        // `"` and `\` are printable and the named controls are not, so looking the table up
        // before `isPrint` gives Go's order.
        "\"" + ScalarEscape.escape(s, escapes) { isPrint($0) ? nil : numericEscape($0) } + "\""
    }

    /// The runes Go backslashes by name.
    static let escapes: [Unicode.Scalar: String] = [
        "\"": "\\\"", "\\": "\\\\",
        "\u{07}": "\\a", "\u{08}": "\\b", "\u{0C}": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u{0B}": "\\v",
    ]

    /// A non-printable rune without a named escape: `\xXX` below 0x20 and for DEL, else
    /// `\uXXXX` or `\UXXXXXXXX`.
    static func numericEscape(_ scalar: Unicode.Scalar) -> String {
        if scalar.value < 0x20 || scalar.value == 0x7F {
            return "\\x" + hex(scalar.value, width: 2)
        } else if scalar.value < 0x10000 {
            return "\\u" + hex(scalar.value, width: 4)
        }
        return "\\U" + hex(scalar.value, width: 8)
    }

    /// Go's `strconv.IsPrint` (the same set as `unicode.IsPrint`): letters, marks, numbers,
    /// punctuation, symbols (categories L, M, N, P, S) and the ASCII space. Other spaces (NBSP,
    /// U+2028) and format characters (U+200B) are not printable. Swift's Unicode tables are
    /// newer than Go 1.19's (Unicode 13), so a rune assigned since then is printable here and
    /// escaped by Go; that is the one difference.
    package static func isPrint(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value >= 0x20 && s.value < 0x7F }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Lower-case hex of `v`, zero-padded to `width`.
    static func hex(_ v: UInt32, width: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Go's `regexp.QuoteMeta`: a backslash before each of the bytes `\.+*?()|[]{}^$`, so the
    /// result matches `s` literally. Alertmanager passes receiver names through it for
    /// template data and webhook payloads (`team.a` becomes `team\.a`). Byte-wise, as Go's.
    package static func quoteMeta(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\\"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "?"),
                 UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "|"), UInt8(ascii: "["), UInt8(ascii: "]"),
                 UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "^"), UInt8(ascii: "$"):
                out.append(UInt8(ascii: "\\"))
            default: break
            }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
