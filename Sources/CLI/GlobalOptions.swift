import AlertCore
import ArgumentParser
import Foundation
import GoCompat

/// amtool's global flags. Declared on the root command and again on each command that talks to
/// the server; ArgumentParser hands the root's parsed values down, so the flags work before or
/// after the sub-command (`tocsinctl -o json silence` and `tocsinctl silence -o json`).
/// Every value is optional here: an unset flag falls back to `ALERTMANAGER_URL` (URL only), then
/// the config file, then amtool's default (see `Settings`).
package struct GlobalOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("alertmanager.url"), help: "Alertmanager to talk to (default http://localhost:9093/; env ALERTMANAGER_URL).")
    package var alertmanagerURL: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output formatter (simple, extended, json).")
    package var output: String?

    @Option(name: .customLong("timeout"), help: "Timeout for the executed command (Go duration, default 30s).")
    package var timeout: String?

    @Option(name: .customLong("http.config.file"), help: "HTTP client configuration file for tocsinctl to connect to Alertmanager.")
    package var httpConfigFile: String?

    @Flag(name: .customLong("version-check"), inversion: .prefixedNo, help: "Check alertmanager version (default on).")
    package var versionCheck: Bool?

    @Option(name: .customLong("date.format"), help: "Format of date output (Go layout, default \"2006-01-02 15:04:05 MST\").")
    package var dateFormat: String?

    @Flag(name: [.customShort("v"), .customLong("verbose")], help: "Verbose running information.")
    package var verbose = false

    package init() {}
}

/// The effective global settings after flag → environment → config file → default.
package struct Settings: Sendable {
    package enum Output: String, Sendable { case simple, extended, json }

    package var url: String
    package var output: Output
    package var timeout: TimeInterval
    package var httpConfigFile: String?
    package var versionCheck: Bool
    package var dateFormat: String
    package var file: AmtoolConfigFile

    package static let defaultURL = "http://localhost:9093/"

    package init(_ g: GlobalOptions, file: AmtoolConfigFile,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws(CLIError) {
        self.file = file
        url = g.alertmanagerURL ?? environment["ALERTMANAGER_URL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? file.string("alertmanager.url") ?? Self.defaultURL
        let out = g.output ?? file.string("output") ?? "simple"
        guard let o = Output(rawValue: out) else {
            throw CLIError("enum value must be one of simple,extended,json, got '\(out)'")
        }
        output = o
        let t = g.timeout ?? file.string("timeout") ?? "30s"
        do { timeout = try GoDuration.parse(t) } catch { throw CLIError(error.description) }
        httpConfigFile = g.httpConfigFile ?? file.string("http.config.file")
        if let f = httpConfigFile, !FileManager.default.fileExists(atPath: f) {
            throw CLIError("path '\(f)' does not exist")
        }
        if let v = g.versionCheck { versionCheck = v } else { versionCheck = try file.bool("version-check") ?? true }
        dateFormat = g.dateFormat ?? file.string("date.format") ?? GoLayout.defaultDateFormat
    }

    /// Loads the config files and resolves `g`.
    package static func resolve(_ g: GlobalOptions) throws(CLIError) -> Settings {
        try Settings(g, file: AmtoolConfigFile.loadDefault())
    }
}

/// The version `tocsinctl --version` prints and `--version-check` compares (major.minor) with
/// the server's: the Alertmanager release whose behaviour Tocsin reproduces.
package enum TocsinCtlVersion {
    package static let compatible = "0.25.0"
    package static let text = "tocsinctl, version \(compatible) (Tocsin; Alertmanager \(compatible) compatible)"
}
