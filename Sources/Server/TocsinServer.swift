import AlertCore
import AlertStore
import Config
import Foundation
import HTTPAPI
import Hummingbird
import Logging
import MeshTransport
import Metrics
import NotificationLog
import Replication
import Notifiers
import Notify
import Prometheus
import ServiceLifecycle
import Silences
import Synchronization
import UnixSignals

/// The composition root: builds the stores, the per-config runtime, the HTTP API and the
/// background loops, runs them as one service group, reloads on SIGHUP and `/-/reload`,
/// and writes final snapshots on SIGTERM.
public final class TocsinServer: Sendable {
    let flags: ServerFlags
    let logger: Logger
    let shared: SharedState
    let web: WebSettings
    let metrics: ServerMetrics
    let clients: NotifierHTTPClients
    let cluster: ClusterInfo
    let peer: any ClusterPeer
    let startTime = Date()
    private let current: Mutex<Runtime>
    private let reloads = ReloadSerializer()

    var runtime: Runtime { current.withLock { $0 } }

    /// Loads the configuration and the snapshots. Throws (after logging) when the server cannot start.
    init(flags: ServerFlags, logger: Logger, registry: PrometheusCollectorRegistry) throws {
        self.flags = flags
        self.logger = logger
        metrics = ServerMetrics(registry: registry)
        web = try WebSettings(flags: flags)
        let clock = WallClock()
        let marker = AlertMarker()
        let silences = Silences(retention: flags.seconds(flags.dataRetention), clock: clock)
        let nflog = NotificationLog(retention: flags.seconds(flags.dataRetention))
        shared = SharedState(store: AlertStore(), marker: marker, silences: silences,
                             silencer: Silencer(silences: silences, marker: marker, clock: clock), nflog: nflog, clock: clock)
        clients = NotifierHTTPClients()
        let node = MeshConfig(flags: flags, peerName: ULID.make()).map { MeshNode(config: $0, logger: Logger(label: "cluster")) }
        cluster = ClusterInfo(node: node)
        metrics.clusterEnabled.set(node == nil ? 0.0 : 1.0)
        peer = node.map { MeshPeer(node: $0, settleTimeout: flags.seconds(flags.settleTimeout)) } ?? SinglePeer()
        if let node {
            let sil = SilencesReplica(silences)
            let nfl = NotificationLogReplica(nflog, clock: clock)
            node.register(sil)
            node.register(nfl)
            sil.connect(node)
            nfl.connect(node)
        }

        try StateFiles.createDirectory(flags.storagePath)
        let silencesFile = (flags.storagePath as NSString).appendingPathComponent("silences")
        let nflogFile = (flags.storagePath as NSString).appendingPathComponent("nflog")
        StateFiles.open(silencesFile, what: "silences", logger: logger, load: { silences.loadSnapshot(from: $0) },
                        snapshot: { silences.snapshot() }, persist: { silences.persistChanges(to: silencesFile, onError: $0) })
        StateFiles.open(nflogFile, what: "notification log", logger: logger, load: { path in
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            do { _ = try nflog.loadSnapshot(Array(data)) } catch { return "\(error)" }
            return nil
        }, snapshot: { nflog.snapshot() }, persist: { nflog.persistChanges(to: nflogFile, onError: $0) })

        logger.info("Loading configuration file", metadata: ["file": "\(flags.configFile)"])
        let loaded: LoadedConfig
        do { loaded = try Config.load(file: flags.configFile, matcherMode: Self.matcherMode(flags)) } catch {
            logger.error("Loading configuration file failed", metadata: ["file": "\(flags.configFile)", "err": "\(error.messageWithLine)"])
            throw error
        }
        let receivers = try IntegrationBuilder(externalURL: web.externalURL, clients: clients, clock: clock).receivers(loaded)
        current = Mutex(Runtime(loaded: loaded, receivers: receivers, shared: shared, peer: peer, logger: logger))
        configLoaded(loaded)
    }

    static func matcherMode(_ flags: ServerFlags) -> MatcherParsingMode {
        if flags.features.contains("classic-mode") { return .classic }
        if flags.features.contains("utf8-strict-mode") { return .utf8Strict }
        return .fallback
    }

    func configLoaded(_ loaded: LoadedConfig) {
        metrics.configHash.set(loaded.hash)
        metrics.reloadSuccessful.set(1.0)
        metrics.reloadTimestamp.set(Date().timeIntervalSince1970)
        let used = Set(loaded.receiversReferencedByRoutes)
        metrics.receivers.set(Double(used.count))
        let integrations = loaded.config.receivers.filter { used.contains($0.name) }
            .reduce(0) { $0 + $1.webhookConfigs.count + $1.emailConfigs.count + $1.otherConfigs.count }
        metrics.integrations.set(Double(integrations))
        metrics.inhibitionRules.set(Double(loaded.config.inhibitRules.count))
        for name in loaded.unsupportedIntegrations {
            logger.warning("Integration type does not deliver in Tocsin yet; notifications for it are dropped",
                           metadata: ["integration": "\(name)"])
        }
        for w in loaded.warnings { logger.warning("\(w)") }
    }

    /// Runs until SIGTERM/SIGINT.
    func run() async throws {
        if let node = cluster.node {
            do { try await node.start() } catch {
                logger.error("unable to initialize gossip mesh", metadata: ["err": "\(error)"])
                throw error
            }
        }
        runtime.start(store: shared.store)
        let api = makeAPI()
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        services.append(.init(service: LoopService(name: "maintenance") { try await self.maintenanceLoop() }))
        services.append(.init(service: LoopService(name: "alerts-gc") { await self.alertsGCLoop() }))
        services.append(.init(service: LoopService(name: "sighup") { await self.sighupLoop() }))
        for address in flags.webListenAddresses {
            guard let (host, port) = WebSettings.hostPort(address) else {
                logger.error("Invalid listen address", metadata: ["address": "\(address)"])
                throw WebSettings.Failure(description: "invalid listen address \(address)")
            }
            let app = Application(router: api, configuration: .init(address: .hostname(host, port: port), serverName: nil),
                                  onServerRunning: { [logger] _ in logger.info("Listening on", metadata: ["address": "\(address)"]) },
                                  logger: Logger(label: "tocsin.http", factory: { _ in SwiftLogNoOpLogHandler() }))
            services.append(.init(service: app))
        }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: Logger(label: "tocsin.lifecycle", factory: { _ in SwiftLogNoOpLogHandler() })))
        try await group.run()
        logger.info("Received shutdown signal, exiting gracefully")
        await runtime.stop()
        shared.store.finishSubscriptions()
        await cluster.node?.stop()
        await writeSnapshots()
        try? await clients.shutdown()
    }

    func writeSnapshots() async {
        // Errors are logged by the journal's error handler.
        await shared.silences.writeSnapshot()
        await shared.nflog.writeSnapshot()
    }

    /// GC and snapshot of silences and the notification log every `--data.maintenance-interval`.
    func maintenanceLoop() async throws {
        let interval = flags.seconds(flags.maintenanceInterval)
        guard interval > 0 else { return }
        while !Task.isCancelled {
            try await Task.sleep(for: .seconds(interval))
            shared.silences.gc()
            _ = shared.nflog.gc(now: shared.clock.now())
            await writeSnapshots()
        }
    }

    func alertsGCLoop() async {
        let marker = shared.marker
        await shared.store.runGarbageCollection(every: flags.seconds(flags.alertsGCInterval), clock: shared.clock) { alert in
            marker.delete(alert.fingerprint)
        }
    }

    func sighupLoop() async {
        for await _ in await UnixSignalsSequence(trapping: .sighup) {
            _ = await reload()
        }
    }

    /// Reloads the configuration file; nil on success, else the error (the old config keeps running).
    func reload() async -> String? {
        await reloads.run { await self.reloadNow() }
    }

    private func reloadNow() async -> String? {
        logger.info("Loading configuration file", metadata: ["file": "\(flags.configFile)"])
        let loaded: LoadedConfig
        let receivers: [Notify.Receiver]
        do {
            loaded = try Config.load(file: flags.configFile, matcherMode: Self.matcherMode(flags))
            receivers = try IntegrationBuilder(externalURL: web.externalURL, clients: clients, clock: shared.clock).receivers(loaded)
        } catch {
            // The log gets the line number; the `/-/reload` answer keeps Alertmanager's exact text.
            let logged = (error as? ConfigError)?.messageWithLine ?? "\(error)"
            logger.error("Loading configuration file failed", metadata: ["file": "\(flags.configFile)", "err": "\(logged)"])
            metrics.reloadSuccessful.set(0.0)
            return (error as? ConfigError)?.message ?? "\(error)"
        }
        let next = Runtime(loaded: loaded, receivers: receivers, shared: shared, peer: peer, logger: logger)
        let old = current.withLock { cur in
            let o = cur
            cur = next
            return o
        }
        await old.stop()
        next.start(store: shared.store)
        configLoaded(loaded)
        logger.info("Completed loading of configuration file", metadata: ["file": "\(flags.configFile)"])
        return nil
    }
}

/// Runs one reload at a time, in arrival order.
actor ReloadSerializer {
    private var last: Task<String?, Never>?

    /// Chains `body` after the previous reload (actor methods may interleave at `await`).
    func run(_ body: @escaping @Sendable () async -> String?) async -> String? {
        let previous = last
        let task = Task { _ = await previous?.value; return await body() }
        last = task
        return await task.value
    }
}

/// A background loop as a service that stops at graceful shutdown.
struct LoopService: Service {
    let name: String
    let body: @Sendable () async throws -> Void
    init(name: String, _ body: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.body = body
    }

    func run() async throws {
        try? await cancelWhenGracefulShutdown { try await body() }
    }
}
