import AlertCore
import Config
import Foundation
import GoCompat
import HTTPAPI
import History
import Logging
import Notifiers

/// How tocsin nodes find each other's API for the cluster-wide history: each advertises
/// `tocsin-api=<base URL>` as its memberlist node metadata (Alertmanager 0.25 sends empty
/// metadata and never reads its peers', so this changes nothing for it). A peer without it
/// is not tocsin, and answers built without it say so.
enum HistoryPeers {
    static let metaPrefix = "tocsin-api="

    /// This node's API base URL as peers can reach it: the first `--web.listen-address`, its
    /// host replaced by the cluster's advertised (or listen) host when it listens on all;
    /// `https` when the web config serves TLS.
    static func apiURL(flags: ServerFlags, routePrefix: String, tls: Bool) -> String {
        let (listenHost, port) = WebSettings.hostPort(flags.webListenAddresses[0]) ?? ("0.0.0.0", 9093)
        var host = listenHost
        if host == "0.0.0.0" || host == "::" {
            let cluster = [flags.clusterAdvertiseAddress, flags.clusterListenAddress].compactMap { WebSettings.hostPort($0)?.host }
            host = cluster.first { $0 != "0.0.0.0" && $0 != "::" } ?? ProcessInfo.processInfo.hostName
        }
        if host.contains(":") { host = "[\(host)]" }
        return (tls ? "https" : "http") + "://\(host):\(port)" + (routePrefix == "/" ? "" : routePrefix)
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

    /// The client for the peers' API: plain without `--cluster.api-http-config.file`, else
    /// that file's `http_config` (read by the same loader as tocsinctl's `--http.config.file`
    /// and a receiver's `http_config`), for peers whose web config asks for TLS or credentials.
    static func client(file: String, clients: NotifierHTTPClients, clock: any TimeSource) throws -> HTTPSender {
        let config = file.isEmpty ? nil : try HTTPClientConfig.load(file: file)
        return try HTTPSender(http: IntegrationBuilder.httpOptions(config), clients: clients, clock: clock)
    }

    /// How much of a peer's answer is read.
    static let maxAnswerBytes = 64 << 20

    /// Asks one peer; nil when it cannot answer (down, refused, not understood).
    static func ask(_ base: String, query: HistoryQuery, client: HTTPSender, logger: Logger) async -> [NotificationRecord]? {
        let url = base + AlertmanagerAPIPaths.notifications + "?" + localQuery(query)
        do {
            let (reply, truncated) = try await client.get(url: url, timeout: 5, maxBody: maxAnswerBytes)
            guard reply.status == 200, !truncated else {
                logger.debug("peer history not read", metadata: ["url": "\(base)", "status": "\(reply.status)", "truncated": "\(truncated)"])
                return nil
            }
            return try JSONDecoder().decode(PeerAnswer.self, from: Data(reply.body)).notifications
        } catch {
            logger.debug("peer history not read", metadata: ["url": "\(base)", "err": "\(error)"])
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
                let (client, logger) = (peerAPI, self.logger)
                group.addTask { (peer.name, await HistoryPeers.ask(base, query: wide, client: client, logger: logger)) }
            }
            for await (name, answer) in group {
                if let answer { records += answer } else { skipped.append(name) }
            }
        }
        return APINotifications(notifications: query.apply(HistoryQuery.attributePeers(records)),
                                skippedPeers: skipped.sorted())
    }
}
