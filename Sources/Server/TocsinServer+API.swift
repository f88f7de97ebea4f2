import AlertCore
import Foundation
import HTTPAPI

extension TocsinServer {
    /// The API's view of the server. Every closure reads the current runtime, so a reload
    /// is visible to the next request.
    func backend() -> APIBackend {
        // Captured once: reading them through `self.shared` copies the whole struct (and
        // retains every member) on each call, which the per-alert GET path felt.
        let silencer = shared.silencer, marker = shared.marker
        return APIBackend(
            receivers: { [unowned self] labels in runtime.receivers(for: labels) },
            evaluateMutes: { [unowned self] alert in
                // Alertmanager's API runs the inhibitor, then the silencer, for every listed alert.
                let fp = alert.fingerprint
                _ = runtime.inhibitor.mutes(alert.labels, fingerprint: fp)
                _ = silencer.mutes(alert.labels, fingerprint: fp)
                return marker.status(fp) ?? AlertStatus()
            },
            groups: { [unowned self] routeFilter, alertFilter in
                let snap = await runtime.dispatcher.groups(routeFilter: { routeFilter($0.receiver) }, alertFilter: alertFilter)
                return APIGroupsView(groups: snap.groups.map { APIAlertGroup(labels: $0.labels, receiver: $0.receiver, alerts: $0.alerts) },
                                     receivers: snap.receivers)
            },
            status: { [unowned self] in
                APIStatus(configYAML: runtime.loaded.marshalledYAML,
                          versionInfo: .init(branch: TocsinVersion.branch, buildDate: "unknown", buildUser: "unknown",
                                             goVersion: "swift" + TocsinVersion.swiftVersion, revision: TocsinVersion.revision,
                                             version: TocsinVersion.compatibleWith),
                          uptime: startTime, cluster: cluster.status)
            },
            receiverNames: { [unowned self] in runtime.loaded.config.receivers.map(\.name) },
            resolveTimeout: { [unowned self] in runtime.loaded.config.global.resolveTimeout.seconds },
            reload: { [unowned self] in await reload() },
            metrics: { [unowned self] in
                metrics.exposition(store: shared.store, marker: shared.marker, silenceStore: shared.silences, now: shared.clock.now())
                    + ClusterMetrics.exposition(node: cluster.node)
            })
    }
}
