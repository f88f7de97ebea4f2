import AlertCore
import Foundation
import Logging
import NotificationLog
import TimeIntervals

/// The notification pipeline (Alertmanager's `RoutingStage` of per-receiver `MultiStage`s):
/// gossip settle → inhibition → active/mute time intervals → silences → per integration,
/// concurrently: cluster wait → dedup → send with retries → record in the notification log.
///
/// The dispatcher calls ``notify(_:)`` at each flush; `false` means "failed, keep resolved
/// alerts and try again at the next group_interval".
package final class Pipeline: AlertGroupNotifier {
    package let receivers: [String: Receiver]
    let inhibitor: (any Muter)?
    let silencer: (any Muter)?
    let timeIntervals: [String: NamedTimeInterval]
    let marker: AlertMarker
    /// Handed to every integration's stages, the metrics labelled with the receiver.
    let deps: StageDependencies
    let logger: Logger

    package init(receivers: [Receiver], inhibitor: (any Muter)? = nil, silencer: (any Muter)? = nil,
                timeIntervals: [String: NamedTimeInterval] = [:], marker: AlertMarker, log: NotificationLogStore,
                peer: any ClusterPeer = SinglePeer(), clock: any TimeSource = WallClock(),
                metrics: NotifyMetrics = NotifyMetrics(),
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                logger: Logger = Logger(label: "tocsin.notify"), observer: (any NotificationObserver)? = nil) {
        var byName: [String: Receiver] = [:]
        for r in receivers { byName[r.name] = r }
        self.receivers = byName
        self.inhibitor = inhibitor
        self.silencer = silencer
        self.timeIntervals = timeIntervals
        self.marker = marker
        deps = StageDependencies(log: log, peer: peer, clock: clock, metrics: metrics, random: random, observer: observer)
        self.logger = logger
    }

    package func notify(_ flush: AlertGroupFlush) async -> Bool {
        guard let receiver = receivers[flush.receiver] else {
            logger.error("Notify for alerts failed", metadata: [
                "aggrGroup": "\(flush.groupKey)", "err": "stage for receiver \(flush.receiver) missing"])
            return false
        }
        guard let alerts = await filter(flush) else { return false }
        if alerts.isEmpty { return true }
        let errors = await fanout(receiver, flush: flush, alerts: alerts)
        for error in errors {
            logger.error("Notify for alerts failed", metadata: [
                "aggrGroup": "\(flush.groupKey)", "num_alerts": "\(alerts.count)", "err": "\(error.message)"])
        }
        return errors.isEmpty
    }

    /// The receiver-wide stages. - Returns: the alerts left (possibly none), nil on failure.
    func filter(_ flush: AlertGroupFlush) async -> [Alert]? {
        if flush.alerts.isEmpty { return [] }
        await deps.peer.waitReady()
        var alerts = flush.alerts
        if let inhibitor { alerts = inhibitor.unmuted(alerts, now: deps.clock.now()) }
        if alerts.isEmpty { return [] }
        if !flush.activeTimeIntervals.isEmpty || !flush.muteTimeIntervals.isEmpty {
            do {
                let gate = try timeGate(active: flush.activeTimeIntervals, mute: flush.muteTimeIntervals,
                                        intervals: timeIntervals, now: flush.now)
                let mutedBy: [String]
                if case .muted(let names) = gate { mutedBy = names } else { mutedBy = [] }
                marker.setMuted(alerts.map(\.fingerprint), by: mutedBy)
                if !mutedBy.isEmpty {
                    recordSuppressed(flush, alerts: alerts, by: mutedBy)
                    logger.debug("Notifications not sent, route is muted by time intervals",
                                 metadata: ["aggrGroup": "\(flush.groupKey)", "intervals": "\(mutedBy)"])
                    return []
                }
            } catch {
                logger.error("Notify for alerts failed", metadata: ["aggrGroup": "\(flush.groupKey)", "err": "\(error)"])
                return nil
            }
        }
        if let silencer { alerts = silencer.unmuted(alerts, now: deps.clock.now()) }
        return alerts
    }

    /// `FanoutStage`: every integration concurrently. - Returns: the failures.
    func fanout(_ receiver: Receiver, flush: AlertGroupFlush, alerts: [Alert]) async -> [NotifyError] {
        let wait = (deps.peer.peerTimeout * deps.peer.position).timeInterval
        let ctx = NotificationContext(flush, receiverName: receiver.name,
                                      deadline: flush.now.addingTimeInterval(max(flush.groupInterval, 10) + wait))
        let stages = receiver.integrations.map { integration in
            IntegrationStage(receiverName: receiver.name, integration: integration, deps: deps.forReceiver(receiver.name))
        }
        // One integration (the usual receiver) runs in this task: a child task would cost a
        // thread hop before the notification leaves.
        if stages.count == 1 { return [await stages[0].run(ctx, alerts: alerts)].compactMap { $0 } }
        return await withTaskGroup(of: NotifyError?.self) { group in
            for stage in stages {
                group.addTask { await stage.run(ctx, alerts: alerts) }
            }
            var errors: [NotifyError] = []
            for await case let error? in group { errors.append(error) }
            return errors
        }
    }
}
