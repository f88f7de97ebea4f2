import APIModel
import AlertCore
import Foundation
import GoCompat
import History
import Hummingbird

/// The notification history as `GET /api/tocsin/v1/notifications` answers it: the records of
/// every node reached, newest first; `partial` when some peer could not be asked (not tocsin,
/// no API address, or unreachable), named in `skippedPeers`.
package struct APINotifications: Sendable, Encodable {
    package var notifications: [NotificationRecord]
    package var partial: Bool
    package var skippedPeers: [String]

    package init(notifications: [NotificationRecord], partial: Bool = false, skippedPeers: [String] = []) {
        self.notifications = notifications
        self.partial = partial || !skippedPeers.isEmpty
        self.skippedPeers = skippedPeers
    }
}

/// The "why" of one alert (`GET /api/tocsin/v1/alerts/{fingerprint}/explain`).
package struct APIExplanation: Sendable, Encodable {
    package struct Route: Sendable, Encodable, Equatable {
        package var receiver: String
        /// Pre-order indices from the root to the route (the routes view's `index`).
        package var path: [Int]
        package var groupKey: String
        package var groupWait: String
        package var groupInterval: String
        package var repeatInterval: String
        /// RFC 3339; nil when the group has no timer (not yet formed or being flushed).
        package var nextFlush: String?
        package init(receiver: String, path: [Int], groupKey: String, groupWait: String, groupInterval: String,
                    repeatInterval: String, nextFlush: String?) {
            self.receiver = receiver
            self.path = path
            self.groupKey = groupKey
            self.groupWait = groupWait
            self.groupInterval = groupInterval
            self.repeatInterval = repeatInterval
            self.nextFlush = nextFlush
        }
    }

    package struct Inhibition: Sendable, Encodable, Equatable {
        /// The rule's index in `inhibit_rules`, and its `name` (0.29+) when it has one.
        package var rule: Int
        package var name: String?
        package var sources: [String]
        package init(rule: Int, name: String? = nil, sources: [String]) {
            self.rule = rule
            self.name = name
            self.sources = sources
        }
    }

    package struct Mute: Sendable, Encodable, Equatable {
        package var timeInterval: String
        /// When the muting ends (RFC 3339); nil when it does not within a year.
        package var until: String?
        package init(timeInterval: String, until: String?) {
            self.timeInterval = timeInterval
            self.until = until
        }
    }

    package var fingerprint: String
    package var labels: [String: String]
    package var state: String
    package var routes: [Route]
    package var silencedBy: [String]
    package var inhibitedBy: [Inhibition]
    package var mutedBy: [Mute]
    package var notifications: [NotificationRecord]
    package var partial: Bool

    package init(fingerprint: String, labels: [String: String], state: String, routes: [Route], silencedBy: [String],
                inhibitedBy: [Inhibition], mutedBy: [Mute], notifications: [NotificationRecord] = [], partial: Bool = false) {
        self.fingerprint = fingerprint
        self.labels = labels
        self.state = state
        self.routes = routes
        self.silencedBy = silencedBy
        self.inhibitedBy = inhibitedBy
        self.mutedBy = mutedBy
        self.notifications = notifications
        self.partial = partial
    }
}

extension AlertmanagerAPI {
    static let notificationsPath = "/api/tocsin/v1/notifications"

    func historyEndpoints() -> [HTTPEndpoint] {
        let backend = self.backend
        return [
            HTTPEndpoint(.get, Self.notificationsPath) { request, _ in
                let q = QueryString(request.uri.query)
                let query: HistoryQuery
                do { query = try Self.historyQuery(q) } catch let error as QueryError {
                    return Responses.apiError(code: 400, error.message, status: .badRequest)
                }
                // `local=true`: this node's records only (how peers ask each other).
                let answer = await backend.notifications(query, local: q.bool("local", default: false))
                return Self.encoded(answer)
            },
            HTTPEndpoint(.get, "/api/tocsin/v1/alerts/{fingerprint}/explain") { _, context in
                let text = context.pathParameter("fingerprint") ?? ""
                guard let fp = Fingerprint(hex: text) else {
                    return Responses.apiError(code: 400, "invalid fingerprint \(GoQuote.quote(text))", status: .badRequest)
                }
                guard let answer = await backend.explain(fp) else {
                    return Responses.apiError(code: 404, "alert \(text) not found", status: .notFound)
                }
                return Self.encoded(answer)
            },
        ]
    }

    struct QueryError: Error { let message: String }

    /// The filter from the query string; bad values get a 400 naming the parameter.
    static func historyQuery(_ q: QueryString) throws(QueryError) -> HistoryQuery {
        var query = HistoryQuery()
        func nonEmpty(_ name: String) -> String? { q.last(name).flatMap { $0.isEmpty ? nil : $0 } }
        query.receiver = nonEmpty("receiver")
        query.integration = nonEmpty("integration")
        query.groupKey = nonEmpty("groupKey")
        query.fingerprint = nonEmpty("fingerprint")
        if let o = nonEmpty("outcome") {
            guard let outcome = NotificationRecord.Outcome(rawValue: o) else {
                throw QueryError(message: "invalid outcome \(GoQuote.quote(o)): expected success, failed, deduplicated or suppressed")
            }
            query.outcome = outcome
        }
        for name in ["since", "until"] {
            guard let v = nonEmpty(name) else { continue }
            guard let t = try? GoTime.parseRFC3339(v) else {
                throw QueryError(message: "invalid \(name) \(GoQuote.quote(v)): expected an RFC 3339 time")
            }
            if name == "since" { query.since = t.date } else { query.until = t.date }
        }
        if let l = nonEmpty("limit") {
            guard let n = Int(l), n >= 0 else { throw QueryError(message: "invalid limit \(GoQuote.quote(l))") }
            query.limit = n
        }
        return query
    }

    static func encoded(_ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard var bytes = try? Array(encoder.encode(value)) else {
            return Responses.apiError(code: 500, "encoding failed", status: .internalServerError)
        }
        bytes.append(UInt8(ascii: "\n"))
        return Responses.bytes(bytes)
    }
}

extension APIBackend {
    package func notifications(_ query: HistoryQuery, local: Bool) async -> APINotifications { APINotifications(notifications: []) }
    package func explain(_ fingerprint: Fingerprint) async -> APIExplanation? { nil }
}
