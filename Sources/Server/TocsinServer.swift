import AlertCore
import AlertStore
import Config
import Foundation
import HTTPAPI
import History
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
/// background loops, runs them as one service group (`ServerServices` says in which order
/// they start and stop), reloads on SIGHUP and `/-/reload`, and writes final snapshots on
/// SIGTERM. It does not own the notifiers' HTTP clients: the command shuts them down on
/// every exit path, a failed start included.
package final class TocsinServer: Sendable {
    let flags: ServerFlags
    let logger: Logger
    let shared: SharedState
    let web: WebSettings
    /// `--web.config.file`, nil when not given.
    let webConfig: WebConfigFile?
    let metrics: ServerMetrics
    let clients: NotifierHTTPClients
    /// How this node calls its peers' API (`--cluster.api-http-config.file`).
    let peerAPI: HTTPSender
    let cluster: ClusterInfo
    let peer: any ClusterPeer
    let startTime = Date()
    /// `--dispatch.start-delay` and `--dispatch.maintenance-interval`, for every runtime.
    let dispatchTiming: DispatchTiming
    private let current: Mutex<Runtime>
    private let reloads = ReloadSerializer()
    let runtimes: RuntimeService

    var runtime: Runtime { current.withLock { $0 } }

    /// Loads the configuration and the snapshots. Throws (after logging) when the server cannot start.
    init(flags: ServerFlags, logger: Logger, registry: PrometheusCollectorRegistry, clients: NotifierHTTPClients,
         clock: any TimeSource = WallClock()) throws {
        self.flags = flags
        self.logger = logger
        let metrics = ServerMetrics(registry: registry, alertsByGroupKey: flags.features.contains(FeatureFlags.groupKeyInMetrics))
        self.metrics = metrics
        do { web = try WebSettings(flags: flags) } catch {
            logger.error("failed to parse the web settings", metadata: ["err": "\(error)"])
            throw StartupFailure(what: "web settings", error: error)
        }
        if flags.webConfigFile.isEmpty {
            webConfig = nil
        } else {
            do { webConfig = try WebConfigFile(path: flags.webConfigFile, logger: logger) } catch {
                logger.error("Invalid web config file, not starting", metadata: ["file": "\(flags.webConfigFile)", "err": "\(error)"])
                throw StartupFailure(what: "web config file", error: error)
            }
        }
        let silences = SilenceStore(retention: flags.dataRetention.seconds, clock: clock)
        silences.limits = .init(maxSilences: flags.maxSilences, maxSilenceSizeBytes: flags.maxSilenceSizeBytes)
        let nflog = NotificationLogStore(retention: flags.dataRetention.seconds)
        if flags.logSilences {
            let silenceLogger = Logger(label: "silences")
            silences.setChangeLog { what, s in SilenceLog.log(what, s, logger: silenceLogger) }
        }
        let limitByName = flags.features.contains(FeatureFlags.alertNamesInMetrics)
        metrics.perAlertNameLimit.set(Double(flags.perAlertNameLimit))
        if flags.perAlertNameLimit > 0 {
            logger.info("per alert name limit enabled", metadata: ["limit": "\(flags.perAlertNameLimit)"])
        }
        let providerLogger = Logger(label: "provider")
        let store = InMemoryAlerts(perAlertNameLimit: flags.perAlertNameLimit) { alert in
            providerLogger.warning("error on set alert", metadata: ["alertname": "\(alert.labels.value("alertname"))", "err": "alert limited"])
            metrics.alertLimited(alert, byName: limitByName)
        }
        let marker = store.marker
        // The dispatcher's start time stays the process start across reloads, as upstream's does.
        dispatchTiming = DispatchTiming(startAt: clock.now().addingTimeInterval(flags.dispatchStartDelay.seconds),
                                        maintenanceInterval: flags.dispatchMaintenanceInterval.seconds)
        let peerName = flags.clusterPeerName.isEmpty ? ULID.make() : flags.clusterPeerName
        let transport = try Self.gossipTransport(flags, logger: logger)
        do { peerAPI = try HistoryPeers.client(file: flags.clusterAPIHTTPConfigFile, clients: clients, clock: clock) } catch {
            logger.error("failed to load --cluster.api-http-config.file", metadata: ["file": "\(flags.clusterAPIHTTPConfigFile)", "err": "\(error)"])
            throw StartupFailure(what: "cluster API HTTP config", error: error)
        }
        let apiMeta = HistoryPeers.meta(apiURL: HistoryPeers.apiURL(flags: flags, routePrefix: web.routePrefix,
                                                                    tls: webConfig?.tls != nil))
        let node = MeshConfig(flags: flags, peerName: peerName).map {
            var config = $0
            config.meta = apiMeta
            return MeshNode(config: config, logger: Logger(label: "cluster"), transport: transport)
        }
        cluster = ClusterInfo(node: node)
        // The history names this node as the cluster does, or by host name when alone;
        // `--history.retention=0s` turns it off (no file, nothing recorded).
        let history = HistoryStore(node: node == nil ? ProcessInfo.processInfo.hostName : peerName,
                                   retention: flags.historyRetention.seconds, maxBytes: flags.historyMaxBytes,
                                   path: flags.historyRetention.seconds > 0
                                       ? (flags.storagePath as NSString).appendingPathComponent("history") : nil)
        shared = SharedState(store: store, marker: marker, silences: silences,
                             silencer: Silencer(silences: silences, marker: marker, clock: clock), nflog: nflog,
                             history: history, clock: clock,
                             notifyMetrics: NotifyMetrics(receiverNames: flags.features.contains(FeatureFlags.receiverNameInMetrics)))
        self.clients = clients
        runtimes = RuntimeService(store: shared.store)
        metrics.clusterEnabled.set(node == nil ? 0.0 : 1.0)
        let claims = SendClaimStore()
        peer = node.map { MeshPeer(node: $0, settleTimeout: flags.settleTimeout.value, clock: clock, claims: claims) }
            ?? SinglePeer()
        if let node {
            let clm = SendClaimReplica(claims)
            node.register(clm)
            clm.connect(node)
            let sil = SilencesReplica(silences)
            let nfl = NotificationLogReplica(nflog, clock: clock)
            node.register(sil)
            node.register(nfl)
            sil.connect(node)
            nfl.connect(node)
        }

        do { try StateFiles.createDirectory(flags.storagePath) } catch {
            logger.error("unable to create the storage directory", metadata: ["path": "\(flags.storagePath)", "err": "\(error)"])
            throw StartupFailure(what: "storage", error: error)
        }
        let silencesFile = (flags.storagePath as NSString).appendingPathComponent("silences")
        let nflogFile = (flags.storagePath as NSString).appendingPathComponent("nflog")
        // The two files are independent: read side by side, a large state is ready sooner.
        let openStateFiles: [@Sendable () -> Void] = [{
            StateFiles.open(silencesFile, what: "silences", logger: logger, load: { silences.loadSnapshot(from: $0) },
                            snapshot: { silences.snapshot() }, persist: { silences.persistChanges(to: silencesFile, onError: $0) })
        }, {
            StateFiles.open(nflogFile, what: "notification log", logger: logger, load: { path in
                guard let data = FileManager.default.contents(atPath: path) else { return nil }
                do { _ = try nflog.loadSnapshot(Array(data)) } catch { return "\(error)" }
                return nil
            }, snapshot: { nflog.snapshot() }, persist: { nflog.persistChanges(to: nflogFile, onError: $0) })
        }]
        DispatchQueue.concurrentPerform(iterations: openStateFiles.count) { openStateFiles[$0]() }
        do {
            let loaded = try history.load(now: clock.now())
            if loaded.cutBytes > 0 {
                logger.warning("cut a torn tail off the notification history", metadata: ["bytes": "\(loaded.cutBytes)"])
            }
        } catch {
            logger.error("unable to open the notification history", metadata: ["err": "\(error)"])
            throw StartupFailure(what: "history", error: error)
        }

        logger.info("Loading configuration file", metadata: ["file": "\(flags.configFile)"])
        let loaded: LoadedConfig
        do { loaded = try AlertmanagerConfig.load(file: flags.configFile, matcherMode: Self.matcherMode(flags)) } catch {
            logger.error("Loading configuration file failed", metadata: ["file": "\(flags.configFile)", "err": "\(error.messageWithLine)"])
            throw StartupFailure(what: "configuration", error: error)
        }
        let receivers: [Notify.Receiver]
        do { receivers = try IntegrationBuilder(externalURL: web.externalURL, clients: clients, clock: clock).receivers(loaded) } catch {
            logger.error("Loading configuration file failed", metadata: ["file": "\(flags.configFile)", "err": "\(error)"])
            throw StartupFailure(what: "configuration", error: error)
        }
        let first = Runtime(loaded: loaded, receivers: receivers, shared: shared, peer: peer, timing: dispatchTiming,
                            externalURL: web.externalURL, logger: logger)
        current = Mutex(first)
        runtimes.start(first)
        configLoaded(loaded)
    }

    /// UDP and TCP, or TLS with `--cluster.tls-config`: a file that is bad, or names a bad
    /// file, stops the start (never plaintext gossip instead), as in Alertmanager.
    static func gossipTransport(_ flags: ServerFlags, logger: Logger) throws -> any GossipTransport {
        guard !flags.clusterTLSConfig.isEmpty else { return UDPTCPTransport() }
        let file: ClusterTLSConfig
        do { file = try ClusterTLSConfig.load(file: flags.clusterTLSConfig) } catch {
            logger.error("unable to initialize TLS transport configuration for gossip mesh",
                         metadata: ["file": "\(flags.clusterTLSConfig)", "err": "\(error)"])
            throw StartupFailure(what: "cluster TLS config", error: error)
        }
        do {
            let transport = try TLSTransport(tls: try ClusterTLS.make(file), dialTimeout: flags.tcpTimeout.value,
                                             maxFrameBytes: flags.maxStreamBytes)
            logger.info("using TLS for gossip", metadata: ["file": "\(flags.clusterTLSConfig)"])
            return transport
        } catch {
            logger.error("unable to initialize gossip mesh", metadata: ["err": "tls transport: \(error)"])
            throw StartupFailure(what: "cluster TLS", error: error)
        }
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

    /// Runs until SIGTERM/SIGINT. Throws `StartupFailure` (already logged) when a part
    /// cannot start, e.g. a port is taken; what had started is stopped by then.
    func run() async throws {
        let group = ServiceGroup(configuration: .init(services: try services().ordered,
                                                      gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: Logger(label: "tocsin.lifecycle", factory: { _ in SwiftLogNoOpLogHandler() })))
        try await group.run()
        logger.info("Received shutdown signal, exiting gracefully")
    }

    /// Every long-lived part as a service; `ServerServices` fixes the start and stop order.
    func services() throws -> ServerServices {
        let api = makeAPI()
        var listeners: [any Service] = []
        for bind in try httpBinds() {
            let address = bind.label
            let tls = webConfig?.tls
            let http2 = tls != nil && webConfig?.config.http2 == true
            let app = Application(router: api, server: try Self.httpServer(tls: tls, http2: http2),
                                  configuration: .init(address: bind.address, serverName: nil),
                                  onServerRunning: { [logger] _ in
                                      logger.info("Listening on", metadata: ["address": "\(address)"])
                                      logger.info(tls == nil ? "TLS is disabled." : "TLS is enabled.",
                                                  metadata: ["http2": "\(http2)", "address": "\(address)"])
                                  },
                                  logger: Logger(label: "tocsin.http", factory: { _ in SwiftLogNoOpLogHandler() }))
            listeners.append(ListenerService(app: app, address: address, logger: logger))
            if let relay = bind.relay { listeners.append(relay) }
        }
        let (store, silences, nflog, clock) = (shared.store, shared.silences, shared.nflog, shared.clock)
        let history = shared.history
        return ServerServices(
            mesh: cluster.node.map { MeshService(node: $0, logger: logger) },
            // GC and snapshot of silences and the notification log every `--data.maintenance-interval`,
            // and a last snapshot at shutdown.
            maintenance: PeriodicService(description: "maintenance", interval: flags.maintenanceInterval.value, clock: clock,
                                         tick: { [self] in
                                             silences.gc()
                                             _ = nflog.gc(now: clock.now())
                                             history.gc(now: clock.now())
                                             await writeSnapshots()
                                         },
                                         atShutdown: { [self] in await writeSnapshots() }),
            dispatch: runtimes,
            alertsGC: PeriodicService(description: "alerts-gc", interval: flags.alertsGCInterval.value, clock: clock,
                                      tick: { store.collectGarbage(now: clock.now()) }),
            sighup: LoopService(name: "sighup") { [self] in await sighupLoop() },
            http: listeners)
    }

    /// `--web.listen-address` ports, or with `--web.systemd-socket` the sockets systemd passed.
    func httpBinds() throws -> [HTTPBind] {
        if flags.systemdSocket {
            do { return try SystemdActivation.binds(logger: logger) } catch {
                logger.error("Listen error", metadata: ["err": "\(error)"])
                throw StartupFailure(what: "listener", error: error)
            }
        }
        return try flags.webListenAddresses.map { address in
            guard let (host, port) = WebSettings.hostPort(address) else {
                logger.error("Invalid listen address", metadata: ["address": "\(address)"])
                throw StartupFailure(what: "listener", error: WebSettings.Failure(description: "invalid listen address \(address)"))
            }
            return HTTPBind(label: address, address: .hostname(host, port: port), relay: nil)
        }
    }

    func writeSnapshots() async {
        // Errors are logged by the journal's error handler.
        await shared.silences.writeSnapshot()
        await shared.nflog.writeSnapshot()
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
            loaded = try AlertmanagerConfig.load(file: flags.configFile, matcherMode: Self.matcherMode(flags))
            receivers = try IntegrationBuilder(externalURL: web.externalURL, clients: clients, clock: shared.clock).receivers(loaded)
        } catch {
            // The log gets the line number; the `/-/reload` answer keeps Alertmanager's exact text.
            let logged = (error as? ConfigError)?.messageWithLine ?? "\(error)"
            logger.error("Loading configuration file failed", metadata: ["file": "\(flags.configFile)", "err": "\(logged)"])
            metrics.reloadSuccessful.set(0.0)
            return (error as? ConfigError)?.message ?? "\(error)"
        }
        let next = Runtime(loaded: loaded, receivers: receivers, shared: shared, peer: peer, timing: dispatchTiming,
                            externalURL: web.externalURL, logger: logger)
        let old = current.withLock { cur in
            let o = cur
            cur = next
            return o
        }
        await old.stop()
        runtimes.start(next)
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
