import AlertCore
import AlertDispatch
import AlertStore
import Config
import Foundation
import History
import Inhibition
import Logging
import NotificationLog
import Notify
import Silences
import ServiceLifecycle
import TimeIntervals

/// Everything a configuration (re)load builds, as Alertmanager's reload subscriber does:
/// route tree, inhibitor, pipeline and a dispatcher fed from the alert store. A reload
/// stops the old runtime (aborting its in-flight flushes) and starts a new one, whose
/// dispatcher re-groups every stored alert; the notification log prevents duplicates.
final class Runtime: Sendable {
    let loaded: LoadedConfig
    let route: AlertDispatch.Route
    let inhibitor: Inhibitor
    let pipeline: Pipeline
    let dispatcher: Dispatcher
    let shared: SharedState
    let routeLabels: RouteLabelRenderer
    /// The configuration's named time intervals (the pipeline's and the "why"'s).
    let timeIntervals: [String: NamedTimeInterval]

    init(loaded: LoadedConfig, receivers: [Notify.Receiver], shared: SharedState, peer: any ClusterPeer,
         timing: DispatchTiming, externalURL: String, logger: Logger) {
        self.loaded = loaded
        self.shared = shared
        route = AlertDispatch.Route(root: ConfigMapping.routeSpec(loaded.config.route))
        inhibitor = Inhibitor(rules: ConfigMapping.inhibitRules(loaded.config), marker: shared.marker, clock: shared.clock)
        var intervals: [String: NamedTimeInterval] = [:]
        for (name, t) in loaded.config.timeIntervalsByName {
            intervals[name] = NamedTimeInterval(name: name, intervals: t.intervals.map(\.interval))
        }
        timeIntervals = intervals
        pipeline = Pipeline(receivers: receivers, inhibitor: InhibitorMuter(inhibitor: inhibitor),
                            silencer: SilencerMuter(silencer: shared.silencer), timeIntervals: intervals,
                            marker: shared.marker, log: shared.nflog, peer: peer, clock: shared.clock,
                            metrics: shared.notifyMetrics, logger: logger,
                            observer: shared.history.retention > 0 ? HistoryObserver(store: shared.history) : nil)
        // With receiver names, each load creates its receivers' series at zero (0.34's InitializeFor).
        shared.notifyMetrics.preinitialize(receivers: receivers.map { r in (r.name, r.integrations.map(\.name)) })
        routeLabels = RouteLabelRenderer(config: loaded.config, externalURL: externalURL, logger: logger)
        dispatcher = Dispatcher(route: route, notifier: RouteLabelNotifier(next: pipeline, renderer: routeLabels, clock: shared.clock),
                                timeSource: shared.clock,
                                startAt: timing.startAt, maintenanceInterval: timing.maintenanceInterval)
    }

    /// Runs the dispatcher, feeds it (and the inhibitor) from `feed`, a store subscription
    /// (which first replays every stored alert), and collects the inhibitor's garbage, all as
    /// child tasks of the caller (the dispatch service), until `stop()` or cancellation.
    func run(feed stream: AsyncStream<[Alert]>) async {
        let (dispatcher, inhibitor, clock) = (self.dispatcher, self.inhibitor, shared.clock)
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await batch in stream {
                    inhibitor.ingest(batch)
                    await dispatcher.ingest(batch)
                }
            }
            group.addTask {
                // Alertmanager drops resolved inhibition sources every 15 minutes.
                while (try? await clock.sleep(for: .seconds(900))) != nil { inhibitor.gc() }
            }
            await dispatcher.run()
            group.cancelAll()
        }
    }

    /// Stops feeding and dispatching (`run` returns); in-flight notifications are cancelled.
    func stop() async {
        await dispatcher.stop()
    }

    /// Receiver names of the routes matching `labels`, in tree order (duplicates kept).
    func receivers(for labels: LabelSet) -> [String] { route.match(labels).map(\.receiver) }
}

/// The dispatch service: runs each configuration's runtime in turn, as child tasks of the
/// service (a reload stops the old runtime, whose `run` then returns, and hands over the
/// next with `start`). Graceful shutdown cancels them, which stops the dispatcher and its
/// in-flight flushes, and ends the store's subscriptions.
final class RuntimeService: Service, Sendable {
    /// Each runtime with its store subscription, made when it is handed over.
    private let queue: AsyncStream<(Runtime, AsyncStream<[Alert]>)>
    private let next: AsyncStream<(Runtime, AsyncStream<[Alert]>)>.Continuation
    private let store: InMemoryAlerts

    init(store: InMemoryAlerts) {
        (queue, next) = AsyncStream.makeStream(of: (Runtime, AsyncStream<[Alert]>).self)
        self.store = store
    }

    /// Runs `runtime` next (the first at start-up, then one per successful reload). It
    /// subscribes to the store here, not when the service gets to it: an alert posted in
    /// between (the HTTP listener may be up first) is then in its feed.
    func start(_ runtime: Runtime) { next.yield((runtime, store.subscribe())) }

    func run() async {
        let queue = self.queue
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for await (runtime, feed) in queue { group.addTask { await runtime.run(feed: feed) } }
            }
        }
        store.finishSubscriptions()
    }
}

/// When dispatching may start (process start + `--dispatch.start-delay`) and how often
/// empty groups are removed (`--dispatch.maintenance-interval`).
struct DispatchTiming: Sendable {
    let startAt: Date
    let maintenanceInterval: Foundation.TimeInterval
}

/// The long-lived state that survives reloads.
struct SharedState: Sendable {
    let store: InMemoryAlerts
    let marker: AlertMarker
    let silences: SilenceStore
    let silencer: Silencer
    let nflog: NotificationLogStore
    let history: HistoryStore
    let clock: any TimeSource
    /// The notification metrics (with `receiver_name` under `receiver-name-in-metrics`).
    var notifyMetrics = NotifyMetrics()
}

/// The pipeline's attempts go to this node's notification history.
struct HistoryObserver: NotificationObserver {
    let store: HistoryStore
    func record(_ record: NotificationRecord) { store.record(record) }
}

/// Adapters from the pipeline's `Muter` protocol to the inhibitor and silencer.
struct InhibitorMuter: Muter {
    let inhibitor: Inhibitor
    func mutes(_ alert: Alert, now: Date) -> Bool { inhibitor.mutes(alert.labels) }
}

struct SilencerMuter: Muter {
    let silencer: Silencer
    func mutes(_ alert: Alert, now: Date) -> Bool { silencer.mutes(alert.labels) }
}
