import AlertCore
import APIModel
import ArgumentParser
import Config
import Foundation
import GoCompat

/// What a server command needs: the resolved settings, a formatter and, once local checks have
/// passed, a client (amtool creates its client, and runs the version check, only then).
struct CommandContext: Sendable {
    let settings: Settings
    let formatter: Formatter

    init(_ g: GlobalOptions) throws(CLIError) {
        settings = try Settings.resolve(g)
        formatter = Formatter(output: settings.output, dateFormat: settings.dateFormat)
    }

    /// The API client, after amtool's `--version-check` warning.
    func client() async throws(CLIError) -> APIClient {
        let c = try APIClient(settings: settings)
        if settings.versionCheck { await c.checkVersion() }
        return c
    }
}

/// Runs a command body, turning `CLIError`/`APIError` into amtool's `error:` line and exit 1.
func reportingErrors(_ global: GlobalOptions, _ body: (CommandContext) async throws -> Void) async throws {
    let outcome: Result<Void, any Error>
    do { outcome = .success(try await body(CommandContext(global))) } catch { outcome = .failure(error) }
    await CommandConnections.closeAll()
    do {
        try outcome.get()
    } catch let e as CLIError {
        Console.error("tocsinctl: error: \(e.message)\n" + (e.blankLine ? "\n" : ""))
        throw ExitCode(1)
    } catch let e as APIError {
        Console.error("tocsinctl: error: \(e.message)\n\n")
        throw ExitCode(1)
    }
}

/// Fetches GET /api/v2/status and prints the part `render` formats (`cluster show`, `config show`).
func printStatus(_ global: GlobalOptions, _ render: (Formatter, APIStatus) -> String) async throws {
    try await reportingErrors(global) { ctx in
        Console.out(render(ctx.formatter, try await ctx.client().status()))
    }
}

/// Argument helpers mirroring amtool's `cli/utils.go`.
enum ArgumentHelpers {
    /// `labels.ParseMatcher` on each argument.
    static func parseMatchers(_ args: [String]) throws(CLIError) -> [Matcher] {
        var out: [Matcher] = []
        for a in args {
            do { out.append(try ClassicMatcherParser.parseMatcher(a)) } catch { throw CLIError(error.message) }
        }
        return out
    }

    /// amtool's shortcut: a first argument that is not a matcher means `alertname=<arg>`.
    static func alertnameShortcut(_ args: [String], valid: ([String]) -> Bool) -> [String] {
        guard let first = args.first, !valid([first]) else { return args }
        return ["alertname=" + first] + args.dropFirst()
    }

    /// A query's `filter` arguments: the matchers, after the alertname shortcut.
    static func filters(_ args: [String]) -> [String] { alertnameShortcut(args, valid: isMatcher) }

    static func isMatcher(_ a: [String]) -> Bool { (try? parseMatchers(a)) != nil }

    static func isLabels(_ a: [String]) -> Bool { (try? parseLabels(a)) != nil }

    /// `parseLabels`: every argument must be a `name=value` matcher.
    static func parseLabels(_ args: [String]) throws(CLIError) -> [String: String] {
        var out: [String: String] = [:]
        for m in try parseMatchers(args) {
            guard m.type == .equal else { throw CLIError("labels must be specified as key=value pairs") }
            out[m.name] = m.value
        }
        return out
    }

    /// `time.Parse(time.RFC3339, s)` with Go's error text.
    static func parseTime(_ s: String) throws(CLIError) -> GoTime {
        do { return try GoTime.parseRFC3339(s) } catch { throw CLIError(error.description) }
    }

    /// Prometheus `model.ParseDuration`, in seconds.
    static func parsePromDuration(_ s: String) throws(CLIError) -> Double {
        do { return try PromDuration.parse(s).seconds } catch { throw CLIError(error.message) }
    }
}
