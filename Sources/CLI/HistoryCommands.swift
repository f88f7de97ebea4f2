import APIModel
import ArgumentParser
import Foundation
import GoCompat
import History

extension APIOperation {
    static let getNotifications = APIOperation(method: "GET", template: "/api/tocsin/v1/notifications",
                                               id: "getNotifications", errors: [400: ("BadRequest", true)])
    static let explainAlert = APIOperation(method: "GET", template: "/api/tocsin/v1/alerts/{fingerprint}/explain",
                                           id: "explainAlert", errors: [400: ("BadRequest", true), 404: ("NotFound", true)])
}

/// `tocsinctl history`: the cluster's notification history (tocsin's /api/tocsin/v1/notifications).
package struct HistoryCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "history", abstract: "View the notification history of the cluster (tocsin).")

    @OptionGroup package var global: GlobalOptions
    @Option(name: [.short, .long], help: "Only notifications to this receiver") var receiver: String?
    @Option(help: "Only notifications this recent (a duration such as 1h)") var since: String?
    @Option(help: "Only this outcome: success, failed, deduplicated or suppressed") var outcome: String?
    @Option(help: "At most this many, newest first") var limit: Int?

    package init() {}

    package func run() async throws {
        try await reportingErrors(global) { ctx in
            var query: [(String, String)] = []
            if let receiver { query.append(("receiver", receiver)) }
            if let outcome { query.append(("outcome", outcome)) }
            if let limit { query.append(("limit", String(limit))) }
            if let since {
                let seconds: Double
                do { seconds = try GoDuration.parse(since) } catch {
                    throw CLIError("invalid --since \(GoQuote.quote(since)): \(error)")
                }
                query.append(("since", GoTime(Date().addingTimeInterval(-seconds)).utc.rfc3339Nano))
            }
            let client = try await ctx.client()
            let data = try await client.send(.getNotifications, query: query)
            if ctx.formatter.output == .json {
                Console.out(String(decoding: data, as: UTF8.self))
                return
            }
            let answer: HistoryAnswer
            do { answer = try JSONDecoder().decode(HistoryAnswer.self, from: data) } catch {
                throw CLIError("unexpected answer from \(APIOperation.getNotifications.template): \(error)")
            }
            Console.out(ctx.formatter.history(answer.notifications))
            if answer.partial {
                Console.error("partial answer: peers not asked or not answering: \(answer.skippedPeers.joined(separator: ", "))\n")
            }
        }
    }
}

struct HistoryAnswer: Decodable {
    var notifications: [NotificationRecord]
    var partial: Bool
    var skippedPeers: [String]
}

/// `alert explain [matchers...]`: the "why" of each matching alert, whatever its state.
package struct AlertExplainCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Explain why matching alerts are or are not notified (tocsin).",
        discussion: "A first argument that is not a matcher is taken as alertname=<arg>.")

    @OptionGroup package var global: GlobalOptions
    @Argument(help: "Query filter") var matcherGroups: [String] = []

    package init() {}

    package func run() async throws {
        try await reportingErrors(global) { ctx in
            let filters = ArgumentHelpers.filters(matcherGroups)
            var query: [(String, String)] = [("active", "true"), ("inhibited", "true"), ("silenced", "true"),
                                             ("unprocessed", "true")]
            query += filters.map { ("filter", $0) }
            let client = try await ctx.client()
            let alerts = try client.decode(try await client.send(.getAlerts, query: query), GettableAlert.decodeList)
            var answers: [Data] = []
            for a in alerts {
                answers.append(try await client.send(.explainAlert, path: "/api/tocsin/v1/alerts/\(a.fingerprint)/explain"))
            }
            if ctx.formatter.output == .json {
                let items = answers.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
                Console.out("[" + items.joined(separator: ",") + "]\n")
                return
            }
            var explained: [Explanation] = []
            for data in answers {
                do { explained.append(try JSONDecoder().decode(Explanation.self, from: data)) } catch {
                    throw CLIError("unexpected answer from \(APIOperation.explainAlert.template): \(error)")
                }
            }
            Console.out(ctx.formatter.explanations(explained))
        }
    }
}

/// The explain answer, as far as the tables show it.
struct Explanation: Decodable {
    struct Route: Decodable { var receiver: String; var path: [Int]; var groupKey: String; var nextFlush: String? }
    struct Inhibition: Decodable { var rule: Int; var name: String?; var sources: [String] }
    struct Mute: Decodable { var timeInterval: String; var until: String? }
    var fingerprint: String
    var labels: [String: String]
    var state: String
    var routes: [Route]
    var silencedBy: [String]
    var inhibitedBy: [Inhibition]
    var mutedBy: [Mute]
    var notifications: [NotificationRecord]
}

extension Formatter {
    func history(_ records: [NotificationRecord]) -> String {
        if output == .simple {
            return Self.table(records, header: ["Time", "Node", "Receiver", "Integration", "Attempt", "Outcome", "Error"]) { r in
                [date(GoTime(r.time)), r.node, r.receiver, "\(r.integration)[\(r.integrationIndex)]", String(r.attempt),
                 r.outcome.rawValue, r.error]
            }
        }
        return Self.table(records, header: ["Time", "Node", "Receiver", "Integration", "Group Key", "Firing", "Resolved",
                                            "Attempt", "Outcome", "Detail", "Duration"]) { r in
            let detail = r.outcome == .deduplicated ? r.peer : r.outcome == .suppressed ? r.timeInterval : r.error
            return [date(GoTime(r.time)), r.node, r.receiver, "\(r.integration)[\(r.integrationIndex)]", r.groupKey,
                    r.firing.joined(separator: ","), r.resolved.joined(separator: ","), String(r.attempt),
                    r.outcome.rawValue + (r.willRetry ? " (will retry)" : ""), detail,
                    String(format: "%.3fs", r.durationSeconds)]
        }
    }

    func explanations(_ list: [Explanation]) -> String {
        Self.table(list, header: ["Alertname", "Fingerprint", "State", "Routes", "Silenced By", "Inhibited By", "Muted By",
                                  "Last Notification"]) { e in
            let routes = e.routes.map { r in
                "\(r.receiver) \(r.path.map(String.init).joined(separator: "/"))"
                    + (output == .extended ? " next \(r.nextFlush ?? "-")" : "")
            }.joined(separator: ", ")
            let inhibited = e.inhibitedBy.map { "rule \($0.name ?? String($0.rule)) by \($0.sources.joined(separator: ","))" }.joined(separator: ", ")
            let muted = e.mutedBy.map { "\($0.timeInterval) until \($0.until ?? "-")" }.joined(separator: ", ")
            let last = e.notifications.first.map { "\($0.outcome.rawValue) \(date(GoTime($0.time))) \($0.node)" } ?? ""
            return [e.labels["alertname"] ?? "", e.fingerprint, e.state, routes, e.silencedBy.joined(separator: ","),
                    inhibited, muted, last]
        }
    }
}
