import ArgumentParser

/// `tocsinctl`, Tocsin's amtool. New sub-commands are added to `subcommandTypes`.
@available(macOS 10.15, *)
package struct TocsinCtl: AsyncParsableCommand {
    /// Sub-commands in help order; other modules' commands are appended here.
    package static let subcommandTypes: [any ParsableCommand.Type] = [
        AlertCommand.self, SilenceCommand.self, CheckConfigCommand.self, ClusterCommand.self, ConfigCommand.self,
        TemplateCommand.self, HistoryCommand.self,
    ]

    package static let configuration = CommandConfiguration(
        commandName: "tocsinctl",
        abstract: "View and modify the current Tocsin (Alertmanager-compatible) state.",
        version: TocsinCtlVersion.text,
        subcommands: subcommandTypes
    )

    /// amtool's global flags, accepted before the sub-command too (see `GlobalOptions`).
    @OptionGroup package var global: GlobalOptions

    package init() {}

    /// Parses the process arguments and runs the chosen sub-command (sync or async), exiting
    /// with its status. `main.swift` calls this: on Linux, `await TocsinCtl.main()` in a
    /// top-level file resolves to the synchronous `main()` and refuses async commands.
    package static func runMain() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
