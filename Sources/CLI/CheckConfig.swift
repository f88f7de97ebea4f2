import ArgumentParser
import Config
import Foundation
import Templating

/// amtool 0.25's `check-config`: the same lines on stdout and the same exit status, plus one
/// extra line per file naming integrations that Tocsin parses but does not deliver yet.
package enum CheckConfig {
    /// The outcome of checking some files: stdout text, and how many failed.
    package struct Report: Sendable {
        package var output: String
        package var failed: Int
    }

    /// Checks each file; `displayName` is what `Checking '...'` shows (amtool shows the path).
    package static func check(files: [(path: String, displayName: String)]) -> Report {
        var out = ""
        var failed = 0
        for f in files {
            out += "Checking '\(f.displayName)'"
            do {
                let loaded = try AlertmanagerConfig.load(file: f.path)
                out += "  SUCCESS\n"
                let cfg = loaded.config
                out += "Found:\n - global config\n - route\n"
                out += " - \(cfg.inhibitRules.count) inhibit rules\n"
                out += " - \(cfg.receivers.count) receivers\n"
                out += " - \(cfg.templates.count) templates\n"
                if !cfg.templates.isEmpty {
                    if let err = templateError(cfg.templates) {
                        out += "  FAILED: \(err)\n"
                        failed += 1
                    } else {
                        out += "  SUCCESS\n"
                    }
                }
                let unsupported = loaded.unsupportedIntegrations
                if !unsupported.isEmpty {
                    out += "Note: Tocsin does not deliver to \(unsupported.joined(separator: ", ")) yet "
                        + "(they parse, but send no notifications)\n"
                }
            } catch {
                out += "  FAILED: \(error.message)\n"
                failed += 1
            }
            out += "\n"
        }
        return Report(output: out, failed: failed)
    }

    /// amtool's `template.FromGlobs` check: every file each glob matches is parsed with the
    /// template engine (globs matching nothing are fine), and the first parse error is reported
    /// in Go's words, e.g. `template: broken.tmpl:1: unexpected "}" in operand`.
    static func templateError(_ globs: [String]) -> String? {
        do {
            _ = try TemplateSet.fromGlobs(globs)
            return nil
        } catch {
            return error.message
        }
    }
}

/// `tocsinctl check-config [FILE...]` (stdin when no file is given, like amtool).
package struct CheckConfigCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate alertmanager config files",
        discussion: "Will validate the syntax and schema for alertmanager config file and associated templates. "
            + "Non existing templates will not trigger errors."
    )

    @Argument(help: "Files to be validated")
    package var checkFiles: [String] = []

    package init() {}

    package func run() throws {
        var files: [(String, String)] = []
        if checkFiles.isEmpty {
            if isatty(FileHandle.standardInput.fileDescriptor) != 0 {
                FileHandle.standardError.write(Data("tocsinctl: error: Failed to read from standard input\n".utf8))
                throw ExitCode(1)
            }
            files = [("/dev/stdin", "/dev/stdin")]
        } else {
            for f in checkFiles where !FileManager.default.fileExists(atPath: f) {
                FileHandle.standardError.write(Data("tocsinctl: error: path '\(f)' does not exist\n".utf8))
                throw ExitCode(1)
            }
            files = checkFiles.map { ($0, $0) }
        }
        let report = CheckConfig.check(files: files)
        FileHandle.standardOutput.write(Data(report.output.utf8))
        if report.failed > 0 {
            FileHandle.standardError.write(Data("tocsinctl: error: failed to validate \(report.failed) file(s)\n\n".utf8))
            throw ExitCode(1)
        }
    }
}
