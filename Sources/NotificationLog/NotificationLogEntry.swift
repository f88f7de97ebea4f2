import Foundation

/// Which integration of which receiver a log entry is about (`nflogpb.Receiver`):
/// the receiver's name, the integration type (`webhook`, `email`, ...) and its index
/// among the receiver's integrations of that type.
package struct NotificationLogReceiver: Hashable, Sendable, CustomStringConvertible {
    package var groupName: String
    package var integration: String
    package var index: Int

    package init(groupName: String, integration: String, index: Int) {
        self.groupName = groupName
        self.integration = integration
        self.index = index
    }

    /// `name/integration/idx`, the receiver part of Alertmanager's state key.
    package var description: String { "\(groupName)/\(integration)/\(index)" }
}

/// One notification log entry as the pipeline reads it: what was last notified for one
/// aggregation group through one integration (`nflogpb.Entry` + `MeshEntry.expires_at`).
package struct NotificationLogEntry: Sendable, Equatable {
    package var groupKey: String
    package var receiver: NotificationLogReceiver
    /// When the notification was logged; the conflict-resolution clock between peers.
    package var timestamp: Date
    /// xxHash64 (`LabelSet.nflogHash`) of the alerts that were firing.
    package var firingAlerts: [UInt64]
    /// xxHash64 of the alerts that were resolved.
    package var resolvedAlerts: [UInt64]
    /// When garbage collection removes the entry.
    package var expiresAt: Date
    /// The integration's `receiver_data` (0.34), handed to its next notification of the group.
    package var receiverData: [String: ReceiverDataValue]

    package init(groupKey: String, receiver: NotificationLogReceiver, timestamp: Date,
                firingAlerts: [UInt64], resolvedAlerts: [UInt64], expiresAt: Date,
                receiverData: [String: ReceiverDataValue] = [:]) {
        self.groupKey = groupKey
        self.receiver = receiver
        self.timestamp = timestamp
        self.firingAlerts = firingAlerts
        self.resolvedAlerts = resolvedAlerts
        self.expiresAt = expiresAt
        self.receiverData = receiverData
    }
}

/// Why notification log bytes could not be used.
package struct NotificationLogError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// The delimited stream is cut or not protobuf (message from the Wire reader).
        case corrupt(String)
        /// A `MeshEntry` without `entry` or `entry.receiver` (Alertmanager's `ErrInvalidState`).
        case invalidState
        /// A timestamp outside 0001-01-01..9999-12-31 or with nanos outside [0, 1e9).
        case timestampOutOfRange
    }

    package let kind: Kind
    /// Entries that decoded fine before the problem (for a snapshot load: entries kept).
    package let entriesRead: Int

    package var description: String {
        let what: String
        switch kind {
        case .corrupt(let reason): what = reason
        case .invalidState: what = "invalid state"
        case .timestampOutOfRange: what = "timestamp out of range"
        }
        return "notification log: \(what) (after \(entriesRead) valid entries)"
    }
}
