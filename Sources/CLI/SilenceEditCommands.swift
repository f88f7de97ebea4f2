import APIModel
import ArgumentParser
import Foundation
import GoCompat

/// `silence expire <ids...>`: DELETE each; stops at the first error, as amtool does.
package struct SilenceExpireCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(commandName: "expire", abstract: "expire an alertmanager silence")

    @OptionGroup package var global: GlobalOptions
    @Argument(help: "Ids of silences to expire") var silenceIDs: [String] = []

    package init() {}

    package func run() async throws {
        try await reportingErrors(global) { ctx in
            if silenceIDs.isEmpty { throw CLIError("no silence IDs specified") }
            let client = try await ctx.client()
            for id in silenceIDs {
                _ = try await client.send(.deleteSilence, path: "/silence/" + GoURL.pathEscape(id))
            }
        }
    }
}

/// `silence update <ids...>`: GET each silence, change start/end/comment, POST it back with its
/// ID. The server keeps the ID when it can update in place, else answers a new one (printed).
package struct SilenceUpdateCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(commandName: "update", abstract: "Update silences")

    @OptionGroup package var global: GlobalOptions
    @Flag(name: [.short, .long], help: "Only show silence ids") var quiet = false
    @Option(name: [.short, .long], help: "Duration of silence") var duration: String?
    @Option(help: "Set when the silence should start. RFC3339 format 2006-01-02T15:04:05-07:00") var start: String?
    @Option(help: "Set when the silence should end (overwrites duration). RFC3339 format 2006-01-02T15:04:05-07:00") var end: String?
    @Option(name: [.short, .long], help: "A comment to help describe the silence") var comment: String?
    @Argument(help: "Silence IDs to update") var updateIDs: [String] = []

    package init() {}

    package func run() async throws {
        try await reportingErrors(global) { ctx in
            if updateIDs.isEmpty { throw CLIError("no silence IDs specified") }
            let client = try await ctx.client()
            var updated: [GettableSilence] = []
            for id in updateIDs {
                var s = try await SilenceAPI.get(id, client: client)
                try apply(to: &s)
                let newID = try await SilenceAPI.post(s, client: client)
                s.id = newID
                updated.append(s)
            }
            // amtool 0.25 prints Go pointers for -q (a bug); Tocsin prints the IDs.
            Console.out(quiet ? updated.map { ($0.id ?? "") + "\n" }.joined() : ctx.formatter.silences(updated))
        }
    }

    /// amtool's changes, in its order: start, then end (or start + duration), then comment.
    func apply(to s: inout GettableSilence) throws(CLIError) {
        if let start, !start.isEmpty { s.startsAt = try ArgumentHelpers.parseTime(start) }
        if let end, !end.isEmpty {
            s.endsAt = try ArgumentHelpers.parseTime(end)
        } else if let duration, !duration.isEmpty {
            let d = try ArgumentHelpers.parsePromDuration(duration)
            if d == 0 { throw CLIError("silence duration must be greater than 0") }
            s.endsAt = s.startsAt.utc.adding(seconds: d)
        }
        if s.endsAt < s.startsAt { throw CLIError("silence cannot start after it ends") }
        if let comment, !comment.isEmpty { s.comment = comment }
    }
}

/// `silence import [file]`: posts every silence of a JSON array (`silence query -o json`
/// output) with `--worker` concurrent requests; a 404 for a kept ID retries as a new silence.
package struct SilenceImportCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import alertmanager silences from JSON file or stdin")

    @OptionGroup package var global: GlobalOptions
    @Flag(name: [.short, .long], help: "Force adding new silences even if it already exists") var force = false
    @Option(name: [.short, .customLong("worker")], help: "Number of concurrent workers to use for import") var worker = 8
    @Argument(help: "JSON file with silences") var inputFile: String?

    package init() {}

    package func run() async throws {
        try await reportingErrors(global) { ctx in
            let data: Data
            if let f = inputFile {
                guard FileManager.default.fileExists(atPath: f) else { throw CLIError("path '\(f)' does not exist") }
                guard let d = FileManager.default.contents(atPath: f) else { throw CLIError("open \(f): permission denied") }
                data = d
            } else {
                data = FileHandle.standardInput.readDataToEndOfFile()
            }
            var silences = try Self.decode(data)
            if force { for i in silences.indices { silences[i].id = nil } }
            let client = try await ctx.client()
            let failed = await Self.post(silences, workers: max(1, worker), client: client)
            if failed > 0 { throw CLIError("couldn't import \(failed) out of \(silences.count) silences") }
        }
    }

    /// The input must be a JSON array of silence objects.
    static func decode(_ data: Data) throws(CLIError) -> [GettableSilence] {
        do throws(JSONError) { return try GettableSilence.decodeList([UInt8](data)) } catch {
            throw CLIError("couldn't unmarshal input data, is it JSON?: " + error.message)
        }
    }

    /// Posts with at most `workers` requests in flight; prints each new ID as it arrives and
    /// each failure on stderr (`Error adding silence id='<id>': <err>`). Returns the failures.
    static func post(_ silences: [GettableSilence], workers: Int, client: APIClient) async -> Int {
        await withTaskGroup(of: Bool.self) { group in
            var next = 0
            var failed = 0
            func add() {
                let s = silences[next]
                next += 1
                group.addTask { await postOne(s, client: client) }
            }
            while next < silences.count && next < workers { add() }
            while let ok = await group.next() {
                if !ok { failed += 1 }
                if next < silences.count { add() }
            }
            return failed
        }
    }

    static func postOne(_ s: GettableSilence, client: APIClient) async -> Bool {
        do {
            let id: String
            do { id = try await SilenceAPI.post(s, client: client) } catch where error.status == 404 {
                var fresh = s
                fresh.id = nil
                id = try await SilenceAPI.post(fresh, client: client)
            }
            Console.out(id + "\n")
            return true
        } catch {
            Console.error("Error adding silence id='\(s.id ?? "")': \(error.message)\n")
            return false
        }
    }
}
