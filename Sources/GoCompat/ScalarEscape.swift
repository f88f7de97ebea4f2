import Foundation

/// The one loop behind Go's string escapers (`strconv.Quote`, text/template's `html` and
/// `js`, go-logfmt's quoting): each differs only in which scalars it rewrites and to what.
package enum ScalarEscape {
    /// `s` with each scalar that `table` names replaced by its entry; a scalar the table does
    /// not name is replaced by `otherwise`'s answer, or kept when that is nil.
    package static func escape(
        _ s: String, _ table: [Unicode.Scalar: String], otherwise: (Unicode.Scalar) -> String? = { _ in nil }
    ) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            if let replacement = table[scalar] ?? otherwise(scalar) {
                out += replacement
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `\u` and four hex digits (upper- or lower-case), the JSON-style escape of a BMP scalar.
    package static func unicodeEscape(_ scalar: Unicode.Scalar, uppercase: Bool) -> String {
        String(format: uppercase ? "\\u%04X" : "\\u%04x", scalar.value)
    }
}
