import Foundation
import Synchronization

/// Where `update_message` (0.34) finds the Slack message a group's last notification posted:
/// the `ts` and channel id Slack answered, per group and integration. 0.34 keeps them in the
/// notification log's receiver data; Tocsin keeps them in memory for the life of the process
/// (across reloads, not across restarts or between cluster peers), so after a restart the
/// first notification of a group posts a new message again.
package final class SlackMessageLog: Sendable {
    package struct Message: Sendable, Equatable {
        package var ts: String
        package var channel: String
    }

    private let messages = Mutex<[String: Message]>([:])

    package init() {}

    func message(for key: String) -> Message? { messages.withLock { $0[key] } }

    func record(_ message: Message, for key: String) { messages.withLock { $0[key] = message } }
}
