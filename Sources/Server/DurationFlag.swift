import AlertCore
import ArgumentParser
import GoCompat

/// A duration flag in Go's syntax (`120h`, `1m0s`), parsed once when the flags are read and
/// kept as a `Duration`; `description` is the text as given, for `--help` and the logs.
package struct DurationFlag: Sendable, Equatable, CustomStringConvertible {
    package let value: Duration
    package let description: String

    /// Parses `text` as Go's `time.ParseDuration` does; the error carries Go's message.
    package init(parsing text: String) throws(GoDuration.ParseError) {
        // Whole nanoseconds (Go's resolution), so `200ms` is exactly `.milliseconds(200)`.
        value = .nanoseconds(Int64((try GoDuration.parse(text) * 1e9).rounded()))
        description = text
    }

    /// A default value written in the source; it must parse.
    init(_ text: String) {
        do { try self.init(parsing: text) } catch { preconditionFailure("bad default duration \(text)") }
    }

    /// For ArgumentParser's `transform:`; the thrown message is Go's
    /// (`time: unknown unit "d" in duration "5d"`), as kingpin reports it.
    static let parse: @Sendable (String) throws -> DurationFlag = { text in
        do { return try DurationFlag(parsing: text) } catch { throw ValidationError("\(error)") }
    }

    /// The value in seconds, for the stores that keep `TimeInterval`s.
    package var seconds: Double { value.timeInterval }
}
