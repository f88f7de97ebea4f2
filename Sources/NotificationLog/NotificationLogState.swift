import Foundation
import SwiftProtobuf
import Wire

/// The notification log's data as a plain value: one `MeshEntry` per
/// `(group key, receiver, integration, index)`, with Alertmanager's `nflog` rules for local
/// writes, gossip merges and garbage collection. No locking, no clock: callers pass `now`.
///
/// Entries are kept as the wire messages so that fields this version does not know (a newer
/// peer's) and nanosecond timestamps survive a snapshot round trip. The entries of a loaded
/// snapshot stay as their bytes in it until one is written again (``StoredEntry``).
package struct NotificationLogState: Sendable {
    /// How long an entry lives at most (`--data.retention`).
    package var retention: TimeInterval
    var entries: [String: StoredEntry] = [:]
    /// The snapshot that `.encoded` entries point into; emptied once none is left.
    var loadedBytes: [UInt8] = []

    package init(retention: TimeInterval) {
        self.retention = retention
    }

    package var count: Int { entries.count }

    /// Alertmanager's `stateKey`: `"<groupKey>:<receiverName>/<integration>/<idx>"`. Appended
    /// piece by piece: it is built for every entry of the file at start-up, where
    /// interpolation cost a noticeable share.
    package static func key(groupKey: String, receiver: NotificationLogReceiver) -> String {
        var key = groupKey
        key.reserveCapacity(key.utf8.count + receiver.groupName.utf8.count + receiver.integration.utf8.count + 23)
        key.append(":")
        key.append(receiver.groupName)
        key.append("/")
        key.append(receiver.integration)
        key.append("/")
        key.append(String(receiver.index))
        return key
    }

    /// The key of a stored or received entry.
    static func key(of message: Nflogpb_MeshEntry) -> String {
        key(groupKey: String(decoding: message.entry.groupKey, as: UTF8.self), receiver: receiver(of: message))
    }

    /// Records a notification (`Log.Log`). Ignored when the existing entry's timestamp is after
    /// `now` (clock drift between peers). Expires at `now + retention`, or `now + expiry` when
    /// `expiry > 0` is shorter (the pipeline passes 2 × repeat_interval). `receiverData`
    /// replaces the previous entry's (0.34 writes what the notification's store holds).
    /// - Returns: the stored message, for broadcasting; nil when ignored.
    package mutating func log(receiver: NotificationLogReceiver, groupKey: String, firing: [UInt64],
                             resolved: [UInt64], receiverData: [String: ReceiverDataValue] = [:],
                             expiry: TimeInterval, now: Date) -> Nflogpb_MeshEntry? {
        let key = Self.key(groupKey: groupKey, receiver: receiver)
        let stamp = Google_Protobuf_Timestamp(exactly: now)
        if let previous = entries[key], stamp.isBefore(timestamp(of: previous)) { return nil }
        let lifetime = expiry > 0 && retention > expiry ? expiry : retention
        var message = Nflogpb_MeshEntry()
        message.entry.groupKey = Data(groupKey.utf8)
        message.entry.receiver.groupName = receiver.groupName
        message.entry.receiver.integration = receiver.integration
        message.entry.receiver.idx = UInt32(clamping: receiver.index)
        message.entry.timestamp = stamp
        message.entry.firingAlerts = firing
        message.entry.resolvedAlerts = resolved
        message.entry.receiverData = ReceiverDataValue.message(receiverData)
        message.expiresAt = Google_Protobuf_Timestamp(exactly: now.addingTimeInterval(lifetime))
        // A local write at the very same instant as the stored entry replaces it (Go's merge
        // would keep the old one; real clocks never repeat, manual test clocks do).
        entries[key] = .message(message)
        return message
    }

    /// The entry for one group and integration, if any (`Log.Query`).
    package func query(receiver: NotificationLogReceiver, groupKey: String) -> NotificationLogEntry? {
        entries[Self.key(groupKey: groupKey, receiver: receiver)].flatMap { message(of: $0) }.map(Self.publicEntry)
    }

    /// Every entry, sorted by state key (for inspection and tests).
    package var allEntries: [NotificationLogEntry] {
        entries.keys.sorted().compactMap { entries[$0].flatMap { message(of: $0) }.map(Self.publicEntry) }
    }

    /// Merges an entry from a peer (`state.merge`): dropped when `expires_at < now`; replaces
    /// the local entry only if its timestamp is strictly later. The caller must have validated
    /// it (``decode(_:)`` does). - Returns: whether it was accepted (then it is re-broadcast).
    package mutating func merge(_ message: Nflogpb_MeshEntry, now: Date) -> Bool {
        merge(key: Self.key(of: message), .message(message), from: nil, now: Google_Protobuf_Timestamp(exactly: now)) != nil
    }

    /// `state.merge`'s rules for one entry under `key`, still bytes of `bytes` or decoded;
    /// decoded only once it is accepted. - Returns: the stored message, nil when not accepted.
    mutating func merge(key: String, _ incoming: StoredEntry, from bytes: [UInt8]?,
                        now: Google_Protobuf_Timestamp) -> Nflogpb_MeshEntry? {
        let (timestamp, expiresAt) = stamps(of: incoming, in: bytes)
        if expiresAt.isBefore(now) { return nil }
        if let local = entries[key], !self.timestamp(of: local).isBefore(timestamp) { return nil }
        guard let message = message(of: incoming, in: bytes) else { return nil }
        entries[key] = .message(message)
        return message
    }

    /// Removes entries with `expires_at <= now` (`Log.GC`). - Returns: how many were removed.
    package mutating func gc(now: Date) -> Int {
        let stamp = Google_Protobuf_Timestamp(exactly: now)
        let before = entries.count
        var encodedLeft = false
        entries = entries.filter { _, stored in
            let keep = stamp.isBefore(stamps(of: stored).expiresAt)
            if keep, case .encoded = stored { encodedLeft = true }
            return keep
        }
        if !encodedLeft { loadedBytes = [] }
        return before - entries.count
    }

    static func receiver(of message: Nflogpb_MeshEntry) -> NotificationLogReceiver {
        let r = message.entry.receiver
        return NotificationLogReceiver(groupName: r.groupName, integration: r.integration, index: Int(r.idx))
    }

    static func publicEntry(_ m: Nflogpb_MeshEntry) -> NotificationLogEntry {
        NotificationLogEntry(groupKey: String(decoding: m.entry.groupKey, as: UTF8.self), receiver: receiver(of: m),
                             timestamp: m.entry.timestamp.asDate, firingAlerts: m.entry.firingAlerts,
                             resolvedAlerts: m.entry.resolvedAlerts, expiresAt: m.expiresAt.asDate,
                             receiverData: ReceiverDataValue.map(m.entry.receiverData))
    }
}
