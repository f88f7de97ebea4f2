/// amtool's Go time layouts. Formatting and parsing are `GoCompat.GoTime`'s (`format`,
/// `parseRFC3339`, `rfc3339Millis`); tocsinctl only names the layouts amtool uses.
package enum GoLayout {
    /// amtool's default `--date.format`.
    package static let defaultDateFormat = "2006-01-02 15:04:05 MST"
}
