import Foundation
import GoCompat

/// Go's escaping helpers: `html` (template.HTMLEscapeString), `js`
/// (template.JSEscapeString), and html/template's text-context escaper used by HTML mode.
package enum Escaping {
    /// text/template's `html` function.
    package static func html(_ s: String) -> String {
        ScalarEscape.escape(s, htmlEscapes)
    }

    static let htmlEscapes: [Unicode.Scalar: String] = [
        "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;", "\"": "&#34;", "\u{0}": "\u{FFFD}",
    ]

    /// html/template's escaper for values interpolated into HTML text
    /// (also escapes `+`, as `htmlEscaper` does).
    package static func htmlTextEscape(_ s: String) -> String {
        html(s).replacingOccurrences(of: "+", with: "&#43;")
    }

    /// text/template's `js` function: the table's characters, then controls and other
    /// non-printable runes as `\uXXXX`.
    package static func js(_ s: String) -> String {
        ScalarEscape.escape(s, jsEscapes) { u in
            u.value < 0x20 || !GoQuote.isPrint(u) && u.value != 0x20 ? ScalarEscape.unicodeEscape(u, uppercase: true) : nil
        }
    }

    static let jsEscapes: [Unicode.Scalar: String] = [
        "\\": "\\\\", "'": "\\'", "\"": "\\\"", "<": "\\u003C", ">": "\\u003E", "&": "\\u0026", "=": "\\u003D",
    ]
}
