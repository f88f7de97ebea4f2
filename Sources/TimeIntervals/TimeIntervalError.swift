/// A time interval definition that Alertmanager would reject.
///
/// `message` is the exact text Alertmanager 0.25's `timeinterval` package produces for the
/// same input (for example `start day cannot be before end day`), so the config loader can
/// surface it unchanged, as Alertmanager does.
public struct TimeIntervalError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension TimeIntervalError {
    /// The text Go's `strconv.Atoi` returns for an input that is not an integer.
    static func invalidSyntax(_ input: String) -> TimeIntervalError {
        TimeIntervalError(message: "strconv.Atoi: parsing \(goQuote(input)): invalid syntax")
    }

    /// The text Go's `strconv.Atoi` returns for an integer that does not fit in 64 bits.
    static func outOfRange(_ input: String) -> TimeIntervalError {
        TimeIntervalError(message: "strconv.Atoi: parsing \(goQuote(input)): value out of range")
    }

    /// Quotes a string the way Go's `strconv.Quote` does for the common cases (backslash,
    /// double quote and control characters escaped), as used in `strconv` error texts.
    static func goQuote(_ input: String) -> String {
        var out = "\""
        for scalar in input.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{0B}": out += "\\v"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + hex2(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex2(_ value: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(value >> 4)], digits[Int(value & 0xF)]])
    }
}
