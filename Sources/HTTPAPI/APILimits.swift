import AlertCore
import Logging
import Metrics

/// Bounds on what one client request may make the server hold (flags in `docs/operations.md`,
/// "Limits on hostile input"). Alertmanager 0.25 has none of them; each refusal is counted in
/// `tocsin_api_rejected_total{reason}` and logged at most once per reason per 10 s.
package struct AlertLimits: Sendable {
    /// `--alerts.max-alerts-per-request` (0: none): a larger POST is refused whole.
    package var maxAlertsPerRequest = 10_000
    /// `--alerts.max-labels-per-alert` (0: none).
    package var maxLabelsPerAlert = 1_000
    /// `--alerts.max-label-name-bytes` (0: none).
    package var maxLabelNameBytes = 1_024
    /// `--alerts.max-label-value-bytes` (0: none).
    package var maxLabelValueBytes = 65_536
    /// `--alerts.max-alerts` (0: none): alerts the store holds; only new fingerprints are refused.
    package var maxAlerts = 1_000_000

    package init() {}

    /// Why one alert of a batch is refused, worded like Prometheus' validation errors that
    /// share the 400 body; nil when it is within the limits.
    func violation(_ labels: LabelSet) -> (APIRejection, String)? {
        if maxLabelsPerAlert > 0, labels.count > maxLabelsPerAlert {
            return (.tooManyLabels, "invalid label set: \(labels.count) labels, more than the limit of \(maxLabelsPerAlert)")
        }
        var found: (APIRejection, String)?
        labels.forEachUTF8 { name, value in
            if maxLabelNameBytes > 0, name.count > maxLabelNameBytes {
                found = (.labelNameTooLong, "invalid label set: a label name of \(name.count) bytes, more than the limit of \(maxLabelNameBytes)")
            } else if maxLabelValueBytes > 0, value.count > maxLabelValueBytes {
                let n = String(decoding: name, as: UTF8.self)
                found = (.labelValueTooLong, "invalid label set: the value of \(n) has \(value.count) bytes, more than the limit of \(maxLabelValueBytes)")
            }
            return found == nil
        }
        return found
    }
}

/// The `reason` label of `tocsin_api_rejected_total`.
package enum APIRejection: String, CaseIterable, Sendable {
    case bodyTooLarge = "body_too_large"
    case regexTooLarge = "regex_too_large"
    case tooManyAlertsInRequest = "too_many_alerts_in_request"
    case tooManyLabels = "too_many_labels"
    case labelNameTooLong = "label_name_too_long"
    case labelValueTooLong = "label_value_too_long"
    case storeFull = "store_full"
}

/// Counts and logs the API's refusals (the rule is `RejectionCounter`'s).
package final class APIRejections: Sendable {
    private let counter = RejectionCounter<APIRejection>()
    private let metrics: [APIRejection: Counter]
    private let logger: Logger

    package init(logger: Logger = Logger(label: "api")) {
        self.logger = logger
        var m: [APIRejection: Counter] = [:]
        for r in APIRejection.allCases {
            let c = Counter(label: "tocsin_api_rejected_total", dimensions: [("reason", r.rawValue)])
            c.increment(by: 0)
            m[r] = c
        }
        metrics = m
    }

    func reject(_ reason: APIRejection, _ detail: String, count: Int = 1) {
        metrics[reason]?.increment(by: count)
        guard counter.record(reason) else { return }
        logger.warning("Refused API input over a limit (further ones counted, not logged, for 10s)",
                       metadata: ["reason": "\(reason.rawValue)", "err": "\(detail)"])
    }
}
