import Templating

/// amtool's Go time layouts. Formatting and parsing are `Templating.GoTime`'s (`format`,
/// `parseRFC3339`); tocsinctl only names the layouts amtool uses.
public enum GoLayout {
    /// amtool's default `--date.format`.
    public static let defaultDateFormat = "2006-01-02 15:04:05 MST"
    /// go-openapi's `strfmt.DateTime` JSON form (RFC 3339 with milliseconds).
    public static let rfc3339Millis = "2006-01-02T15:04:05.000Z07:00"
}

extension GoTime {
    /// The API's JSON text for this time (go-openapi `strfmt.DateTime`).
    public var apiString: String { format(GoLayout.rfc3339Millis) }
}
