import APIModel
import ArgumentParser
import Foundation
import GoCompat

/// `tocsinctl alert` (default `query`), amtool's `alert` command.
package struct AlertCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "alert", abstract: "Add or query alerts.",
        subcommands: [AlertQueryCommand.self, AlertAddCommand.self, AlertExplainCommand.self], defaultSubcommand: AlertQueryCommand.self)
    package init() {}
}

/// `alert query [matchers...]`: GET /api/v2/alerts; only active alerts unless a state flag is given.
package struct AlertQueryCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "query", abstract: "View and search through current alerts.",
        discussion: "A first argument that is not a matcher is taken as alertname=<arg>. "
            + "Without --inhibited, --silenced, --active or --unprocessed only active alerts are shown.")

    @OptionGroup package var global: GlobalOptions
    @Flag(name: [.short, .long], help: "Show inhibited alerts") var inhibited = false
    @Flag(name: [.short, .long], help: "Show silenced alerts") var silenced = false
    @Flag(name: [.short, .long], help: "Show active alerts") var active = false
    @Flag(name: [.short, .long], help: "Show unprocessed alerts") var unprocessed = false
    @Option(name: [.short, .long], help: "Show alerts matching receiver (Supports regex syntax)") var receiver: String?
    @Argument(help: "Query filter") var matcherGroups: [String] = []

    package init() {}

    package func run() async throws {
        try await reportingErrors(global) { ctx in
            let filters = ArgumentHelpers.filters(matcherGroups)
            let any = inhibited || silenced || active || unprocessed
            let receiverValue = receiver ?? ctx.settings.file.string("receiver") ?? ""
            var query: [(String, String)] = [
                ("active", String(any ? active : true)), ("inhibited", String(inhibited)),
                ("silenced", String(silenced)), ("unprocessed", String(unprocessed)),
            ]
            if !receiverValue.isEmpty { query.append(("receiver", receiverValue)) }
            query += filters.map { ("filter", $0) }
            let client = try await ctx.client()
            let data = try await client.send(.getAlerts, query: query)
            let alerts = try client.decode(data, GettableAlert.decodeList)
            Console.out(ctx.formatter.alerts(alerts))
        }
    }
}

/// `alert add [labels...]`: POST one alert (amtool sends Go's zero time for unset times).
package struct AlertAddCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a new alert.",
        discussion: "If the first argument has no '=' it is taken as the value of alertname.")

    @OptionGroup package var global: GlobalOptions
    @Option(name: .customLong("generator-url"), help: "Set the URL of the source that generated the alert") var generatorURL = ""
    @Option(help: "Set when the alert should start. RFC3339 format 2006-01-02T15:04:05-07:00") var start = ""
    @Option(help: "Set when the alert should end. RFC3339 format 2006-01-02T15:04:05-07:00") var end = ""
    @Option(help: "Set an annotation to be included with the alert") var annotation: [String] = []
    @Argument(help: "List of labels to be included with the alert") var labels: [String] = []

    package init() {}

    package func run() async throws {
        try await reportingErrors(global) { ctx in
            let args = ArgumentHelpers.alertnameShortcut(labels, valid: ArgumentHelpers.isLabels)
            let ls = try ArgumentHelpers.parseLabels(args)
            let annotations = try ArgumentHelpers.parseLabels(annotation)
            let startsAt = start.isEmpty ? GoTime.zero : try ArgumentHelpers.parseTime(start)
            let endsAt = end.isEmpty ? GoTime.zero : try ArgumentHelpers.parseTime(end)
            var body = JSONWriter(capacity: 512)
            body.postableAlerts(labels: ls, annotations: annotations, startsAt: startsAt, endsAt: endsAt,
                                generatorURL: generatorURL)
            let client = try await ctx.client()
            _ = try await client.send(.postAlerts, body: Data(body.bytes))
        }
    }
}
