import APIModel
import ArgumentParser

/// `tocsinctl cluster` (default `show`): the cluster part of GET /api/v2/status.
public struct ClusterCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cluster", abstract: "View cluster status and peers.",
        subcommands: [ClusterShowCommand.self], defaultSubcommand: ClusterShowCommand.self)
    public init() {}
}

public struct ClusterShowCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "show", abstract: "View cluster status and peers.")

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() async throws {
        try await reportingErrors {
            let ctx = try CommandContext(global)
            let status = try await ctx.client().status()
            Console.out(ctx.formatter.cluster(status.cluster))
        }
    }
}
