import Foundation
import GoCompat

/// One notification attempt as the history keeps it: who tried (`node`), to whom
/// (receiver, integration and its index), for which group and alerts, and what came of it.
/// The JSON field names are the API's (`/api/tocsin/v1/notifications`), and the journal
/// stores the same JSON, one record a line.
package struct NotificationRecord: Sendable, Equatable, Codable {
    package enum Outcome: String, Sendable, Codable, CaseIterable {
        /// The integration accepted the notification.
        case success
        /// The attempt failed; `error` says why, `willRetry` whether the retry stage goes on.
        case failed
        /// Not sent: the notification log already had this group's state, written by a peer
        /// (`peer` when known, `notifiedAt` the log entry's time).
        case deduplicated
        /// Not sent: the route is muted by a time interval (`timeInterval`).
        case suppressed
    }

    package var time: Date
    package var node: String
    package var receiver: String
    package var integration: String
    package var integrationIndex: Int
    package var groupKey: String
    /// The group's labels, by name.
    package var groupLabels: [String: String]
    /// Fingerprints (16 hex digits, as the API v2 shows them) of the alerts firing and
    /// resolved at the attempt.
    package var firing: [String]
    package var resolved: [String]
    /// 1 for the first try of a flush, counting up through the retries; 0 when nothing was sent.
    package var attempt: Int
    package var outcome: Outcome
    /// The failure's text (empty unless failed).
    package var error: String
    package var willRetry: Bool
    /// For `deduplicated`: the peer whose send made this one unnecessary ("" if unknown), and
    /// when the notification log says it was sent.
    package var peer: String
    package var notifiedAt: Date?
    /// For `suppressed`: the time intervals muting the route.
    package var timeInterval: String
    package var durationSeconds: Double

    package init(time: Date, node: String = "", receiver: String, integration: String, integrationIndex: Int,
                groupKey: String, groupLabels: [String: String], firing: [String], resolved: [String],
                attempt: Int, outcome: Outcome, error: String = "", willRetry: Bool = false, peer: String = "",
                notifiedAt: Date? = nil, timeInterval: String = "", durationSeconds: Double = 0) {
        self.time = time
        self.node = node
        self.receiver = receiver
        self.integration = integration
        self.integrationIndex = integrationIndex
        self.groupKey = groupKey
        self.groupLabels = groupLabels
        self.firing = firing
        self.resolved = resolved
        self.attempt = attempt
        self.outcome = outcome
        self.error = error
        self.willRetry = willRetry
        self.peer = peer
        self.notifiedAt = notifiedAt
        self.timeInterval = timeInterval
        self.durationSeconds = durationSeconds
    }

    enum CodingKeys: String, CodingKey {
        case time, node, receiver, integration, integrationIndex, groupKey, groupLabels, firing, resolved, attempt
        case outcome, error, willRetry, peer, notifiedAt, timeInterval, durationSeconds
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        time = try Self.date(c.decode(String.self, forKey: .time), c, .time)
        node = try c.decodeIfPresent(String.self, forKey: .node) ?? ""
        receiver = try c.decode(String.self, forKey: .receiver)
        integration = try c.decode(String.self, forKey: .integration)
        integrationIndex = try c.decodeIfPresent(Int.self, forKey: .integrationIndex) ?? 0
        groupKey = try c.decode(String.self, forKey: .groupKey)
        groupLabels = try c.decodeIfPresent([String: String].self, forKey: .groupLabels) ?? [:]
        firing = try c.decodeIfPresent([String].self, forKey: .firing) ?? []
        resolved = try c.decodeIfPresent([String].self, forKey: .resolved) ?? []
        attempt = try c.decodeIfPresent(Int.self, forKey: .attempt) ?? 0
        outcome = try c.decode(Outcome.self, forKey: .outcome)
        error = try c.decodeIfPresent(String.self, forKey: .error) ?? ""
        willRetry = try c.decodeIfPresent(Bool.self, forKey: .willRetry) ?? false
        peer = try c.decodeIfPresent(String.self, forKey: .peer) ?? ""
        notifiedAt = try c.decodeIfPresent(String.self, forKey: .notifiedAt).map { try Self.date($0, c, .notifiedAt) }
        timeInterval = try c.decodeIfPresent(String.self, forKey: .timeInterval) ?? ""
        durationSeconds = try c.decodeIfPresent(Double.self, forKey: .durationSeconds) ?? 0
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(GoTime(time).utc.rfc3339Nano, forKey: .time)
        try c.encode(node, forKey: .node)
        try c.encode(receiver, forKey: .receiver)
        try c.encode(integration, forKey: .integration)
        try c.encode(integrationIndex, forKey: .integrationIndex)
        try c.encode(groupKey, forKey: .groupKey)
        try c.encode(groupLabels, forKey: .groupLabels)
        try c.encode(firing, forKey: .firing)
        try c.encode(resolved, forKey: .resolved)
        try c.encode(attempt, forKey: .attempt)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(error, forKey: .error)
        try c.encode(willRetry, forKey: .willRetry)
        if !peer.isEmpty { try c.encode(peer, forKey: .peer) }
        if let notifiedAt { try c.encode(GoTime(notifiedAt).utc.rfc3339Nano, forKey: .notifiedAt) }
        if !timeInterval.isEmpty { try c.encode(timeInterval, forKey: .timeInterval) }
        try c.encode(durationSeconds, forKey: .durationSeconds)
    }

    private static func date(_ s: String, _ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Date {
        do { return try GoTime.parseRFC3339(s).date } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: error.description)
        }
    }

    /// What identifies the integration's view of a group: the notification log's key.
    var logKey: String { "\(receiver)\u{0}\(integration)\u{0}\(integrationIndex)\u{0}\(groupKey)" }
}
