import AlertCore
import AlertDispatch
import APIModel
import ArgumentParser
import Config
import Foundation

/// `tocsinctl config` (default `show`): the running config, and the routing tree.
package struct ConfigCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "config", abstract: "View current config.",
        discussion: "simple prints the running config, extended adds uptime and version info, json the whole status.",
        subcommands: [ConfigShowCommand.self, RoutesCommand.self], defaultSubcommand: ConfigShowCommand.self)
    package init() {}
}

package struct ConfigShowCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(commandName: "show", abstract: "View current config.")

    @OptionGroup package var global: GlobalOptions

    package init() {}

    package func run() async throws {
        try await printStatus(global) { $0.config($1) }
    }
}

/// `--config.file`, shared by `config routes` and its sub-commands (amtool puts it on `routes`).
package struct RoutesOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("config.file"), help: "Config file to be tested.")
    package var configFile: String?
    package init() {}
}

package struct RoutesCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "routes", abstract: "Prints alert routing tree",
        discussion: "Routing is loaded from --config.file, else from the running Alertmanager's configuration.",
        subcommands: [RoutesShowCommand.self, RoutesTestCommand.self], defaultSubcommand: RoutesShowCommand.self)
    @OptionGroup package var routes: RoutesOptions
    package init() {}
}

/// Loads the config for `config routes`: the file if given (amtool then always warns that it
/// overrides the URL, which has a default), else `config.original` from the server.
func loadRoutingConfig(_ ctx: CommandContext, file: String?, blankLine: Bool) async throws(CLIError) -> AlertmanagerConfig {
    let path = file ?? ctx.settings.file.string("config.file")
    do {
        if let path {
            guard FileManager.default.fileExists(atPath: path) else { throw CLIError("path '\(path)' does not exist") }
            Console.error("Warning: --config.file flag overrides the --alertmanager.url.\n")
            return try AlertmanagerConfig.load(file: path).config
        }
        let client = try await ctx.client()
        let status: APIStatus
        do { status = try await client.status() } catch { throw CLIError(error.message, blankLine: blankLine) }
        return try AlertmanagerConfig.load(yaml: status.configYAML, baseDirectory: ".").config
    } catch let e as ConfigError {
        throw CLIError(e.message, blankLine: blankLine)
    } catch let e as CLIError {
        throw e
    } catch {
        throw CLIError("\(error)", blankLine: blankLine)
    }
}

/// Route tree rendering and resolution as amtool's `routing.go`/`test_routing.go` do them, on
/// the server's own routing tree (`AlertDispatch.Route`), as amtool reuses `dispatch.NewRoute`.
package enum RouteTree {
    /// The tree the server would route with for `config`.
    package static func root(of config: AlertmanagerConfig) -> AlertDispatch.Route { AlertDispatch.Route(root: config.route.spec) }

    static func slug(_ r: AlertDispatch.Route, showContinue: Bool, showReceiver: Bool) -> String {
        var s = r.matchers.isEmpty ? "default-route" : r.matchers.matchersString
        if r.continue && showContinue { s += "  continue: true" }
        if showReceiver { s += "  receiver: " + r.receiver }
        return s
    }

    /// The whole tree (`config routes show`).
    package static func show(_ root: AlertDispatch.Route) -> String {
        func node(_ r: AlertDispatch.Route) -> TreeNode {
            TreeNode(slug(r, showContinue: true, showReceiver: true), children: r.routes.map(node))
        }
        return "Routing tree:\n" + TreeNode.render([node(root)]) + "\n"
    }

    /// The matching routes (`config routes test --tree`): the receiver is shown on final routes.
    package static func matching(_ root: AlertDispatch.Route, _ labels: LabelSet) -> String {
        func node(_ r: AlertDispatch.Route) -> TreeNode {
            var children: [TreeNode] = []
            for c in r.routes where c.matchers.matches(labels) {
                children.append(node(c))
                if !c.continue { break }
            }
            return TreeNode(slug(r, showContinue: false, showReceiver: children.isEmpty), children: children)
        }
        return "Matching routes:\n" + TreeNode.render([node(root)]) + "\n\n"
    }

    /// Receivers of the routes `labels` resolve to, comma-joined.
    package static func receivers(_ root: AlertDispatch.Route, _ labels: LabelSet) -> String {
        root.match(labels).map(\.receiver).joined(separator: ",")
    }
}

package struct RoutesShowCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(commandName: "show", abstract: "Prints alert routing tree")

    @OptionGroup package var global: GlobalOptions
    @OptionGroup package var routes: RoutesOptions

    package init() {}

    package func run() async throws {
        try await reportingErrors(global) { ctx in
            let cfg = try await loadRoutingConfig(ctx, file: routes.configFile, blankLine: false)
            Console.out(RouteTree.show(RouteTree.root(of: cfg)))
        }
    }
}

/// `config routes test [labels...]`: prints the receivers; `--verify.receivers` exits 1 with a
/// warning when they differ; `--tree` prints the matching routes first.
package struct RoutesTestCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(commandName: "test", abstract: "Test alert routing")

    @OptionGroup package var global: GlobalOptions
    @OptionGroup package var routes: RoutesOptions
    @Option(name: .customLong("verify.receivers"), help: "Checks if specified receivers matches resolved receivers.")
    var verifyReceivers = ""
    @Flag(help: "Prints out matching routes tree.") var tree = false
    @Argument(help: "List of labels to be tested against the configured routes.") var labels: [String] = []

    package init() {}

    package func run() async throws {
        var mismatch = false
        try await reportingErrors(global) { ctx in
            let cfg = try await loadRoutingConfig(ctx, file: routes.configFile, blankLine: true)
            let ls: [String: String]
            do { ls = try ArgumentHelpers.parseLabels(labels) } catch let e as CLIError { throw CLIError("Failed to parse labels: " + e.message) }
            let root = RouteTree.root(of: cfg)
            let set = LabelSet(ls)
            var out = tree ? RouteTree.matching(root, set) : ""
            let slug = RouteTree.receivers(root, set)
            out += slug + "\n"
            if !verifyReceivers.isEmpty && verifyReceivers != slug {
                out += "WARNING: Expected receivers did not match resolved receivers.\n"
                mismatch = true
            }
            Console.out(out)
        }
        if mismatch { throw ExitCode(1) }
    }
}
