import APIModel
import AlertCore
import Foundation
import Hummingbird
import Synchronization

extension AlertmanagerAPI {
    /// `GET /api/v2/alerts/groups` (0.25 `getAlertGroupsHandler`): `receiver` filters routes,
    /// the other parameters filter alerts; each alert's status is the one computed while
    /// filtering, its receivers those of all groups containing it. Filtering stops when
    /// `guard` says so (client gone, `--web.timeout`, shutdown).
    func getAlertGroups(_ request: Request, guard requestGuard: RequestGuard) async -> Response {
        let query: AlertQuery, receiverMatchers: ReceiverMatchers
        switch alertQuery(request) {
        case .success(let q): (query, receiverMatchers) = q
        case .failure(let refused): return refused.response
        }
        let backend = self.backend
        let receiverLabels = receiverMatchers.isEmpty ? [:] : backend.receiverLabels()
        let statuses = StatusCache()
        let outcome = await requestGuard.run { stop in
            let routeFilter: @Sendable (String) -> Bool = { receiver in
                (query.receiver?.matches(receiver) ?? true) && receiverMatchers.admits(receiverLabels[receiver] ?? [:])
            }
            let alertFilter: @Sendable (Alert, Date) -> Bool = { a, now in
                if stop.isSet { return false }
                if !a.endsAt.isGoZero, a.endsAt < now { return false }
                let fp = a.fingerprint
                let status = backend.evaluateMutes(a, fingerprint: fp)
                statuses.set(fp, status)
                return query.admits(status) && query.matchesFilter(a.labels, interrupt: { stop.isSet }) == true
            }
            return await backend.groups(routeFilter: routeFilter, alertFilter: alertFilter)
        }
        let view: APIGroupsView
        switch outcome {
        case .success(let v): view = v
        case .failure(let e): return requestGuard.response(e.reason)
        }
        return Self.streamGroups(view, statuses: statuses, backend: backend)
    }

    /// Writes the groups view in ~64 KiB chunks, each waiting for the connection to take the
    /// previous one (a million alerts' groups are 700 MB of JSON: never held at once).
    static func streamGroups(_ view: APIGroupsView, statuses: StatusCache, backend: any APIBackend) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        let body = ResponseBody { writer in
            var w = JSONWriter(capacity: 80 << 10)
            w.raw(UInt8(ascii: "["))
            for (gi, g) in view.groups.enumerated() {
                w.raw(gi == 0 ? "{\"alerts\":[" : ",{\"alerts\":[")
                for (ai, a) in g.alerts.enumerated() {
                    if ai > 0 { w.raw(UInt8(ascii: ",")) }
                    let fp = a.fingerprint
                    let status = statuses.get(fp) ?? backend.evaluateMutes(a, fingerprint: fp)
                    w.gettableAlert(ListedAlert(alert: a, fingerprint: fp, status: status, receivers: view.receivers[fp] ?? []))
                    if w.bytes.count >= 64 << 10 {
                        try await writer.write(ByteBuffer(bytes: w.bytes))
                        w.bytes.removeAll(keepingCapacity: true)
                    }
                }
                w.raw("],\"labels\":")
                w.labelSet(g.labels)
                w.raw(",\"receiver\":{\"name\":")
                w.string(g.receiver)
                w.raw(UInt8(ascii: "}"))
                if !g.routeLabels.isEmpty {
                    w.raw(",\"routeLabels\":")
                    w.labelSet(LabelSet(g.routeLabels))
                }
                w.raw(UInt8(ascii: "}"))
            }
            w.raw("]\n")
            try await writer.write(ByteBuffer(bytes: w.bytes))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// `GET /api/v2/receivers`: every receiver of the config, in config order.
    /// With 0.33's receiver `labels` (written before `name`, and only when there are some, so
    /// a 0.25 configuration gets 0.25's bytes) and `receiver_matchers` filter.
    func getReceivers(_ request: Request) -> Response {
        let matchers: ReceiverMatchers
        switch ReceiverMatchers.parse(request, parser: config.matcherParser) {
        case .success(let m): matchers = m
        case .failure(let refused): return refused.response
        }
        let labels = backend.receiverLabels()
        var w = JSONWriter(capacity: 256)
        w.raw(UInt8(ascii: "["))
        var first = true
        for name in backend.receiverNames() {
            let own = labels[name] ?? [:]
            guard matchers.admits(own) else { continue }
            w.raw(first ? "{" : ",{")
            first = false
            if !own.isEmpty {
                w.raw("\"labels\":")
                w.labelSet(LabelSet(own))
                w.raw(UInt8(ascii: ","))
            }
            w.raw("\"name\":")
            w.string(name)
            w.raw(UInt8(ascii: "}"))
        }
        w.raw("]\n")
        return Responses.bytes(w.bytes)
    }

    /// `GET /api/v2/status`.
    func getStatus() async -> Response {
        let s = await backend.status()
        var w = JSONWriter(capacity: s.configYAML.utf8.count + 512)
        w.status(s)
        return Responses.bytes(w.bytes)
    }
}

/// Statuses computed during one groups request (the filter may run on the dispatcher's threads).
final class StatusCache: Sendable {
    // Packed (16 bytes, not 40): a groups listing caches one per listed alert.
    private let map = Mutex<[Fingerprint: PackedStatus]>([:])
    func set(_ fp: Fingerprint, _ s: AlertStatus) { map.withLock { $0[fp] = PackedStatus(s) } }
    func get(_ fp: Fingerprint) -> AlertStatus? { map.withLock { $0[fp]?.status } }
}
