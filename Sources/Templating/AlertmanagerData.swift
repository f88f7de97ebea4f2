import GoCompat

/// One alert as templates see it (Alertmanager's `template.Alert`).
package struct TemplateAlert: Sendable, Equatable {
    package var status: String
    package var labels: [String: String]
    package var annotations: [String: String]
    package var startsAt: GoTime
    package var endsAt: GoTime
    package var generatorURL: String
    package var fingerprint: String

    package init(status: String, labels: [String: String], annotations: [String: String] = [:],
                startsAt: GoTime, endsAt: GoTime = .zero, generatorURL: String = "", fingerprint: String) {
        self.status = status
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
        self.fingerprint = fingerprint
    }

    /// Status computed like Alertmanager's `types.Alert.Status`: "resolved" iff
    /// `endsAt` is set and not after `now`.
    package init(labels: [String: String], annotations: [String: String] = [:], startsAt: GoTime,
                endsAt: GoTime = .zero, generatorURL: String = "", fingerprint: String, now: GoTime) {
        let resolved = !endsAt.isZero && (endsAt.unixSeconds, endsAt.nanoseconds) <= (now.unixSeconds, now.nanoseconds)
        self.init(status: resolved ? "resolved" : "firing", labels: labels, annotations: annotations,
                  startsAt: startsAt, endsAt: endsAt, generatorURL: generatorURL, fingerprint: fingerprint)
    }
}

/// The data notification templates run against (Alertmanager's `template.Data`,
/// also the webhook body minus version/groupKey/truncatedAlerts).
package struct TemplateData: Sendable, Equatable {
    package var receiver: String
    package var status: String
    package var alerts: [TemplateAlert]
    package var groupLabels: [String: String]
    package var commonLabels: [String: String]
    package var commonAnnotations: [String: String]
    /// The route's labels (0.34's `.RouteLabels`, read by the `routeLabels` function).
    package var routeLabels: [String: String] = [:]
    /// True when `routeLabels` holds rendered values (the dispatcher renders them before the
    /// notification): `routeLabels` then returns them as they are instead of executing them.
    package var routeLabelsRendered = false
    /// Why this notification is sent (0.34's `.NotificationReason`, e.g. "first notification");
    /// empty outside a notification.
    package var notificationReason = ""
    package var externalURL: String

    package init(receiver: String, status: String, alerts: [TemplateAlert], groupLabels: [String: String],
                commonLabels: [String: String], commonAnnotations: [String: String], externalURL: String) {
        self.receiver = receiver
        self.status = status
        self.alerts = alerts
        self.groupLabels = groupLabels
        self.commonLabels = commonLabels
        self.commonAnnotations = commonAnnotations
        self.externalURL = externalURL
    }

    /// Builds the data like Alertmanager's `Template.Data`: the receiver name is
    /// `regexp.QuoteMeta`'d, status is "firing" if any alert fires, and common
    /// labels/annotations are the pairs identical in every alert.
    package static func make(receiver: String, groupLabels: [String: String], alerts: [TemplateAlert],
                            externalURL: String, routeLabels: [String: String] = [:],
                            routeLabelsRendered: Bool = true, notificationReason: String = "") -> TemplateData {
        var commonLabels = alerts.first?.labels ?? [:]
        var commonAnnotations = alerts.first?.annotations ?? [:]
        for a in alerts.dropFirst() {
            commonLabels = commonLabels.filter { a.labels[$0.key] == $0.value }
            commonAnnotations = commonAnnotations.filter { a.annotations[$0.key] == $0.value }
        }
        let firing = alerts.contains { $0.status == "firing" }
        var data = TemplateData(receiver: GoQuote.quoteMeta(receiver), status: firing ? "firing" : "resolved",
                                alerts: alerts, groupLabels: groupLabels, commonLabels: commonLabels,
                                commonAnnotations: commonAnnotations, externalURL: externalURL)
        data.routeLabels = routeLabels
        data.routeLabelsRendered = routeLabelsRendered
        data.notificationReason = notificationReason
        return data
    }

    /// The value to execute templates against.
    package var templateValue: TemplateValue { .object(DataObject(data: self)) }

    /// Go `json.Marshal` of the data (field order as Alertmanager's struct tags).
    package var json: String { (try? JSONText.encode(templateValue)) ?? "null" }
}

struct DataObject: TemplateObject {
    let data: TemplateData
    var typeName: String { "*template.Data" }
    func field(_ name: String) -> TemplateValue? {
        switch name {
        case "Receiver": return .string(data.receiver)
        case "Status": return .string(data.status)
        case "Alerts": return .object(AlertsObject(alerts: data.alerts))
        case "GroupLabels": return .object(TemplateKV(data.groupLabels))
        case "CommonLabels": return .object(TemplateKV(data.commonLabels))
        case "CommonAnnotations": return .object(TemplateKV(data.commonAnnotations))
        case "RouteLabels": return .object(TemplateKV(data.routeLabels))
        case "NotificationReason": return .string(data.notificationReason)
        case "ExternalURL": return .string(data.externalURL)
        default: return nil
        }
    }
    /// 0.34's field order. `RouteLabels` is left out when the route has none, and
    /// `NotificationReason` always (a template reads it as a field), so that `{{ . }}` and
    /// `toJson .` for a 0.25 configuration stay 0.25's byte for byte.
    private var order: [String] {
        ["Receiver", "Status", "Alerts", "GroupLabels", "CommonLabels", "CommonAnnotations"]
            + (data.routeLabels.isEmpty ? [] : ["RouteLabels"]) + ["ExternalURL"]
    }
    var formatted: String { "&{" + order.map { GoFormat.formatV(field($0) ?? .null) }.joined(separator: " ") + "}" }
    var jsonFields: [(String, TemplateValue)] { order.map { (jsonName($0), field($0) ?? .null) } }
}

struct AlertsObject: TemplateObject {
    let alerts: [TemplateAlert]
    var typeName: String { "template.Alerts" }
    func field(_ name: String) -> TemplateValue? { nil }
    func method(_ name: String, args: [TemplateValue]) throws(TemplateRuntimeError) -> TemplateValue? {
        switch name {
        case "Firing", "Resolved":
            let want = name == "Firing" ? "firing" : "resolved"
            // Go returns a plain []Alert, which has no Firing/Resolved methods itself.
            return .list(alerts.filter { $0.status == want }.map { .object(AlertObject(alert: $0)) })
        default: return nil
        }
    }
    var underlying: TemplateValue? { .list(alerts.map { .object(AlertObject(alert: $0)) }) }
}

struct AlertObject: TemplateObject {
    let alert: TemplateAlert
    var typeName: String { "template.Alert" }
    func field(_ name: String) -> TemplateValue? {
        switch name {
        case "Status": return .string(alert.status)
        case "Labels": return .object(TemplateKV(alert.labels))
        case "Annotations": return .object(TemplateKV(alert.annotations))
        case "StartsAt": return .time(alert.startsAt)
        case "EndsAt": return .time(alert.endsAt)
        case "GeneratorURL": return .string(alert.generatorURL)
        case "Fingerprint": return .string(alert.fingerprint)
        default: return nil
        }
    }
    private static let order = ["Status", "Labels", "Annotations", "StartsAt", "EndsAt", "GeneratorURL", "Fingerprint"]
    var formatted: String { "{" + AlertObject.order.map { GoFormat.formatV(field($0) ?? .null) }.joined(separator: " ") + "}" }
    var jsonFields: [(String, TemplateValue)] { AlertObject.order.map { (jsonName($0), field($0) ?? .null) } }
}

/// Go struct field name to Alertmanager's json tag ("GeneratorURL" -> "generatorURL").
private func jsonName(_ field: String) -> String {
    String(field.prefix(1)).lowercased() + String(field.dropFirst())
}
