import AlertCore
import Foundation
import GoCompat
import Logging
import Notify
import Templating

/// `pagerduty_configs` (0.25 `notify/pagerduty`): Events API v2 with `routing_key`, or the v1
/// generic API with `service_key` (its URL is fixed in 0.25, `url` is ignored for v1).
package struct PagerDutyNotifier: BuiltFromParts {
    package struct Image: Sendable {
        package var src = "", alt = "", href = ""
        package init() {}
    }

    package struct Link: Sendable {
        package var href = "", text = ""
        package init() {}
    }

    package struct Settings: Sendable {
        package var serviceKey = "", serviceKeyFile = "", routingKey = "", routingKeyFile = ""
        package var url = ""
        package var client = "", clientURL = "", description = ""
        package var details: [String: String] = [:]
        package var images: [Image] = []
        package var links: [Link] = []
        package var source = "", severity = "", eventClass = "", component = "", group = ""
        /// `timeout` (0.29+): per-request limit in seconds; nil = bounded only by the flush deadline.
        package var timeout: Double?
        /// `details` with nested values (0.29+), rendered as 0.34 does (`DeepCopyWithTemplate`:
        /// every string templated, a result that reads as YAML other than a string becomes that
        /// value). nil when `details` is a flat map of strings, sent as 0.25 sends it.
        package var nestedDetails: [String: JSONTree]?
        package var reparse: @Sendable (String) -> JSONTree? = { _ in nil }
        package init() {}

        var isV1: Bool { !serviceKey.isEmpty || !serviceKeyFile.isEmpty }
    }

    package static let v1URL = "https://events.pagerduty.com/generic/2010-04-15/create_event.json"
    static let maxEventSize = 512_000
    static let maxDescriptionRunes = 1024
    package let parts: NotifierParts<Settings>
    let logger = Logger(label: "tocsin.notify.pagerduty")

    package init(_ parts: NotifierParts<Settings>) { self.parts = parts }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let body = try payload(ctx, alerts: alerts, now: sender.clock.now())
        let url = settings.isV1 ? Self.v1URL : settings.url
        let reply: HTTPReply
        do {
            reply = try await sender.send(url: url, contentType: "application/json", body: body, timeout: settings.timeout,
                                          ctx: ctx)
        } catch {
            throw error.wrapped(settings.isV1 ? "failed to post message to PagerDuty v1" : "failed to post message to PagerDuty")
        }
        // v1 answers 403 when rate limited; v2 answers 429.
        try StatusCheck.check(reply, retryCodes: settings.isV1 ? [403] : [], details: Self.errorDetails)
    }

    /// A 400's `message: errors` (PagerDuty's error body), else nothing.
    static func errorDetails(_ reply: HTTPReply) -> String {
        guard reply.status == 400,
              let obj = try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any] else { return "" }
        let errors = (obj["errors"] as? [String]) ?? []
        return "\(obj["message"] as? String ?? ""): \(errors.joined(separator: ","))"
    }

    func payload(_ ctx: NotificationContext, alerts: [Alert], now: Date) throws(NotifyError) -> [UInt8] {
        let t = parts.renderer(ctx, alerts: alerts, now: now)
        let s = settings
        let eventType = t.resolved ? "resolve" : "trigger"
        var details: [String: JSONTree] = [:]
        for (k, v) in s.details {
            do { details[k] = .string(try t(v)) } catch {
                throw error.wrapped("\(GoQuote.quote(k)): failed to template \(GoQuote.quote(v))")
            }
        }
        if let nested = s.nestedDetails {
            for (k, v) in nested {
                do { details[k] = try v.rendered(t, reparse: s.reparse) } catch {
                    throw error.wrapped("failed to render details")
                }
            }
        }
        let key = GroupKeyHash.hex(ctx.groupKey)
        let encoded: ([String: JSONTree]) -> [UInt8]
        if s.isV1 {
            let description = Truncate.runes(try t(s.description), Self.maxDescriptionRunes, logger: logger,
                                             what: "description", key: ctx.groupKey)
            let serviceKey = try t(try SecretFile.value(s.serviceKey, orFile: s.serviceKeyFile,
                                                        context: "failed to read service key from file"))
            let client = eventType == "trigger" ? try t(s.client) : ""
            let clientURL = eventType == "trigger" ? try t(s.clientURL) : ""
            if serviceKey.isEmpty { throw NotifyError.permanent("service key cannot be empty") }
            encoded = { details in GoJSONWriter.encoded { w in
                w.raw("{")
                w.field("service_key", serviceKey, first: true)
                w.field("incident_key", key)
                w.field("event_type", eventType)
                w.field("description", description, omitEmpty: true)
                w.raw(",\"event_action\":\"\",\"payload\":null")
                w.field("client", client, omitEmpty: true)
                w.field("client_url", clientURL, omitEmpty: true)
                if !details.isEmpty {
                    w.key0("details")
                    JSONTree.map(details).write(to: &w)
                }
                w.raw("}")
            } }
        } else {
            let summary = Truncate.runes(try t(s.description), Self.maxDescriptionRunes, logger: logger,
                                         what: "summary", key: ctx.groupKey)
            let rawRoutingKey = try SecretFile.value(s.routingKey, orFile: s.routingKeyFile,
                                                     context: "failed to read routing key from file")
            let client = try t(s.client), clientURL = try t(s.clientURL)
            let routingKey = try t(rawRoutingKey)
            let source = try t(s.source), severity = try t(s.severity.isEmpty ? "error" : s.severity)
            let eventClass = try t(s.eventClass), component = try t(s.component), group = try t(s.group)
            var images: [Image] = []
            for i in s.images {
                let image = try t(i, \.src, \.alt, \.href)
                if !image.src.isEmpty { images.append(image) }
            }
            var links: [Link] = []
            for l in s.links {
                let link = try t(l, \.href, \.text)
                if !link.href.isEmpty { links.append(link) }
            }
            if routingKey.isEmpty { throw NotifyError.permanent("routing key cannot be empty") }
            encoded = { details in GoJSONWriter.encoded { w in
                w.raw("{")
                w.field("routing_key", routingKey, first: true)
                w.field("dedup_key", key)
                w.field("event_action", eventType)
                w.raw(",\"payload\":{")
                w.field("summary", summary, first: true)
                w.field("source", source)
                w.field("severity", severity)
                w.field("class", eventClass, omitEmpty: true)
                w.field("component", component, omitEmpty: true)
                w.field("group", group, omitEmpty: true)
                if !details.isEmpty {
                    w.key0("custom_details")
                    JSONTree.map(details).write(to: &w)
                }
                w.raw("}")
                w.field("client", client, omitEmpty: true)
                w.field("client_url", clientURL, omitEmpty: true)
                if !images.isEmpty {
                    w.key0("images")
                    w.array(images) { w, image in
                        w.raw("{")
                        w.field("src", image.src, first: true)
                        w.field("alt", image.alt)
                        w.field("href", image.href)
                        w.raw("}")
                    }
                }
                if !links.isEmpty {
                    w.key0("links")
                    w.array(links) { w, link in
                        w.raw("{")
                        w.field("href", link.href, first: true)
                        w.field("text", link.text)
                        w.raw("}")
                    }
                }
                w.raw("}")
            } }
        }
        let body = encoded(details)
        if body.count <= Self.maxEventSize { return body }
        logger.warning("Truncated Details because message of size \(Self.metricBytes(body.count)) exceeds limit \(Self.metricBytes(Self.maxEventSize))")
        let note = "Custom details have been removed because the original event exceeds the maximum size of "
            + Self.metricBytes(Self.maxEventSize)
        return encoded(["error": .string(note)])
    }

    /// alecthomas/units `MetricBytes.String`: `512KB`, `600KB123B`.
    static func metricBytes(_ n: Int) -> String {
        let units = ["", "K", "M", "G", "T", "P", "E"]
        var parts: [String] = []
        var n = n
        for (i, u) in units.enumerated() {
            if n % 1000 != 0 || (i == 0 && n == 0) { parts.insert("\(n % 1000)\(u)B", at: 0) }
            n /= 1000
            if n == 0 { break }
        }
        return parts.joined()
    }
}
