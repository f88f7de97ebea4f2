@testable import APIModel
import AlertCore
import AlertStore
import Foundation
import GoCompat
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import Silences
import Synchronization
import TestKit

/// A server-side stand-in for tests: routes every alert to "default", plus "team-<team>"
/// when a `team` label exists; silences/inhibitions are whatever the test records.
final class FakeServer: Sendable {
    let store = InMemoryAlerts(shardCount: 4)
    let clock = ManualClock(Date(timeIntervalSince1970: 1_700_000_000))
    var marker: AlertMarker { store.marker }
    let reloadError = Mutex<String?>(nil)
    /// What `isReady` answers (`/-/ready`).
    let settled = Mutex(true)
    let silencedBy = Mutex<[Fingerprint: [String]]>([:])
    let inhibitedBy = Mutex<[Fingerprint: [String]]>([:])
    /// When set, `status` waits until the gate is opened (to hold a GET in flight).
    let statusGate = Mutex<AsyncStream<Void>?>(nil)
    /// When set, `status` reports here that it has been entered (the GET is in flight).
    let statusEntered = Mutex<AsyncStream<Void>.Continuation?>(nil)

    /// What the route tree's `match` answers (pre-order indices) and the label sets it was asked about.
    let routeMatches = Mutex<[Int]>([])
    let routeQueries = Mutex<[LabelSet]>([])

    let silences: SilenceStore

    init() { silences = SilenceStore(retention: 3600, clock: clock) }

    func api(prefix: String = "/", getConcurrency: Int = 8, maxBody: Int = 1 << 20, timeout: Duration? = nil,
             maxRegexProgramSize: Int = APIConfiguration.defaultMaxRegexProgramSize,
             limits: AlertLimits = AlertLimits(), webAccess: WebAccess? = nil) -> AlertmanagerAPI {
        var configuration = APIConfiguration(routePrefix: prefix, getConcurrency: getConcurrency, maxBodyBytes: maxBody,
                                             webAccess: webAccess, requestTimeout: timeout,
                                             maxRegexProgramSize: maxRegexProgramSize)
        configuration.alertLimits = limits
        return AlertmanagerAPI(store: store, backend: self, configuration: configuration,
                               clock: clock, endpoints: SilencesAPI.endpoints(silences, clock: clock, maxBodyBytes: maxBody,
                                                                              maxRegexProgramSize: maxRegexProgramSize))
    }

    /// Runs `body` against an in-process application.
    func test<V: Sendable>(prefix: String = "/", getConcurrency: Int = 8, maxBody: Int = 1 << 20, timeout: Duration? = nil,
                           maxRegexProgramSize: Int = APIConfiguration.defaultMaxRegexProgramSize,
                           limits: AlertLimits = AlertLimits(), webAccess: WebAccess? = nil,
                           _ body: @Sendable (any TestClientProtocol) async throws -> V) async throws -> V {
        let app = api(prefix: prefix, getConcurrency: getConcurrency, maxBody: maxBody, timeout: timeout,
                      maxRegexProgramSize: maxRegexProgramSize, limits: limits, webAccess: webAccess)
            .makeApplication(host: "127.0.0.1", port: 0)
        return try await app.test(.router) { client in try await body(client) }
    }
}

extension FakeServer: APIBackend {
    func receivers(for labels: LabelSet) -> [String] { ["default"] + (labels["team"].map { ["team-" + $0] } ?? []) }

    func evaluateMutes(_ alert: Alert, fingerprint fp: Fingerprint) -> AlertStatus {
        marker.setInhibited(fp, by: inhibitedBy.withLock { $0[fp] ?? [] })
        marker.setSilenced(fp, version: 0, active: silencedBy.withLock { $0[fp] ?? [] }, pending: [])
        return marker.status(fp) ?? AlertStatus()
    }

    /// One route ("default") grouping by alertname.
    func groups(routeFilter: @escaping @Sendable (String) -> Bool,
                alertFilter: @escaping @Sendable (Alert, Date) -> Bool) async -> APIGroupsView {
        guard routeFilter("default") else { return APIGroupsView(groups: [], receivers: [:]) }
        let now = clock.now()
        var byName: [String: [Alert]] = [:]
        for a in store.snapshot() where alertFilter(a, now) { byName[a.labels.value("alertname"), default: []].append(a) }
        let groups = byName.keys.sorted().map { name in
            APIAlertGroup(labels: ["alertname": name], receiver: "default",
                          alerts: byName[name, default: []].sorted { $0.fingerprint < $1.fingerprint })
        }
        var receivers: [Fingerprint: [String]] = [:]
        for g in groups { for a in g.alerts { receivers[a.fingerprint] = ["default"] } }
        return APIGroupsView(groups: groups, receivers: receivers)
    }

    func status() async -> APIStatus {
        _ = statusEntered.withLock { $0?.yield() }
        if let gate = statusGate.withLock({ $0 }) { for await _ in gate { break } }
        return APIStatus(
            configYAML: "global:\n  resolve_timeout: 5m\n", versionInfo: .init(
                branch: "main", buildDate: "20240101", buildUser: "ci", goVersion: "swift6",
                revision: "abc", version: "0.25.0"),
            uptime: GoTime(unixSeconds: 1_699_999_000, nanoseconds: 500_000_000),
            cluster: .init(name: "01ABC", status: "ready", peers: [.init(name: "01ABC", address: "10.0.0.1:9094")]))
    }

    /// default (group_by alertname) → {team="a"} team-a, continue → {severity=~"page|crit"}
    /// pager (mute "nights") → {team="<b>"} pager-b.
    func routeTree() -> APIRouteTree {
        let root = APIRouteNode(index: 0, receiver: "default", groupBy: ["alertname"], routes: [
            APIRouteNode(index: 1, receiver: "team-a", matchers: [try! Matcher(.equal, "team", "a")], groupBy: ["alertname"],
                         continue: true),
            APIRouteNode(index: 2, receiver: "pager", matchers: [try! Matcher(.regexp, "severity", "page|crit")],
                         groupByAll: true, groupWait: 10, muteTimeIntervals: ["nights"], routes: [
                APIRouteNode(index: 3, receiver: "pager-b", matchers: [try! Matcher(.equal, "team", "<b>")], groupByAll: true,
                             groupWait: 10, repeatInterval: 90),
            ]),
        ])
        return APIRouteTree(root: root, match: { [self] labels in
            routeQueries.withLock { $0.append(labels) }
            return routeMatches.withLock { $0 }
        })
    }

    func receiverNames() -> [String] { ["default", "team-a", "unused"] }

    func resolveTimeout() -> TimeInterval { 300 }

    func reload() async -> String? { reloadError.withLock { $0 } }

    func isReady() -> Bool { settled.withLock { $0 } }

    func metricsExposition() async -> String { "# HELP x y\nx 1\n" }
}

extension TestClientProtocol {
    func post(_ uri: String, _ json: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .post, body: ByteBuffer(string: json))
    }

    func get(_ uri: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .get)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as JSON (arrays/objects) for structural assertions.
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
}
