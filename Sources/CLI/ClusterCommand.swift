import APIModel
import ArgumentParser

/// `tocsinctl cluster` (default `show`): the cluster part of GET /api/v2/status.
package struct ClusterCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "cluster", abstract: "View cluster status and peers.",
        subcommands: [ClusterShowCommand.self], defaultSubcommand: ClusterShowCommand.self)
    package init() {}
}

package struct ClusterShowCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(commandName: "show", abstract: "View cluster status and peers.")

    @OptionGroup package var global: GlobalOptions

    package init() {}

    package func run() async throws {
        try await printStatus(global) { $0.cluster($1.cluster) }
    }
}
