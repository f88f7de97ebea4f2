import Foundation
import GoCompat

/// Go's escaping helpers: `html` (template.HTMLEscapeString), `js`
/// (template.JSEscapeString), and html/template's text-context escaper used by HTML mode.
package enum Escaping {
    /// text/template's `html` function.
    package static func html(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "'": out += "&#39;"
            case "\"": out += "&#34;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// html/template's escaper for values interpolated into HTML text
    /// (also escapes `+`, as `htmlEscaper` does).
    package static func htmlTextEscape(_ s: String) -> String {
        html(s).replacingOccurrences(of: "+", with: "&#43;")
    }

    /// text/template's `js` function.
    package static func js(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "<": out += "\\u003C"
            case ">": out += "\\u003E"
            case "&": out += "\\u0026"
            case "=": out += "\\u003D"
            default:
                if u.value < 0x20 || !GoQuote.isPrint(u) && u.value != 0x20 {
                    out += String(format: "\\u%04X", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}
