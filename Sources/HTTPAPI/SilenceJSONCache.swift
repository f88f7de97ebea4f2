import APIModel
import Foundation
import Hummingbird
import Silences
import Synchronization

/// The encoded `gettableSilence` JSON of each silence listed by `GET /silences`, kept
/// between requests so an unchanged silence is copied instead of re-encoded.
///
/// Only the `status` depends on the time of the request; the cached bytes are the rest of
/// the object with the position where the status goes. An entry is reused only when the
/// silence it was encoded from is equal (`==`) to the one listed now, so an update, an
/// expiry or a merge from a peer re-encodes it (equality is cheap when the value shares its
/// storage with the cached one, which is the case for a silence that did not change).
/// An unfiltered GET replaces the whole cache with the silences it listed, which drops the
/// garbage-collected ones.
///
/// On top of that it keeps the last whole unfiltered listing, valid while the silences'
/// version is unchanged and no silence has reached its `startsAt` or `endsAt` since (the
/// only things that change a state, and so the order): a repeated GET then answers with
/// the same (copy-on-write) buffer without copying anything.
final class SilenceJSONCache: Sendable {
    final class Entry: Sendable {
        let silence: Silence
        /// `{...}` without the `"status"` member, which goes at `statusAt`.
        let json: [UInt8]
        let statusAt: Int

        init(_ s: Silence) {
            silence = s
            var w = JSONWriter(capacity: 256)
            SilencesAPI.writeHead(s, to: &w)
            statusAt = w.bytes.count
            SilencesAPI.writeTail(s, to: &w)
            json = w.bytes
        }

        /// Appends the object with `state` as its status.
        func write(state: SilenceState, to buf: inout ByteBuffer) {
            json.withUnsafeBytes { raw in
                buf.writeBytes(UnsafeRawBufferPointer(rebasing: raw[..<statusAt]))
                switch state {
                case .active: buf.writeStaticString(#","status":{"state":"active"}"#)
                case .pending: buf.writeStaticString(#","status":{"state":"pending"}"#)
                case .expired: buf.writeStaticString(#","status":{"state":"expired"}"#)
                }
                buf.writeBytes(UnsafeRawBufferPointer(rebasing: raw[statusAt...]))
            }
        }
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// An encoded unfiltered listing: built at silences `version`, right until `validUntil`.
    struct Listing: Sendable {
        let version: Int
        let validUntil: Date
        let body: ByteBuffer
    }

    private let listing = Mutex<Listing?>(nil)

    /// The last unfiltered listing when it is still the one `version` and `now` would produce.
    func listing(version: Int, now: Date) -> ByteBuffer? {
        listing.withLock { l in
            guard let l, l.version == version, now < l.validUntil else { return nil }
            return l.body
        }
    }

    /// Keeps an unfiltered listing of `all` (read at `version`) built at `now`.
    func keepListing(_ body: ByteBuffer, of all: [Silence], version: Int, now: Date) {
        listing.withLock { $0 = Listing(version: version, validUntil: Self.nextTransition(all, after: now), body: body) }
    }

    /// The first instant after `now` at which one of `all` changes state (`distantFuture`
    /// when none will).
    static func nextTransition(_ all: [Silence], after now: Date) -> Date {
        var next = Date.distantFuture
        for s in all {
            if now < s.startsAt { next = min(next, s.startsAt) } else if now < s.endsAt { next = min(next, s.endsAt) }
        }
        return next
    }

    /// The cached entries (a copy-on-write snapshot; no lock is held afterwards).
    func snapshot() -> [String: Entry] { entries.withLock { $0 } }

    /// Records the entries a GET used. `complete` (an unfiltered GET) replaces the cache;
    /// otherwise only `fresh` entries are added.
    func record(used: [Entry], fresh: [Entry], complete: Bool) {
        if complete {
            var d: [String: Entry] = [:]
            d.reserveCapacity(used.count)
            for e in used { d[e.silence.id] = e }
            entries.withLock { $0 = d }
        } else if !fresh.isEmpty {
            entries.withLock { d in for e in fresh { d[e.silence.id] = e } }
        }
    }
}
