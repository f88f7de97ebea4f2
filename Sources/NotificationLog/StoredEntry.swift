import SwiftProtobuf
import Wire

/// One stored notification log entry: the message, or, for an entry of the loaded snapshot
/// not written since, where its bytes are in that snapshot. A million-entry file then loads
/// as a scan (``MeshEntryScan``) and keeps about its own size in memory, instead of a million
/// decoded messages; an entry is decoded when it is read.
enum StoredEntry: Sendable {
    /// Boxed: a `MeshEntry` holds its nested messages inline, about 200 bytes, and every bucket
    /// of the table would be that large.
    indirect case message(Nflogpb_MeshEntry)
    /// The message's bytes in ``NotificationLogState/loadedBytes`` (without the length prefix).
    case encoded(Range<Int>)
}

extension NotificationLogState {
    /// The stored message, decoded if it is still bytes (of `bytes`: the loaded snapshot, or
    /// a gossip buffer being merged). Nil only if those bytes no longer decode, which the
    /// scan that accepted them rules out.
    func message(of stored: StoredEntry, in bytes: [UInt8]? = nil) -> Nflogpb_MeshEntry? {
        switch stored {
        case .message(let m): return m
        case .encoded(let range):
            let source = bytes ?? loadedBytes
            guard var m = try? Nflogpb_MeshEntry(serializedBytes: source.span.bytes.extracting(range)) else { return nil }
            m.fillGoZeroTimes()
            return m
        }
    }

    /// The entry's timestamp and expiry, the two things merges, writes and GC compare.
    func stamps(of stored: StoredEntry, in bytes: [UInt8]? = nil)
        -> (timestamp: Google_Protobuf_Timestamp, expiresAt: Google_Protobuf_Timestamp) {
        switch stored {
        case .message(let m): return (m.entry.timestamp, m.expiresAt)
        case .encoded(let range):
            // The same scan accepted these bytes before; were it ever to fail, Go's zero time
            // lets GC remove the entry.
            let scan = (bytes ?? loadedBytes).withUnsafeBufferPointer { MeshEntryScan($0, range) }
            return (scan?.timestamp.timestamp ?? MeshEntryScan.Stamp.goZero.timestamp,
                    scan?.expiresAt.timestamp ?? MeshEntryScan.Stamp.goZero.timestamp)
        }
    }

    func timestamp(of stored: StoredEntry) -> Google_Protobuf_Timestamp { stamps(of: stored).timestamp }
}
