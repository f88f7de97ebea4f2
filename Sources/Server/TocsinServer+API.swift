import APIModel
import AlertCore
import Foundation
import GoCompat
import HTTPAPI
import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
import HummingbirdTLS
import NIOCore
import NIOSSL
import Inhibition
import Silences

extension TocsinServer {
    /// The HTTP API over this server: the alert endpoints backed by `ServerAPIBackend`, plus
    /// the silences endpoints.
    func makeAPI() -> AlertmanagerAPI {
        let parser = MatcherParser(mode: Self.matcherMode(flags))
        let rejections = APIRejections(logger: logger)
        var configuration = APIConfiguration(routePrefix: web.routePrefix, getConcurrency: flags.getConcurrency,
                                             maxBodyBytes: flags.maxRequestBodyBytes, matcherParser: parser,
                                             webAccess: webConfig.map { file in WebAccess(policy: { file.policy() }) },
                                             requestTimeout: flags.webTimeout.value > .zero ? flags.webTimeout.value : nil,
                                             maxRegexProgramSize: flags.maxRegexProgramSize)
        configuration.alertLimits.maxAlertsPerRequest = flags.maxAlertsPerRequest
        configuration.alertLimits.maxLabelsPerAlert = flags.maxLabelsPerAlert
        configuration.alertLimits.maxLabelNameBytes = flags.maxLabelNameBytes
        configuration.alertLimits.maxLabelValueBytes = flags.maxLabelValueBytes
        configuration.alertLimits.maxAlerts = flags.maxAlerts
        return AlertmanagerAPI(
            store: shared.store, backend: ServerAPIBackend(server: self),
            configuration: configuration,
            clock: shared.clock,
            endpoints: SilencesAPI.endpoints(shared.silences, parser: parser, clock: shared.clock,
                                             maxBodyBytes: flags.maxRequestBodyBytes,
                                             maxRegexProgramSize: flags.maxRegexProgramSize, rejections: rejections),
            rejections: rejections)
    }

    /// The listener's protocol stack: plain HTTP/1.1, or TLS with HTTP/2 offered by ALPN when
    /// `http_server_config.http2` is true (its default), as Go's server does. Each connection
    /// is handled on its event loop (`EventLoopChildChannel`).
    static func httpServer(tls: WebTLS?, http2: Bool) throws -> HTTPServerBuilder {
        guard let tls else { return .onEventLoop { HTTP1Channel(responder: $0) } }
        let acceptAny = tls.clientVerification
        if http2 {
            var h2 = HummingbirdHTTP2.TLSChannelConfiguration(tlsConfiguration: tls.configuration)
            h2.customVerificationCallback = acceptAny
            let tlsH2 = h2
            return .onEventLoop { try HTTP2UpgradeChannel(tlsChannelConfiguration: tlsH2, responder: $0) }
        }
        let h1 = HummingbirdTLS.TLSChannelConfiguration(tlsConfiguration: tls.configuration,
                                                        customVerificationCallback: acceptAny)
        return .onEventLoop { try TLSChannel(HTTP1Channel(responder: $0), configuration: h1) }
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

/// The API's view of the server. Every call reads the current runtime, so a reload is visible
/// to the next request.
struct ServerAPIBackend: APIBackend {
    let server: TocsinServer
    // Held here: reading them through `server.shared` copies the whole struct (and retains
    // every member) on each call, which the per-alert GET path felt.
    let silencer: Silencer
    let marker: AlertMarker

    init(server: TocsinServer) {
        self.server = server
        silencer = server.shared.silencer
        marker = server.shared.marker
    }

    func receivers(for labels: LabelSet) -> [String] { server.runtime.receivers(for: labels) }

    func evaluateMutes(_ alert: Alert, fingerprint: Fingerprint) -> AlertStatus {
        evaluateMutes([(fingerprint: fingerprint, alert: alert)])[0]
    }

    /// Alertmanager's API runs the inhibitor, then the silencer, for every listed alert and
    /// records both on the marker.
    func evaluateMutes(_ entries: [(fingerprint: Fingerprint, alert: Alert)]) -> [AlertStatus] {
        TocsinServer.reevaluate(entries, inhibitor: server.runtime.inhibitor, silencer: silencer, marker: marker)
    }

    func groups(routeFilter: @escaping @Sendable (String) -> Bool,
                alertFilter: @escaping @Sendable (Alert, Date) -> Bool) async -> APIGroupsView {
        // Filtered on a copy of the dispatcher's state, off Swift's cooperative pool: a costly
        // filter holds neither the dispatcher (ingestion, flushes) nor a cooperative thread.
        let state = await server.runtime.dispatcher.snapshot
        let now = server.shared.clock.now()
        let routeLabels = server.runtime.routeLabels
        let snap = await RequestGuard.offPool {
            state.groups(routeFilter: { routeFilter($0.receiver) }, alertFilter: alertFilter, now: now)
        }
        return APIGroupsView(groups: snap.groups.map { g in
            APIAlertGroup(labels: g.labels, receiver: g.receiver, alerts: g.alerts,
                          routeLabels: routeLabels.render(g.routeLabels, receiver: g.receiver, groupLabels: g.labels,
                                                          alerts: g.groupAlerts, now: now))
        }, receivers: snap.receivers)
    }

    func status() async -> APIStatus {
        APIStatus(configYAML: server.runtime.loaded.marshalledYAML,
                  versionInfo: .thisBuild,
                  uptime: GoTime(server.startTime), cluster: server.cluster.status)
    }

    func receiverNames() -> [String] { server.runtime.loaded.config.receivers.map(\.name) }

    /// The settle gate the pipeline waits on (none without a mesh).
    func isReady() -> Bool { (server.peer as? MeshPeer)?.isSettled ?? true }

    func receiverLabels() -> [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        for r in server.runtime.loaded.config.receivers where !r.labels.isEmpty { out[r.name] = r.labels }
        return out
    }

    func resolveTimeout() -> TimeInterval { server.runtime.loaded.config.global.resolveTimeout.seconds }

    func reload() async -> String? { await server.reload() }

    func metricsExposition() async -> String {
        let shared = server.shared
        let now = shared.clock.now()
        var text = server.metrics.exposition(store: shared.store, silenceStore: shared.silences, now: now)
        if server.metrics.alertsByGroupKey {
            let dispatcher = server.runtime.dispatcher
            let groups = now >= dispatcher.startAt ? await dispatcher.snapshot.groups(now: now).groups : []
            text += ServerMetrics.groupAlertsExposition(groups, marker: shared.marker, now: now)
        }
        return text + ClusterMetrics.exposition(node: server.cluster.node)
    }
}
