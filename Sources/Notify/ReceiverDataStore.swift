import NotificationLog
import Synchronization

/// The notification log's `receiver_data` of one integration for the notification being sent
/// (0.34's `nflog.Store`, handed to notifiers in the request context). The dedup stage fills
/// it from the group's last entry (empty for a first notification); the notifier reads and
/// changes it; the log records what it holds once the notification succeeded. One instance
/// per notification, shared by its retries.
package final class ReceiverDataStore: Sendable {
    private let values: Mutex<[String: ReceiverDataValue]>

    package init(_ values: [String: ReceiverDataValue] = [:]) {
        self.values = Mutex(values)
    }

    package var all: [String: ReceiverDataValue] { values.withLock { $0 } }

    /// The string under `key`; nil when absent or of another type (0.34's `GetStr`).
    package func string(_ key: String) -> String? {
        guard case .string(let s)? = values.withLock({ $0[key] }) else { return nil }
        return s
    }

    package func set(_ key: String, _ value: ReceiverDataValue) { values.withLock { $0[key] = value } }

    package func delete(_ key: String) { values.withLock { $0[key] = nil } }
}
