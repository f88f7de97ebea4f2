/// An `AlertStatus` in 16 bytes instead of 40: a flag byte and the silence version inline,
/// the four lists in a shared box only when one of them is not empty (most alerts are
/// neither silenced, inhibited nor muted).
///
/// The alert store keeps `flags` and `version` in its table slot beside the alert, where
/// they fill the alert's padding (no byte more per alert), and the box in a side table
/// (`AlertTable+Marks.swift`); the API's per-request caches keep the whole value.
package struct PackedStatus: Sendable {
    /// Set for every packed status: a slot whose flags lack it was never evaluated.
    static let marked: UInt8 = 1
    /// `version` holds the silence version; without it the version reads back as -1.
    static let versionKnown: UInt8 = 2
    /// Silenced, inhibited or muted (counts read the state without opening the box).
    static let suppressed: UInt8 = 4
    /// `lists` is not nil (the table looks its side table up only then).
    static let hasLists: UInt8 = 8

    let flags: UInt8
    let version: UInt32
    let lists: Lists?

    final class Lists: Sendable {
        let silencedBy: [String], inhibitedBy: [String], mutedBy: [String], pendingSilences: [String]
        init(_ s: AlertStatus) {
            silencedBy = s.silencedBy
            inhibitedBy = s.inhibitedBy
            mutedBy = s.mutedBy
            pendingSilences = s.pendingSilences
        }
    }

    package init(_ s: AlertStatus) {
        var f = Self.marked
        // Silence versions are `Int`. One that does not fit reads back as -1, "never checked
        // against the silences": the silencer's cache then misses and evaluates again, where
        // a truncated version could equal a later one and be taken for a fresh result.
        if let v = UInt32(exactly: s.silenceVersion) {
            version = v
            f |= Self.versionKnown
        } else {
            version = 0
        }
        if s.state == .suppressed { f |= Self.suppressed }
        if s.silencedBy.isEmpty, s.inhibitedBy.isEmpty, s.mutedBy.isEmpty, s.pendingSilences.isEmpty {
            lists = nil
        } else {
            lists = Lists(s)
            f |= Self.hasLists
        }
        flags = f
    }

    /// Reassembles a packed status from a table slot's two fields and its side-table box.
    init(flags: UInt8, version: UInt32, lists: Lists?) {
        self.flags = flags
        self.version = version
        self.lists = lists
    }

    package var status: AlertStatus {
        var s = AlertStatus()
        s.silenceVersion = flags & Self.versionKnown != 0 ? Int(version) : -1
        if let lists {
            s.silencedBy = lists.silencedBy
            s.inhibitedBy = lists.inhibitedBy
            s.mutedBy = lists.mutedBy
            s.pendingSilences = lists.pendingSilences
        }
        return s
    }

    /// The state of an alert whose slot holds `flags` (0 when never evaluated).
    static func state(_ flags: UInt8) -> AlertState {
        flags & marked == 0 ? .unprocessed : flags & suppressed != 0 ? .suppressed : .active
    }
}
