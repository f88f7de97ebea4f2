import APIModel
import AlertCore
import Foundation
import GoCompat

/// The outcome of turning a decoded `POST /api/v2/alerts` batch into alerts.
struct IngestResult: Sendable {
    var valid: [Alert] = []
    /// Validation messages in input order (joined by "; " into the 400 body).
    var errors: [String] = []
    /// The errors that are limits (`AlertLimits`), to count.
    var rejected: [(APIRejection, String)] = []
    var firing = 0
    var resolved = 0
}

/// Alertmanager 0.25's `postAlertsHandler` steps 2–6, in its order: stamp `updatedAt`,
/// default `startsAt`/`endsAt` (the latter to now + resolve_timeout with `timeout` set),
/// count firing/resolved, drop empty-valued labels, validate. Pure: `now` is injected.
enum AlertIngest {
    static func process(_ batch: [PostableAlert], now: Date, resolveTimeout: TimeInterval,
                        utf8LabelNames: Bool, limits: AlertLimits = AlertLimits()) -> IngestResult {
        var out = IngestResult()
        out.valid.reserveCapacity(batch.count)
        for p in batch {
            var a = Alert(labels: p.labels, annotations: p.annotations, startsAt: p.startsAt ?? .goZero,
                          endsAt: p.endsAt ?? .goZero, updatedAt: now)
            a.generatorURLUTF8 = p.generatorURLUTF8
            if a.startsAt.isGoZero { a.startsAt = a.endsAt.isGoZero ? now : a.endsAt }
            if a.endsAt.isGoZero {
                a.timeout = true
                a.endsAt = now + resolveTimeout
            }
            if a.endsAt > now { out.firing += 1 } else { out.resolved += 1 }
            var anyEmpty = false
            a.labels.forEachUTF8 { _, value in
                anyEmpty = value.isEmpty
                return !anyEmpty
            }
            if anyEmpty { a.labels = a.labels.removingEmptyValues() }
            if let err = validate(a, utf8LabelNames: utf8LabelNames) {
                out.errors.append(err)
            } else if let (reason, err) = limits.violation(a.labels) {
                out.errors.append(err)
                out.rejected.append((reason, err))
            } else {
                out.valid.append(a)
            }
        }
        return out
    }

    /// Prometheus `model.Alert.Validate` (what 0.25 runs on each alert), same messages.
    static func validate(_ a: Alert, utf8LabelNames: Bool) -> String? {
        if a.startsAt.isGoZero { return "start time missing" }
        if !a.endsAt.isGoZero, a.endsAt < a.startsAt { return "start time must be before end time" }
        if let e = validateLabelSet(a.labels, utf8: utf8LabelNames) { return "invalid label set: " + e }
        if a.labels.isEmpty { return "at least one label pair required" }
        if let e = validateLabelSet(a.annotations, utf8: utf8LabelNames) { return "invalid annotations: " + e }
        return nil
    }

    /// `LabelSet.Validate`: names must be valid label names. Values are always valid UTF-8
    /// here (the decoder replaces invalid bytes, as Go's does), so "invalid value" cannot occur.
    static func validateLabelSet(_ ls: LabelSet, utf8: Bool) -> String? {
        var bad: String?
        ls.forEachUTF8 { name, _ in
            let ok = utf8 ? !name.isEmpty : LabelName.isValid(String(decoding: name, as: UTF8.self))
            if !ok { bad = String(decoding: name, as: UTF8.self) }
            return ok
        }
        return bad.map { "invalid name " + GoQuote.quote($0) }
    }
}
