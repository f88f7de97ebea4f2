/// A failed SMTP delivery and whether trying again can help.
///
/// Messages follow Alertmanager 0.25's email notifier (`send MAIL command: 550 5.1.1 ...`,
/// `find auth mechanism: ...`). Retry classification is Tocsin's (the issue asks for it):
/// a 4xx reply, connection, TLS and timeout errors are retryable; a 5xx reply, a bad TLS
/// configuration and a protocol violation are not. (Alertmanager 0.25 retries every SMTP
/// error.)
package struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    package var message: String
    package var retryable: Bool
    /// The server's reply code when the error is a reply, else nil.
    package var code: Int?

    package init(message: String, retryable: Bool, code: Int? = nil) {
        self.message = message
        self.retryable = retryable
        self.code = code
    }

    /// An error caused by a server reply: retryable unless it is a 5xx (permanent) reply.
    static func reply(_ reply: SMTPReply, context: String) -> SMTPError {
        SMTPError(message: "\(context): \(reply.errorText)", retryable: reply.code / 100 != 5, code: reply.code)
    }

    /// The same error with `prefix: ` in front of the message (Go's `errors.Wrap`).
    package func wrapped(_ prefix: String) -> SMTPError {
        SMTPError(message: "\(prefix): \(message)", retryable: retryable, code: code)
    }

    package var description: String { message }
}
