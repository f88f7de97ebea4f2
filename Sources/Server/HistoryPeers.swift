import AsyncHTTPClient
import Foundation
import GoCompat
import HTTPAPI
import History
import NIOCore

/// How tocsin nodes find each other's API for the cluster-wide history: each advertises
/// `tocsin-api=<base URL>` as its memberlist node metadata (Alertmanager 0.25 sends empty
/// metadata and never reads its peers', so this changes nothing for it). A peer without it
/// is not tocsin, and answers built without it say so.
enum HistoryPeers {
    static let metaPrefix = "tocsin-api="

    /// This node's API base URL as peers can reach it: the first `--web.listen-address`, its
    /// host replaced by the cluster's advertised (or listen) host when it listens on all.
    static func apiURL(flags: ServerFlags, routePrefix: String) -> String {
        let (listenHost, port) = WebSettings.hostPort(flags.webListenAddresses[0]) ?? ("0.0.0.0", 9093)
        var host = listenHost
        if host == "0.0.0.0" || host == "::" {
            let cluster = [flags.clusterAdvertiseAddress, flags.clusterListenAddress].compactMap { WebSettings.hostPort($0)?.host }
            host = cluster.first { $0 != "0.0.0.0" && $0 != "::" } ?? ProcessInfo.processInfo.hostName
        }
        if host.contains(":") { host = "[\(host)]" }
        return "http://\(host):\(port)" + (routePrefix == "/" ? "" : routePrefix)
    }

    static func meta(apiURL: String) -> [UInt8] { Array((metaPrefix + apiURL).utf8) }

    /// The API base URL in a peer's metadata, nil when it has none (not tocsin).
    static func apiURL(meta: [UInt8]) -> String? {
        guard let s = String(validating: meta, as: UTF8.self), s.hasPrefix(metaPrefix) else { return nil }
        return String(s.dropFirst(metaPrefix.count))
    }

    /// The query string that asks a peer for its own records matching `q`.
    static func localQuery(_ q: HistoryQuery) -> String {
        var parts = ["local=true"]
        func add(_ name: String, _ value: String?) {
            if let value { parts.append(name + "=" + GoURL.queryEscape(value)) }
        }
        add("receiver", q.receiver)
        add("integration", q.integration)
        add("groupKey", q.groupKey)
        add("fingerprint", q.fingerprint)
        add("outcome", q.outcome?.rawValue)
        add("since", q.since.map { GoTime($0).utc.rfc3339Nano })
        add("until", q.until.map { GoTime($0).utc.rfc3339Nano })
        add("limit", q.limit.map(String.init))
        return parts.joined(separator: "&")
    }

    struct PeerAnswer: Decodable { let notifications: [NotificationRecord] }

    /// Asks one peer; nil when it cannot answer (down, refused, not understood).
    static func ask(_ base: String, query: HistoryQuery) async -> [NotificationRecord]? {
        var request = HTTPClientRequest(url: base + AlertmanagerAPIPaths.notifications + "?" + localQuery(query))
        request.method = .GET
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            guard response.status == .ok else { return nil }
            let body = try await response.body.collect(upTo: 64 << 20)
            return try JSONDecoder().decode(PeerAnswer.self, from: Data(buffer: body)).notifications
        } catch {
            return nil
        }
    }
}

enum AlertmanagerAPIPaths {
    static let notifications = "/api/tocsin/v1/notifications"
}

extension TocsinServer {
    /// The history of the whole cluster: this node's records and every peer's, asked over
    /// their API concurrently. Peers that do not advertise a tocsin API, or do not answer,
    /// are named in `skippedPeers` and make the answer partial.
    func clusterHistory(_ query: HistoryQuery) async -> APINotifications {
        guard let node = cluster.node else { return APINotifications(notifications: shared.history.query(query)) }
        let me = node.name
        let peers = node.peerMetadata.filter { $0.name != me }
        // Without the outcome filter and the limit: naming the sender of a deduplication needs
        // the successes beside it. The whole query applies to the merged records.
        let wide = { var q = query; q.outcome = nil; q.limit = nil; return q }()
        var records = shared.history.query(wide)
        var skipped: [String] = []
        await withTaskGroup(of: (String, [NotificationRecord]?).self) { group in
            for peer in peers {
                guard let base = HistoryPeers.apiURL(meta: peer.meta) else {
                    skipped.append(peer.name)
                    continue
                }
                group.addTask { (peer.name, await HistoryPeers.ask(base, query: wide)) }
            }
            for await (name, answer) in group {
                if let answer { records += answer } else { skipped.append(name) }
            }
        }
        return APINotifications(notifications: query.apply(HistoryQuery.attributePeers(records)),
                                skippedPeers: skipped.sorted())
    }
}
