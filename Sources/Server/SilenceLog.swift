import AlertCore
import GoCompat
import Logging
import Silences

/// `--log.silences`: one info line per local silence change, with the fields Alertmanager
/// logs (`Silences.logSilence`): times in RFC 3339, matchers as `name<op>value` joined by
/// commas, values unquoted.
enum SilenceLog {
    static func log(_ what: String, _ s: Silence, logger: Logger) {
        var start: [UInt8] = [], end: [UInt8] = []
        GoTime(s.startsAt).appendRFC3339(to: &start, fraction: .none)
        GoTime(s.endsAt).appendRFC3339(to: &end, fraction: .none)
        let matchers = s.matchers.map { $0.name + $0.type.description + $0.value }.joined(separator: ",")
        logger.info("\(what)", metadata: [
            "Id": "\(s.id)", "CreatedBy": "\(s.createdBy)", "Comment": "\(s.comment)",
            "StartsAt": "\(String(decoding: start, as: UTF8.self))", "EndsAt": "\(String(decoding: end, as: UTF8.self))",
            "Matchers": "\(matchers)",
        ])
    }
}
