import Foundation
import SwiftProtobuf
import Wire

/// The on-disk and full-state gossip format: delimited `nflogpb.MeshEntry` messages, as in
/// Alertmanager's `<storage.path>/nflog` file (cluster-protocol.md §B.1, §B.3).
extension NotificationLogState {
    /// All entries as one delimited stream. `ordered`: by state key, so equal states give
    /// equal bytes (the file); a push/pull's copy is not sorted, as Go writes in map order and
    /// readers do not care (sorting a million keys was half of the copy's cost). Entries
    /// still as the loaded snapshot's bytes are copied as they are.
    package func snapshot(ordered: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        func append(_ stored: StoredEntry) {
            switch stored {
            case .message(let m):
                // Serializing these proto3 messages cannot fail; a failure would only lose the entry.
                try? Delimited.append(m, to: &out)
            case .encoded(let range): Delimited.appendFrame(loadedBytes[range], to: &out)
            }
        }
        if ordered {
            for key in entries.keys.sorted() { entries[key].map(append) }
        } else {
            for stored in entries.values { append(stored) }
        }
        return out
    }

    /// Decodes and validates a delimited stream of entries the way Alertmanager's `decodeState`
    /// does: every message needs `entry` and `entry.receiver`, and Go-valid timestamps.
    /// - Throws: the first problem; `entriesRead` counts the valid entries before it.
    package static func decode(_ bytes: [UInt8]) throws(NotificationLogError) -> [Nflogpb_MeshEntry] {
        var (messages, framing) = Delimited.readPrefix(bytes, as: Nflogpb_MeshEntry.self)
        for i in messages.indices {
            if let kind = validate(&messages[i]) { throw NotificationLogError(kind: kind, entriesRead: i) }
        }
        if let framing { throw NotificationLogError(kind: .corrupt(framing.description), entriesRead: messages.count) }
        return messages
    }

    /// Fills in Go's zero times, then checks what Alertmanager's `decodeState` checks.
    /// - Returns: what is wrong with the entry, nil when it is valid.
    static func validate(_ m: inout Nflogpb_MeshEntry) -> NotificationLogError.Kind? {
        m.fillGoZeroTimes()
        if !m.hasEntry || !m.entry.hasReceiver { return .invalidState }
        if !m.entry.timestamp.isInGoRange || !m.expiresAt.isInGoRange { return .timestampOutOfRange }
        return nil
    }

    /// Replaces the state with a snapshot's entries (`loadSnapshot`). On damaged input the
    /// valid entries before the damage are kept and the problem is thrown.
    ///
    /// Read at every start, a million entries at scale: each message in the plain shape is
    /// only scanned for its key and kept as its bytes; any other goes through the decoder.
    /// The scans and the keys are made on every core.
    /// - Returns: the number of entries loaded.
    @discardableResult
    package mutating func load(_ bytes: [UInt8]) throws(NotificationLogError) -> Int {
        let (runs, failure) = Self.read(bytes)
        var loaded: [String: StoredEntry] = [:]
        // A million entries grow the table ~20 times otherwise.
        loaded.reserveCapacity(runs.reduce(0) { $0 + $1.entries.count })
        for run in runs {
            for (key, stored) in run.entries { loaded[key] = stored }
        }
        entries = loaded
        loadedBytes = bytes
        if let failure { throw failure }
        return loaded.count
    }

    /// A gossip buffer's entries (a peer's broadcast, or its whole log in a push/pull),
    /// checked whole first: any invalid message rejects the buffer (`Log.Merge`). Messages in
    /// the plain shape are only scanned here; ``merge(_:now:)`` decodes the ones it takes.
    package struct Incoming: Sendable {
        let bytes: [UInt8]
        fileprivate let runs: [LoadedRun]
    }

    /// Reads a gossip buffer for ``merge(_:now:)``.
    /// - Throws: the first problem, as ``decode(_:)`` does.
    package static func incoming(_ bytes: [UInt8]) throws(NotificationLogError) -> Incoming {
        let (runs, failure) = read(bytes)
        if let failure { throw failure }
        return Incoming(bytes: bytes, runs: runs)
    }

    /// Merges a gossip buffer's entries one by one (``merge(_:now:)``'s rules), decoding only
    /// those that replace the local entry: a push/pull repeats the whole log every minute and
    /// nearly all of it is already here.
    /// - Returns: the accepted messages (for the journal).
    package mutating func merge(_ incoming: Incoming, now: Date) -> [Nflogpb_MeshEntry] {
        let stamp = Google_Protobuf_Timestamp(exactly: now)
        return incoming.runs.flatMap { run in
            run.entries.compactMap { key, stored in merge(key: key, stored, from: incoming.bytes, now: stamp) }
        }
    }

    /// The keyed entries of a delimited stream, in runs read on every core, up to the first
    /// invalid message or framing problem, and that problem (the load keeps what came before
    /// it; a gossip buffer is refused).
    private static func read(_ bytes: [UInt8]) -> (runs: [LoadedRun], failure: NotificationLogError?) {
        let (frames, framing) = Delimited.frames(of: bytes)
        var runs: [LoadedRun] = []
        for run in Delimited.inRuns(frames.count, { readRun(frames[$0], of: bytes) }) {
            runs.append(run)
            if let error = run.error { return (runs, error) }
        }
        return (runs, framing.map { NotificationLogError(kind: .corrupt($0.description), entriesRead: frames.count) })
    }

    /// The keyed entries of one run of frames, up to the first invalid message.
    private static func readRun(_ frames: ArraySlice<Delimited.Frame>, of bytes: [UInt8]) -> LoadedRun {
        var run = LoadedRun()
        run.entries.reserveCapacity(frames.count)
        bytes.withUnsafeBufferPointer { buffer in
            for (index, frame) in zip(frames.indices, frames) {
                if let scan = MeshEntryScan(buffer, frame.body) {
                    run.entries.append((scan.key(buffer), .encoded(frame.body)))
                    continue
                }
                do throws(DelimitedError) {
                    var m = try Delimited.message(frame, index: index, of: bytes, as: Nflogpb_MeshEntry.self)
                    if let kind = validate(&m) {
                        run.error = NotificationLogError(kind: kind, entriesRead: index)
                        return
                    }
                    run.entries.append((key(of: m), .message(m)))
                } catch {
                    run.error = NotificationLogError(kind: .corrupt(error.description), entriesRead: index)
                    return
                }
            }
        }
        return run
    }

    fileprivate struct LoadedRun: Sendable {
        var entries: [(String, StoredEntry)] = []
        var error: NotificationLogError?
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
