import AlertCore
import APIModel
import ArgumentParser
import Foundation
import GoCompat

/// `tocsinctl silence` (default `query`), amtool's `silence` command.
package struct SilenceCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "silence", abstract: "Add, expire or view silences.",
        subcommands: [SilenceQueryCommand.self, SilenceAddCommand.self, SilenceExpireCommand.self,
                      SilenceImportCommand.self, SilenceUpdateCommand.self],
        defaultSubcommand: SilenceQueryCommand.self)
    package init() {}
}

/// The current OS user name (amtool's default `--author`).
func currentUserName() -> String {
    if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
    return ProcessInfo.processInfo.environment["USER"] ?? ""
}

/// `silence add [matchers...]`: builds the silence like amtool (start now in UTC unless
/// `--start`, end = start + `--duration` unless `--end`), checks it, POSTs it, prints the ID.
package struct SilenceAddCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a new alertmanager silence",
        discussion: "If the first argument is not a matcher it is taken as alertname=<arg>.")

    @OptionGroup package var global: GlobalOptions
    @Option(name: [.short, .long], help: "Username for CreatedBy field (default: current user)") var author: String?
    @Flag(name: .customLong("require-comment"), inversion: .prefixedNo, help: .hidden) var requireComment: Bool?
    @Option(name: [.short, .long], help: "Duration of silence (default 1h)") var duration: String?
    @Option(help: "Set when the silence should start. RFC3339 format 2006-01-02T15:04:05-07:00") var start: String?
    @Option(help: "Set when the silence should end (overwrites duration). RFC3339 format 2006-01-02T15:04:05-07:00") var end: String?
    @Option(name: [.short, .long], help: "A comment to help describe the silence") var comment: String?
    @Option(help: "Set an annotation to be included with the silence (key=value; repeatable; amtool 0.32+)")
    var annotation: [String] = []
    @Argument(help: "Query filter") var matcherGroups: [String] = []

    package init() {}

    package func run() async throws {
        try await reportingErrors(global) { ctx in
            let file = ctx.settings.file
            let args = ArgumentHelpers.filters(matcherGroups)
            let matchers = try ArgumentHelpers.parseMatchers(args)
            if matchers.isEmpty { throw CLIError("no matchers specified") }
            let startsAt = try (start ?? file.string("start")).map(ArgumentHelpers.parseTime) ?? GoTime.now()
            let who = author ?? file.string("author") ?? ""
            let createdBy = who.isEmpty ? currentUserName() : who
            let endsAt: GoTime
            if let e = end ?? file.string("end"), !e.isEmpty {
                endsAt = try ArgumentHelpers.parseTime(e)
            } else {
                let d = try ArgumentHelpers.parsePromDuration(duration ?? file.string("duration") ?? "1h")
                if d == 0 { throw CLIError("silence duration must be greater than 0") }
                endsAt = startsAt.utc.adding(seconds: d)
            }
            if endsAt < startsAt { throw CLIError("silence cannot start after it ends") }
            let text = comment ?? file.string("comment") ?? ""
            let required: Bool
            if let r = requireComment { required = r } else { required = try file.bool("require-comment") ?? true }
            if required, text.isEmpty {
                throw CLIError("comment required by config")
            }
            var s = GettableSilence(comment: text, createdBy: createdBy, startsAt: startsAt, endsAt: endsAt,
                               matchers: matchers.map(APIMatcher.init))
            // As amtool: each annotation is parsed as a matcher and must be an equality.
            for a in annotation {
                for m in try ArgumentHelpers.parseMatchers([a]) {
                    guard m.type == .equal else { throw CLIError("annotations must be specified as key=value pairs") }
                    s.annotations[m.name] = m.value
                }
            }
            let client = try await ctx.client()
            Console.out(try await SilenceAPI.post(s, client: client) + "\n")
        }
    }
}

/// Shared silence requests.
enum SilenceAPI {
    /// POST /silences; returns the silence ID.
    static func post(_ s: GettableSilence, client: APIClient) async throws(APIError) -> String {
        var body = JSONWriter(capacity: 512)
        body.postableSilence(s)
        let data = try await client.send(.postSilences, body: Data(body.bytes))
        return try client.decode(data, APIAnswer.silenceID)
    }

    static func get(_ id: String, client: APIClient) async throws(APIError) -> GettableSilence {
        let data = try await client.send(.getSilence, path: "/silence/" + GoURL.pathEscape(id))
        return try client.decode(data, GettableSilence.decode)
    }
}

/// `silence query [matchers...]`: lists silences that have not ended (or, with `--expired`, that
/// have), optionally only those ending (or ended) within `--within`.
package struct SilenceQueryCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "query", abstract: "Query Alertmanager silences.",
        discussion: "If the first argument is not a matcher it is taken as alertname=<arg>. "
            + "--within selects silences expiring (or, with --expired, expired) within that duration.")

    @OptionGroup package var global: GlobalOptions
    @Flag(help: "Show expired silences instead of active") var expired = false
    @Flag(name: [.short, .long], help: "Only show silence ids") var quiet = false
    @Option(name: .customLong("created-by"), help: "Show silences that belong to this creator") var createdBy: String?
    @Option(help: "Show silences that will expire or have expired within a duration (Go duration)") var within: String?
    @Option(help: "Show only the silence with this ID (amtool 0.26+)") var id: String?
    @Argument(help: "Query filter") var matcherGroups: [String] = []

    package init() {}

    package func run() async throws {
        try await reportingErrors(global) { ctx in
            let filters = ArgumentHelpers.filters(matcherGroups)
            var withinSeconds = 0.0
            if let w = within ?? ctx.settings.file.string("within") {
                do { withinSeconds = try GoDuration.parse(w) } catch let e as GoDuration.ParseError { throw CLIError(e.description) }
            }
            let client = try await ctx.client()
            var shown: [GettableSilence]
            if let id, !id.isEmpty {
                shown = [try await SilenceAPI.get(id, client: client)]
            } else {
                let data = try await client.send(.getSilences, query: filters.map { ("filter", $0) })
                let all = try client.decode(data, GettableSilence.decodeList)
                let now = GoTime.now()
                let author = createdBy ?? ""
                shown = all.filter { s in
                    SilenceQueryFilter(expired: expired, within: withinSeconds, createdBy: author).keeps(s, now: now)
                }
            }
            if quiet {
                Console.out(shown.map { ($0.id ?? "") + "\n" }.joined())
            } else {
                Console.out(ctx.formatter.silences(shown))
            }
        }
    }
}

/// amtool's client-side selection for `silence query` (pure, `now` injected).
package struct SilenceQueryFilter: Sendable {
    package var expired: Bool
    package var within: Double
    package var createdBy: String

    func keeps(_ s: GettableSilence, now: GoTime) -> Bool {
        if !expired && s.endsAt < now { return false }
        if expired && s.endsAt > now { return false }
        if !expired && within > 0 && s.endsAt > now.adding(seconds: within) { return false }
        if expired && within > 0 && s.endsAt < now.adding(seconds: -within) { return false }
        if !createdBy.isEmpty && s.createdBy != createdBy { return false }
        return true
    }
}
