import Foundation
import SwiftProtobuf
import Wire

/// The on-disk and full-state gossip format: delimited `nflogpb.MeshEntry` messages, as in
/// Alertmanager's `<storage.path>/nflog` file (cluster-protocol.md §B.1, §B.3).
extension NotificationLogState {
    /// All entries as one delimited stream, ordered by state key so equal states give equal
    /// bytes (Go writes in map order; readers do not care).
    package func snapshot() -> [UInt8] {
        let ordered = entries.keys.sorted().compactMap { entries[$0] }
        // Serializing these proto3 messages cannot fail; an empty result would only lose a snapshot.
        return (try? Delimited.write(ordered)) ?? []
    }

    /// Decodes and validates a delimited stream of entries the way Alertmanager's `decodeState`
    /// does: every message needs `entry` and `entry.receiver`, and Go-valid timestamps.
    /// - Throws: the first problem; `entriesRead` counts the valid entries before it.
    package static func decode(_ bytes: [UInt8]) throws(NotificationLogError) -> [Nflogpb_MeshEntry] {
        let (messages, error) = decodePrefix(bytes)
        if let error { throw error }
        return messages
    }

    /// Decodes the longest valid prefix of `bytes`, and the error that stopped it, if any.
    static func decodePrefix(_ bytes: [UInt8]) -> ([Nflogpb_MeshEntry], NotificationLogError?) {
        var (messages, framing) = Delimited.readPrefix(bytes, as: Nflogpb_MeshEntry.self)
        let failure = framing.map { NotificationLogError(kind: .corrupt($0.description), entriesRead: messages.count) }
        // One pass (a million-entry file is read at every start): fill in Go's zero times,
        // then check what Alertmanager's `decodeState` checks.
        for i in messages.indices {
            var kind: NotificationLogError.Kind?
            messages[i].fillGoZeroTimes()
            let m = messages[i]
            let entry = m.entry
            if !m.hasEntry || !entry.hasReceiver {
                kind = .invalidState
            } else if !entry.timestamp.isInGoRange || !m.expiresAt.isInGoRange {
                kind = .timestampOutOfRange
            }
            if let kind {
                messages.removeSubrange(i...)
                return (messages, NotificationLogError(kind: kind, entriesRead: i))
            }
        }
        return (messages, failure)
    }

    /// Replaces the state with a snapshot's entries (`loadSnapshot`). On damaged input the
    /// valid entries before the damage are kept and the problem is thrown.
    /// - Returns: the number of entries loaded.
    @discardableResult
    package mutating func load(_ bytes: [UInt8]) throws(NotificationLogError) -> Int {
        let (messages, error) = Self.decodePrefix(bytes)
        var loaded: [String: Nflogpb_MeshEntry] = [:]
        loaded.reserveCapacity(messages.count)  // a million entries grow the table ~20 times otherwise
        for m in messages {
            loaded[Self.key(of: m)] = m
        }
        entries = loaded
        if let error { throw error }
        return loaded.count
    }
}

extension Nflogpb_MeshEntry {
    /// An absent gogo stdtime field decodes to Go's zero time, not the Unix epoch.
    mutating func fillGoZeroTimes() {
        if hasEntry, !entry.hasTimestamp {
            entry.timestamp = Google_Protobuf_Timestamp(seconds: Google_Protobuf_Timestamp.minSeconds)
        }
        if !hasExpiresAt {
            expiresAt = Google_Protobuf_Timestamp(seconds: Google_Protobuf_Timestamp.minSeconds)
        }
    }
}
