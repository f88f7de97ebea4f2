import Foundation
import GoCompat
import Logging
import Synchronization

/// A swift-log handler writing Alertmanager-style lines to stderr:
/// `ts=2024-01-02T03:04:05.678Z caller=main.swift:42 level=info msg="Listening on" address=:9093`
/// (logfmt, or one JSON object per line with `--log.format=json`).
package struct LogfmtHandler: LogHandler {
    package var metadata: Logger.Metadata = [:]
    package var logLevel: Logger.Level
    let json: Bool
    let label: String

    package init(label: String, level: Logger.Level, json: Bool) {
        self.label = label
        self.logLevel = level
        self.json = json
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var fields: [(String, String)] = [
            ("ts", Self.timestamp()),
            ("caller", "\((event.file as NSString).lastPathComponent):\(event.line)"),
            ("level", Self.levelName(event.level)),
        ]
        if label != "tocsin" { fields.append(("component", label)) }
        fields.append(("msg", event.message.description))
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for key in merged.keys.sorted() { fields.append((key, "\(merged[key]!)")) }
        let line = json ? Self.jsonLine(fields) : Self.logfmtLine(fields)
        LogOutput.write(line + "\n")
    }

    static func levelName(_ l: Logger.Level) -> String {
        switch l {
        case .trace, .debug: "debug"
        case .info, .notice: "info"
        case .warning: "warn"
        case .error, .critical: "error"
        }
    }

    static func timestamp() -> String {
        Date().formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true).timeSeparator(.colon).timeZone(separator: .omitted))
    }

    /// logfmt quoting as go-logfmt does it: quote values with spaces, `=`, `"` or controls.
    static func logfmtLine(_ fields: [(String, String)]) -> String {
        fields.map { k, v in
            let needsQuote = v.isEmpty || v.unicodeScalars.contains { $0 == " " || $0 == "=" || $0 == "\"" || $0.value < 0x20 }
            return k + "=" + (needsQuote ? quote(v) : v)
        }.joined(separator: " ")
    }

    static func quote(_ s: String) -> String {
        "\"" + ScalarEscape.escape(s, quoteEscapes) { $0.value < 0x20 ? ScalarEscape.unicodeEscape($0, uppercase: false) : nil } + "\""
    }

    static let quoteEscapes: [Unicode.Scalar: String] = ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"]

    static func jsonLine(_ fields: [(String, String)]) -> String {
        "{" + fields.map { quote($0.0) + ":" + quote($0.1) }.joined(separator: ",") + "}"
    }
}

/// Serialises writes to stderr so concurrent log lines never interleave.
enum LogOutput {
    static let lock = Mutex(())
    static func write(_ s: String) {
        lock.withLock { _ in FileHandle.standardError.write(Data(s.utf8)) }
    }
}
