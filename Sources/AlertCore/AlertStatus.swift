import Foundation

/// Alertmanager's alert states as the API shows them.
package enum AlertState: String, Sendable, Hashable {
    case unprocessed, active, suppressed
}

/// `types.AlertStatus`: why an alert is (not) notified. `mutedBy` is 0.28's addition
/// (names of time intervals muting the alert's group).
package struct AlertStatus: Sendable, Hashable {
    package var silencedBy: [String] = []
    package var inhibitedBy: [String] = []
    package var mutedBy: [String] = []
    /// Silence IDs that match but are not active yet (kept for the silencer's cache).
    package var pendingSilences: [String] = []
    /// Silence-state version the silencing result was computed at.
    package var silenceVersion: Int = -1

    package init() {}

    package var state: AlertState {
        silencedBy.isEmpty && inhibitedBy.isEmpty && mutedBy.isEmpty ? .active : .suppressed
    }
}

/// One alert's inhibition and silencing as the API re-evaluates them (`AlertMarker.reevaluate`).
package struct MuteEvaluation: Sendable, Equatable {
    package var inhibitedBy: [String]
    package var silenceVersion: Int
    package var silencedBy: [String]
    package var pendingSilences: [String]

    package init(inhibitedBy: [String], silenceVersion: Int, silencedBy: [String], pendingSilences: [String]) {
        self.inhibitedBy = inhibitedBy
        self.silenceVersion = silenceVersion
        self.silencedBy = silencedBy
        self.pendingSilences = pendingSilences
    }
}
