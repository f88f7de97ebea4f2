import AlertCore
import Foundation
import HTTPAPI
import Inhibition
import Silences

extension TocsinServer {
    /// The API's view of the server. Every closure reads the current runtime, so a reload
    /// is visible to the next request.
    func backend() -> APIBackend {
        // Captured once: reading them through `self.shared` copies the whole struct (and
        // retains every member) on each call, which the per-alert GET path felt.
        let silencer = shared.silencer, marker = shared.marker
        return APIBackend(
            receivers: { [unowned self] labels in runtime.receivers(for: labels) },
            evaluateMutes: { [unowned self] alert, fp in
                // Alertmanager's API runs the inhibitor, then the silencer, for every listed
                // alert and records both on the marker.
                Self.reevaluate([(fingerprint: fp, alert: alert)], inhibitor: runtime.inhibitor,
                                silencer: silencer, marker: marker)[0]
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
            },
            evaluateMutesAll: { [unowned self] entries in
                Self.reevaluate(entries, inhibitor: runtime.inhibitor, silencer: silencer, marker: marker)
            })
    }

    /// The API's re-evaluation of inhibition and silences for `entries` (in that order per
    /// alert, as Alertmanager's API does), recorded on the marker with one read and one write
    /// lock for the whole batch; the silences' version is read once for the batch.
    static func reevaluate(_ entries: [(fingerprint: Fingerprint, alert: Alert)], inhibitor: Inhibitor,
                           silencer: Silencer, marker: AlertMarker) -> [AlertStatus] {
        let version = silencer.silencesVersion
        let hasRules = !inhibitor.rules.isEmpty
        return marker.reevaluate(entries.map(\.fingerprint)) { i, cached in
            // Fast path (no rules; silences unchanged since an evaluation that matched none):
            // the silencer's cache rule gives "not silenced" without touching the silences.
            if !hasRules, let cached, cached.silenceVersion == version,
               cached.silencedBy.isEmpty, cached.pendingSilences.isEmpty
            {
                return MuteEvaluation(inhibitedBy: [], silenceVersion: version, silencedBy: [], pendingSilences: [])
            }
            let labels = entries[i].alert.labels
            let hit = hasRules ? inhibitor.inhibitingAlert(labels) : nil
            let s = silencer.evaluate(labels, cached: cached, version: version)
            return MuteEvaluation(inhibitedBy: hit.map { [$0.description] } ?? [], silenceVersion: s.version,
                                  silencedBy: s.active, pendingSilences: s.pending)
        }
    }
}
