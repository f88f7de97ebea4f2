import Foundation

/// The filter of `GET /api/tocsin/v1/notifications` (and `tocsinctl history`): every field
/// given must match; `since`/`until` bound the time (inclusive); `limit` keeps the newest.
package struct HistoryQuery: Sendable, Equatable {
    package var receiver: String?
    package var integration: String?
    package var groupKey: String?
    /// An alert fingerprint, firing or resolved in the record.
    package var fingerprint: String?
    package var outcome: NotificationRecord.Outcome?
    package var since: Date?
    package var until: Date?
    package var limit: Int?

    package init(receiver: String? = nil, integration: String? = nil, groupKey: String? = nil, fingerprint: String? = nil,
                outcome: NotificationRecord.Outcome? = nil, since: Date? = nil, until: Date? = nil, limit: Int? = nil) {
        self.receiver = receiver
        self.integration = integration
        self.groupKey = groupKey
        self.fingerprint = fingerprint
        self.outcome = outcome
        self.since = since
        self.until = until
        self.limit = limit
    }

    package func matches(_ r: NotificationRecord) -> Bool {
        if let receiver, r.receiver != receiver { return false }
        if let integration, r.integration != integration { return false }
        if let groupKey, r.groupKey != groupKey { return false }
        if let fingerprint, !r.firing.contains(fingerprint), !r.resolved.contains(fingerprint) { return false }
        if let outcome, r.outcome != outcome { return false }
        if let since, r.time < since { return false }
        if let until, r.time > until { return false }
        return true
    }

    /// The matching records, newest first (ties: node, then attempt, descending), at most `limit`.
    package func apply(_ records: some Sequence<NotificationRecord>) -> [NotificationRecord] {
        var out = records.filter(matches)
        out.sort(by: Self.newestFirst)
        if let limit, limit >= 0, out.count > limit { out.removeLast(out.count - limit) }
        return out
    }

    package static func newestFirst(_ a: NotificationRecord, _ b: NotificationRecord) -> Bool {
        if a.time != b.time { return a.time > b.time }
        if a.node != b.node { return a.node > b.node }
        return a.attempt > b.attempt
    }
}

extension HistoryQuery {
    /// Names the sender of each `deduplicated` record whose `peer` is unknown: the node with a
    /// `success` for the same receiver, integration and group at the notification log entry's
    /// time (the log is written just after the send, within a second). The notification log
    /// does not carry its writer, so this needs the other nodes' records (the cluster answer).
    package static func attributePeers(_ records: [NotificationRecord]) -> [NotificationRecord] {
        var successes: [String: [(time: Date, node: String)]] = [:]
        for r in records where r.outcome == .success { successes[r.logKey, default: []].append((r.time, r.node)) }
        if successes.isEmpty { return records }
        return records.map { r in
            guard r.outcome == .deduplicated, r.peer.isEmpty, let at = r.notifiedAt,
                  let sender = successes[r.logKey]?.first(where: { at >= $0.time && at.timeIntervalSince($0.time) < 1 })
            else { return r }
            var named = r
            named.peer = sender.node
            return named
        }
    }
}
