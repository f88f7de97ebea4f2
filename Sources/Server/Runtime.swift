import AlertCore
import AlertDispatch
import AlertStore
import Config
import Foundation
import Inhibition
import Logging
import NotificationLog
import Notify
import Silences
import Synchronization
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
    private let tasks = Mutex<[Task<Void, Never>]>([])

    init(loaded: LoadedConfig, receivers: [Notify.Receiver], shared: SharedState, peer: any ClusterPeer,
         logger: Logger) {
        self.loaded = loaded
        route = AlertDispatch.Route(root: ConfigMapping.routeSpec(loaded.config.route))
        inhibitor = Inhibitor(rules: ConfigMapping.inhibitRules(loaded.config), marker: shared.marker, clock: shared.clock)
        var intervals: [String: NamedTimeInterval] = [:]
        for (name, t) in loaded.config.timeIntervalsByName {
            intervals[name] = NamedTimeInterval(name: name, intervals: t.intervals.map(\.interval))
        }
        pipeline = Pipeline(receivers: receivers, inhibitor: InhibitorMuter(inhibitor: inhibitor),
                            silencer: SilencerMuter(silencer: shared.silencer), timeIntervals: intervals,
                            marker: shared.marker, log: shared.nflog, peer: peer, clock: shared.clock,
                            logger: logger)
        dispatcher = Dispatcher(route: route, notifier: pipeline, timeSource: shared.clock)
    }

    /// Starts the dispatcher and feeds it (and the inhibitor) from a store subscription,
    /// which first replays every stored alert.
    func start(store: AlertStore) {
        let stream = store.subscribe()
        let dispatcher = self.dispatcher, inhibitor = self.inhibitor
        let feed = Task {
            for await batch in stream {
                inhibitor.ingest(batch)
                await dispatcher.ingest(batch)
            }
        }
        let run = Task { await dispatcher.run() }
        let gc = Task {
            // Alertmanager drops resolved inhibition sources every 15 minutes.
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(900))
                inhibitor.gc()
            }
        }
        tasks.withLock { $0 = [feed, run, gc] }
    }

    /// Stops feeding and dispatching; in-flight notifications are cancelled.
    func stop() async {
        await dispatcher.stop()
        for t in tasks.withLock({ $0 }) { t.cancel() }
    }

    /// Receiver names of the routes matching `labels`, in tree order (duplicates kept).
    func receivers(for labels: LabelSet) -> [String] { route.match(labels).map(\.receiver) }
}

/// The long-lived state that survives reloads.
struct SharedState: Sendable {
    let store: AlertStore
    let marker: AlertMarker
    let silences: Silences
    let silencer: Silencer
    let nflog: NotificationLog
    let clock: any TimeSource
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
