import AlertCore
import Foundation

/// A silence as Alertmanager 0.25 models it (`silencepb.Silence`, without the legacy
/// comment list, which is folded into `createdBy`/`comment` on load and merge).
package struct Silence: Sendable, Equatable {
    package var id: String
    package var matchers: [Matcher]
    package var startsAt: Date
    package var endsAt: Date
    package var updatedAt: Date
    package var createdBy: String
    package var comment: String
    /// Alertmanager 0.32+'s silence annotations (API `annotations`, `silencepb` field 10).
    package var annotations: [String: String] = [:]
    /// A newer Alertmanager's matcher sets (0.33, `silencepb` field 11) when a peer or a
    /// snapshot brought several: the silence mutes an alert that any one set matches. Empty
    /// for a silence with one set, which is `matchers` (also the first set here: the field
    /// 0.25 peers read). Their bytes stay in `extraFields` for gossip and the snapshot.
    package var matcherSets: [[Matcher]] = []
    /// The fields of `silencepb.Silence` that this model does not carry, as protobuf bytes:
    /// a newer Alertmanager's `matcher_sets` (11),
    /// `receiver_matcher_sets` (12) and any field unknown to Tocsin. Kept through merge,
    /// expiry and the snapshot file, and written back when the silence is gossiped, so newer
    /// peers lose nothing by passing through Tocsin. A silence created or updated through
    /// Tocsin's API has none.
    package var extraFields: [UInt8] = []

    package init(id: String = "", matchers: [Matcher], startsAt: Date, endsAt: Date, updatedAt: Date = .goZero,
                createdBy: String, comment: String) {
        self.id = id
        self.matchers = matchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.comment = comment
    }

    /// The state the API shows (`types.CalcSilenceState`): `endsAt` is exclusive.
    package func state(at now: Date) -> SilenceState {
        if now < startsAt { return .pending }
        if now < endsAt { return .active }
        return .expired
    }

    /// The store's internal state (`getState`): `endsAt` is inclusive. Update and expire rules
    /// use it, and so does 0.34's state filter of `GET /silences` (`QState`).
    package func internalState(at now: Date) -> SilenceState {
        if now < startsAt { return .pending }
        if now > endsAt { return .expired }
        return .active
    }

    /// The sets the silence mutes by: `matcherSets`, or `matchers` alone.
    package var effectiveMatcherSets: [[Matcher]] { matcherSets.isEmpty ? [matchers] : matcherSets }

    /// True when every matcher of one of its sets matches `labels` (a missing label counts
    /// as ""), as 0.33 matches silences with several sets.
    package func matches(_ labels: LabelSet) -> Bool {
        if matcherSets.isEmpty { return matchers.matches(labels) }
        return matcherSets.contains { $0.matches(labels) }
    }
}

package enum SilenceState: String, Sendable, Hashable, CaseIterable {
    case expired, active, pending
}

/// A silences error with Alertmanager's wording (`silence invalid: …`, `silence not found`).
package struct SilenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `storage`: the change could not be written to disk (it was not applied).
    package enum Kind: Sendable, Equatable { case notFound, invalid, corruptSnapshot, storage }
    package let kind: Kind
    package let message: String
    package init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
    package var description: String { message }
    package static let notFound = SilenceError(.notFound, "silence not found")
}
