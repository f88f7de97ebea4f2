import APIModel
import ArgumentParser
import Foundation
import GoCompat
import HTTPAPI
import Logging
import Metrics
import Notifiers
import Notify
import Prometheus

/// `tocsin`: the server, accepting Alertmanager 0.25's flags.
package struct TocsinCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "tocsin",
        abstract: "An HA alert manager, drop-in for Prometheus Alertmanager 0.25.",
        version: TocsinVersion.versionText)

    @OptionGroup package var flags: ServerFlags

    package init() {}

    package func run() async throws {
        MallocArenas.limit()
        let level: Logger.Level = switch flags.logLevel {
        case "debug": .debug
        case "warn": .warning
        case "error": .error
        default: .info
        }
        let json = flags.logFormat == "json"
        LoggingSystem.bootstrap { label in LogfmtHandler(label: label, level: level, json: json) }
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Alertmanager's notification latency buckets.
        factory.durationHistogramBuckets["alertmanager_notification_latency_seconds"] =
            [1, 5, 10, 15, 20].map { Duration.seconds($0) }
        factory.durationHistogramBuckets[HTTPRequestMetrics.durationLabel] = HTTPRequestMetrics.durationBuckets
        factory.valueHistogramBuckets[HTTPRequestMetrics.sizeLabel] = HTTPRequestMetrics.sizeBuckets
        MetricsSystem.bootstrap(factory)

        let logger = Logger(label: "tocsin")
        logger.info("Starting Tocsin", metadata: ["version": "\(TocsinVersion.version)",
                                                  "compatible_with": "alertmanager \(TocsinVersion.compatibleWith)"])
        // Checked after logging is up, as Alertmanager does: a bad list is an error line and exit 1.
        let features: FeatureFlags
        do { features = try FeatureFlags(flags.enableFeature) } catch {
            logger.error("error parsing the feature flag list", metadata: ["err": "\(error)"])
            throw ExitCode(1)
        }
        // Without receiver names, every integration type's series exist from the start; with
        // them, each configuration load creates its receivers' series (`Runtime`).
        NotifyMetrics(receiverNames: features.enabled.contains(FeatureFlags.receiverNameInMetrics)).preinitialize()
        for name in features.names {
            logger.warning("\(FeatureFlags.announcements[name] ?? name)")
            if let why = FeatureFlags.withoutEffect[name] {
                logger.info("Feature accepted without effect in Tocsin", metadata: ["feature": "\(name)", "reason": "\(why)"])
            }
        }
        if features.enabled.contains(FeatureFlags.autoGoMemLimit), !(flags.autoGoMemLimitRatio > 0 && flags.autoGoMemLimitRatio <= 1) {
            logger.error("--auto-gomemlimit.ratio must be greater than 0 and less than or equal to 1.")
            throw ExitCode(1)
        }
        if flags.peersResolveTimeout.value != .seconds(15) {
            logger.warning("Flag accepted but not implemented in Tocsin yet; it has no effect", metadata: ["flag": "--cluster.peers-resolve-timeout"])
        }
        if flags.clusterLabel.utf8.count > 255 {
            // memberlist's limit for its label header (one length byte).
            logger.error("unable to initialize gossip mesh", metadata: ["err": "create memberlist: could not use \(GoQuote.quote(flags.clusterLabel)) as a label: too long"])
            throw ExitCode(1)
        }
        // Owned here so that every exit path shuts them down: AsyncHTTPClient traps on a
        // client dropped while running (a port taken at start used to end in SIGILL).
        let clients = NotifierHTTPClients()
        do {
            let server = try TocsinServer(flags: flags, logger: logger, registry: registry, clients: clients)
            try await server.run()
        } catch {
            if !(error is StartupFailure) { logger.error("Tocsin stopped on an error", metadata: ["err": "\(error)"]) }
            try? await clients.shutdown()
            throw ExitCode(1)
        }
        try? await clients.shutdown()
    }

    /// Kingpin accepts `--flag=` for an empty value (`--cluster.listen-address=` disables
    /// HA); ArgumentParser reads that as a missing value, so pass it as a separate "".
    static func normalizedArguments(_ args: [String]) -> [String] {
        args.flatMap { a -> [String] in
            a.hasPrefix("--") && a.hasSuffix("=") && a.firstIndex(of: "=") == a.index(before: a.endIndex)
                ? [String(a.dropLast()), ""] : [a]
        }
    }

    /// Entry point for the executable (`await TocsinCommand.main()` picks the synchronous
    /// overload on Linux, so dispatch explicitly).
    package static func runMain() async {
        do {
            var command = try parseAsRoot(normalizedArguments(Array(CommandLine.arguments.dropFirst())))
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
