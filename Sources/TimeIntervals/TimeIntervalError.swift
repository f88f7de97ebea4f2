import GoCompat

/// A time interval definition that Alertmanager would reject.
///
/// `message` is the exact text Alertmanager 0.25's `timeinterval` package produces for the
/// same input (for example `start day cannot be before end day`), so the config loader can
/// surface it unchanged, as Alertmanager does.
package struct TimeIntervalError: Error, Sendable, Equatable, CustomStringConvertible {
    package let message: String

    package init(message: String) {
        self.message = message
    }

    package var description: String { message }
}

extension TimeIntervalError {
    /// The text Go's `strconv.Atoi` returns for an input that is not an integer.
    static func invalidSyntax(_ input: String) -> TimeIntervalError {
        TimeIntervalError(message: "strconv.Atoi: parsing \(GoQuote.quote(input)): invalid syntax")
    }

    /// The text Go's `strconv.Atoi` returns for an integer that does not fit in 64 bits.
    static func outOfRange(_ input: String) -> TimeIntervalError {
        TimeIntervalError(message: "strconv.Atoi: parsing \(GoQuote.quote(input)): value out of range")
    }
}
