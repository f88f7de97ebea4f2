import AlertCore
import Foundation

/// A silence as Alertmanager 0.25 models it (`silencepb.Silence`, without the legacy
/// comment list, which is folded into `createdBy`/`comment` on load and merge).
public struct Silence: Sendable, Equatable {
    public var id: String
    public var matchers: [Matcher]
    public var startsAt: Date
    public var endsAt: Date
    public var updatedAt: Date
    public var createdBy: String
    public var comment: String
    /// Alertmanager 0.32+'s silence annotations (API `annotations`, `silencepb` field 10).
    public var annotations: [String: String] = [:]
    /// A newer Alertmanager's matcher sets (0.33, `silencepb` field 11) when a peer or a
    /// snapshot brought several: the silence mutes an alert that any one set matches. Empty
    /// for a silence with one set, which is `matchers` (also the first set here: the field
    /// 0.25 peers read). Their bytes stay in `extraFields` for gossip and the snapshot.
    public var matcherSets: [[Matcher]] = []
    /// The fields of `silencepb.Silence` that this model does not carry, as protobuf bytes:
    /// a newer Alertmanager's `matcher_sets` (11),
    /// `receiver_matcher_sets` (12) and any field unknown to Tocsin. Kept through merge,
    /// expiry and the snapshot file, and written back when the silence is gossiped, so newer
    /// peers lose nothing by passing through Tocsin. A silence created or updated through
    /// Tocsin's API has none.
    public var extraFields: [UInt8] = []

    public init(id: String = "", matchers: [Matcher], startsAt: Date, endsAt: Date, updatedAt: Date = .goZero,
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
    public func state(at now: Date) -> SilenceState {
        if now < startsAt { return .pending }
        if now < endsAt { return .active }
        return .expired
    }

    /// The store's internal state (`getState`): `endsAt` is inclusive. Update and expire rules
    /// use it, and so does 0.34's state filter of `GET /silences` (`QState`).
    public func internalState(at now: Date) -> SilenceState {
        if now < startsAt { return .pending }
        if now > endsAt { return .expired }
        return .active
    }

    /// The sets the silence mutes by: `matcherSets`, or `matchers` alone.
    public var effectiveMatcherSets: [[Matcher]] { matcherSets.isEmpty ? [matchers] : matcherSets }

    /// True when every matcher of one of its sets matches `labels` (a missing label counts
    /// as ""), as 0.33 matches silences with several sets.
    public func matches(_ labels: LabelSet) -> Bool {
        if matcherSets.isEmpty { return matchers.matches(labels) }
        return matcherSets.contains { $0.matches(labels) }
    }
}

public enum SilenceState: String, Sendable, Hashable, CaseIterable {
    case expired, active, pending
}

/// A silences error with Alertmanager's wording (`silence invalid: …`, `silence not found`).
public struct SilenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `storage`: the change could not be written to disk (it was not applied).
    public enum Kind: Sendable, Equatable { case notFound, invalid, corruptSnapshot, storage }
    public let kind: Kind
    public let message: String
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
    public var description: String { message }
    public static let notFound = SilenceError(.notFound, "silence not found")
}
