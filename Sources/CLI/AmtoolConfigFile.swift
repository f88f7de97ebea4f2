import AlertCore
import Foundation
import GoCompat
import Yams

/// Flag defaults from amtool-style config files: a YAML map from flag name (`alertmanager.url`,
/// `author`, `require-comment`, `output`, `date.format`, ...) to value, as amtool's
/// `config.Resolver` reads it. Tocsin's own file wins; without it amtool's files are read, the
/// first file naming a key winning. The legacy key `comment_required` means `require-comment`.
package struct AmtoolConfigFile: Sendable, Equatable {
    package private(set) var values: [String: String]

    package init(values: [String: String] = [:]) { self.values = values }

    /// Where the files are looked for: ours, upstream amtool's, then Debian's amtool paths.
    package static func defaultSearchPaths(home: String? = ProcessInfo.processInfo.environment["HOME"]) -> (ours: String?, amtool: [String]) {
        let h = home ?? ""
        let ours = h.isEmpty ? nil : h + "/.config/tocsinctl/config.yml"
        var amtool = ["/etc/amtool/config.yml", "/etc/prometheus/amtool.yml"]
        if !h.isEmpty { amtool = [h + "/.config/amtool/config.yml", h + "/.config/prometheus/amtool.yml"] + amtool }
        return (ours, amtool)
    }

    /// Loads the default files (`ours` alone when it exists).
    package static func loadDefault() throws(CLIError) -> AmtoolConfigFile {
        let paths = defaultSearchPaths()
        if let ours = paths.ours, FileManager.default.fileExists(atPath: ours) { return try load(files: [ours]) }
        return try load(files: paths.amtool)
    }

    /// Reads `files` in order; missing files are skipped, the first value of a key wins.
    package static func load(files: [String]) throws(CLIError) -> AmtoolConfigFile {
        var merged: [String: String] = [:]
        for f in files where FileManager.default.fileExists(atPath: f) {
            guard let data = FileManager.default.contents(atPath: f) else {
                throw CLIError("could not load config file: open \(f): permission denied")
            }
            let m = try parse(String(decoding: data, as: UTF8.self), file: f)
            for (k, v) in m where merged[k] == nil { merged[k] = v }
        }
        return AmtoolConfigFile(values: merged)
    }

    /// Parses one file's text into flag name → value, renaming legacy keys.
    package static func parse(_ text: String, file: String = "config") throws(CLIError) -> [String: String] {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw CLIError("could not load config file: \(file): \(error)")
        }
        guard let node else { return [:] }
        guard let map = node.mapping else { throw CLIError("could not load config file: \(file): not a map of flag names to values") }
        var raw: [String: String] = [:]
        for (k, v) in map {
            guard let key = k.string, let value = v.string else {
                throw CLIError("could not load config file: \(file): values must be strings")
            }
            raw[key] = value
        }
        if let legacy = raw.removeValue(forKey: "comment_required"), raw["require-comment"] == nil {
            raw["require-comment"] = legacy
        }
        return raw
    }

    package func string(_ flag: String) -> String? { values[flag] }

    /// A boolean flag default: kingpin accepts `true`/`false` (and 1/0, yes/no).
    package func bool(_ flag: String) throws(CLIError) -> Bool? {
        guard let v = values[flag] else { return nil }
        switch v.lowercased() {
        case "true", "1", "yes", "y", "on", "t": return true
        case "false", "0", "no", "n", "off", "f": return false
        default: throw CLIError("strconv.ParseBool: parsing \(GoQuote.quote(v)): invalid syntax")
        }
    }
}

/// A user-facing failure: printed `tocsinctl: error: <message>` with exit status 1, as amtool
/// prints `amtool: error: <message>` through kingpin.
package struct CLIError: Error, Sendable, Equatable, CustomStringConvertible {
    package let message: String
    /// amtool adds a blank line after most errors (`Fatalf("%v\n")`), not after a few.
    package let blankLine: Bool

    package init(_ message: String, blankLine: Bool = true) {
        self.message = message
        self.blankLine = blankLine
    }

    package var description: String { message }
}
