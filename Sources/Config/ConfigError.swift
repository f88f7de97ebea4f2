/// A configuration that Alertmanager 0.25 would refuse to load.
///
/// `message` is worded exactly as Alertmanager words it (what `amtool check-config` prints after
/// `FAILED: `); `line` is the 1-based YAML line the error is about, when known. The line is kept
/// apart from the message so that the text stays comparable with Alertmanager's.
package struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    package let message: String
    package let line: Int?

    package init(_ message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }

    package var description: String { message }

    /// The message followed by ` (line N)` when the line is known: for logs, not for comparison.
    package var messageWithLine: String {
        guard let line else { return message }
        return "\(message) (line \(line))"
    }
}
