import Foundation

/// An alert as Alertmanager stores it (`types.Alert`): Prometheus' alert plus the server's
/// receive time and whether `endsAt` was defaulted from `resolve_timeout`.
package struct Alert: Sendable, Hashable {
    package var labels: LabelSet
    package var annotations: LabelSet
    package var startsAt: Date
    /// `Date.goZero` when unset (firing copies handed to notifiers carry the zero time).
    package var endsAt: Date
    /// The generator URL's UTF-8 bytes. A byte array is 8 bytes where a `String` is 16, and
    /// those 8 bytes keep a stored alert with its marker status (`AlertTable.Slot`) at 56
    /// bytes instead of 64, in the store's table and in its aggregation group's; equal URLs
    /// share one buffer (the alert decoder interns them).
    package var generatorURLUTF8: [UInt8]
    /// Server receive time: orders merges and decides whether a flushed resolved alert may be dropped.
    package var updatedAt: Date
    /// True when `endsAt` was not sent and was set to `now + resolve_timeout`.
    package var timeout: Bool

    package init(labels: LabelSet, annotations: LabelSet = LabelSet(), startsAt: Date, endsAt: Date = .goZero,
                generatorURL: String = "", updatedAt: Date = .goZero, timeout: Bool = false) {
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        generatorURLUTF8 = Array(generatorURL.utf8)
        self.updatedAt = updatedAt
        self.timeout = timeout
    }

    package var fingerprint: Fingerprint { labels.fingerprint }

    package var generatorURL: String {
        get { String(decoding: generatorURLUTF8, as: UTF8.self) }
        set { generatorURLUTF8 = Array(newValue.utf8) }
    }

    /// Resolved iff `endsAt` is set and not after `now` (`Alert.ResolvedAt`).
    package func isResolved(at now: Date) -> Bool { !endsAt.isGoZero && endsAt <= now }

    /// `"resolved"` or `"firing"` at `now`.
    package func status(at now: Date) -> String { isResolved(at: now) ? "resolved" : "firing" }

    /// Whether an incoming version of this alert is merged into the stored one rather than
    /// replacing it: only when their active intervals overlap (provider/mem `Put`).
    package func overlaps(_ new: Alert) -> Bool {
        (new.endsAt > startsAt && new.endsAt < endsAt) || (new.startsAt > startsAt && new.startsAt < endsAt)
    }

    /// Alertmanager's `Alert.Merge`: the younger (later `updatedAt`) wins, except that the
    /// earliest `startsAt` is kept and an explicit later resolve time outlives a younger one.
    package func merged(with other: Alert, now: Date) -> Alert {
        var older = self, younger = other
        if other.updatedAt < updatedAt { swap(&older, &younger) }
        var res = younger
        if older.startsAt < younger.startsAt { res.startsAt = older.startsAt }
        if younger.isResolved(at: now) {
            if older.isResolved(at: now), older.endsAt > younger.endsAt { res.endsAt = older.endsAt }
        } else if older.endsAt > younger.endsAt, !older.timeout {
            res.endsAt = older.endsAt
        }
        return res
    }

    /// What the store keeps when `incoming` arrives for an already stored alert.
    package func storing(_ incoming: Alert, now: Date) -> Alert {
        overlaps(incoming) ? merged(with: incoming, now: now) : incoming
    }
}
