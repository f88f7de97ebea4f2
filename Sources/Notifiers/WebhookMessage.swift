import AlertCore
import Foundation
import GoCompat

/// The webhook body, version "4" (Alertmanager's `webhook.Message`: `template.Data` plus
/// `version`, `groupKey`, `truncatedAlerts`), encoded byte for byte like Go's `json.Encoder`.
package struct WebhookMessage: Sendable {
    package var receiver: String
    package var alerts: [Alert]
    package var groupLabels: LabelSet
    package var externalURL: String
    package var groupKey: String
    package var truncatedAlerts: Int
    /// The route's rendered labels (0.34's `routeLabels`): written only when the route has
    /// some, so that a 0.25 configuration gets 0.25's body byte for byte.
    package var routeLabels: [String: String] = [:]
    /// The time alert statuses are computed at (`Alert.Status()` uses the current time).
    package var now: Date

    /// Builds the message for a notification: keeps the first `maxAlerts` alerts (0 = all) and
    /// counts the rest in `truncatedAlerts`; statuses and common labels are computed from the
    /// kept alerts only, as Alertmanager truncates before building the template data.
    package init(receiverName: String, groupKey: String, groupLabels: LabelSet, alerts: [Alert], maxAlerts: Int,
                externalURL: String, now: Date) {
        receiver = receiverName
        self.groupKey = groupKey
        self.groupLabels = groupLabels
        self.externalURL = externalURL
        self.now = now
        if maxAlerts > 0, alerts.count > maxAlerts {
            self.alerts = Array(alerts.prefix(maxAlerts))
            truncatedAlerts = alerts.count - maxAlerts
        } else {
            self.alerts = alerts
            truncatedAlerts = 0
        }
    }

    /// `firing` if any alert fires, else `resolved`.
    package var status: String { alerts.contains { !$0.isResolved(at: now) } ? "firing" : "resolved" }

    /// Label pairs shared by every alert (empty without alerts).
    package var commonLabels: LabelSet { Self.common(alerts.map(\.labels)) }
    package var commonAnnotations: LabelSet { Self.common(alerts.map(\.annotations)) }

    static func common(_ sets: [LabelSet]) -> LabelSet {
        guard let first = sets.first else { return LabelSet() }
        return first.filtered { name in
            let value = first[name]
            return sets.dropFirst().allSatisfy { $0[name] == value }
        }
    }

    /// The request body: Go `json.Encoder` output including the trailing newline.
    ///
    /// Times are `time.Time.MarshalJSON`'s RFC3339Nano. Go keeps the zone an alert's time was
    /// parsed with; Prometheus sends UTC (`Z`) times and `Alert` keeps no zone, so Tocsin
    /// writes UTC, rounded to the microsecond (a `Date` holds no more; see `GoTime`).
    ///
    /// - Parameter incidentio: incident.io's message instead (0.34): `notification_reason`
    ///   (this value) after the alerts, `routeLabels` even when empty, version "1"; and
    ///   `alerts`, when given, are sent in place of all (status and common labels stay those
    ///   of all).
    package func encoded(incidentio reason: String? = nil, alerts sent: [Alert]? = nil) -> [UInt8] {
        let sent = sent ?? alerts
        var w = GoJSONWriter(capacity: 512 + sent.count * 400)
        w.raw("{\"receiver\":")
        w.string(GoQuote.quoteMeta(receiver))
        w.raw(",\"status\":")
        w.string(status)
        w.raw(",\"alerts\":")
        writeAlerts(sent, to: &w)
        if let reason {
            w.raw(",\"notification_reason\":")
            w.string(reason)
        }
        for (key, labels) in [("groupLabels", groupLabels), ("commonLabels", commonLabels),
                              ("commonAnnotations", commonAnnotations)] {
            w.key0(key)
            w.labelSet(labels)
        }
        if !routeLabels.isEmpty || reason != nil {
            w.raw(",\"routeLabels\":")
            w.labelSet(LabelSet(routeLabels))
        }
        w.raw(",\"externalURL\":")
        w.string(externalURL)
        w.raw(reason == nil ? ",\"version\":\"4\",\"groupKey\":" : ",\"version\":\"1\",\"groupKey\":")
        w.string(groupKey)
        w.raw(",\"truncatedAlerts\":")
        w.int(truncatedAlerts)
        w.raw("}\n")
        return w.bytes
    }

    /// `[{"status":…,"labels":…,…},…]`: the alerts as `template.Alert` marshals them.
    func writeAlerts(_ alerts: [Alert], to w: inout GoJSONWriter) {
        w.raw("[")
        for (i, alert) in alerts.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"status\":")
            w.string(alert.status(at: now))
            w.raw(",\"labels\":")
            w.labelSet(alert.labels)
            w.raw(",\"annotations\":")
            w.labelSet(alert.annotations)
            w.raw(",\"startsAt\":")
            w.rfc3339(GoTime(roundingToMicroseconds: alert.startsAt), fraction: .nanoseconds)
            w.raw(",\"endsAt\":")
            w.rfc3339(GoTime(roundingToMicroseconds: alert.endsAt), fraction: .nanoseconds)
            w.raw(",\"generatorURL\":")
            w.string(alert.generatorURL)
            w.raw(",\"fingerprint\":")
            w.string(alert.fingerprint.description)
            w.raw("}")
        }
        w.raw("]")
    }
}
