import Foundation
import Synchronization

/// The process-wide table of label names and common label values that label sets refer to
/// instead of carrying the bytes: a million alerts with the same eight label names and a
/// few dozen `alertname`, `job` or `severity` values keep one copy of each, and each set
/// holds a one- or two-byte reference in its place.
///
/// Canonical by construction, so label sets stay comparable byte for byte: a string is
/// entered the first time any set carries it, if there is room, and is never removed; one
/// refused (table or budget full, too long) stays literal in every set from then on. Values
/// are entered per name (the scope is the name's entry), each name with its own budget, so
/// an `instance` or `pod` with a million distinct values fills its budget once and is then
/// written literally, without crowding out the common values of other names.
///
/// Entries are never freed or moved: a reader resolves a reference without a lock (the set
/// carrying it was built after the entry was written, and reached the reader through the
/// locks or tasks that hand values between threads).
package enum LabelIntern {
    /// Entries in all (names and values); 2^16 keeps every reference within three bytes.
    static let maxEntries = 1 << 16
    /// Longer strings stay literal (a reference saves little and the table stays small).
    static let maxLength = 64
    /// Values entered per label name.
    static let maxValuesPerName = 1024
    /// Bytes of all entries together.
    static let maxBytes = 4 << 20

    /// Entry `k`'s bytes, written once under `state`'s lock, read without it.
    @usableFromInline nonisolated(unsafe) static let entries =
        UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>.allocate(capacity: maxEntries)

    static let state = Mutex<State>(State())

    /// The bytes of entry `id`.
    @inlinable
    static func bytes(_ id: Int) -> UnsafeBufferPointer<UInt8> { entries[id] }

    /// Looks strings up (and enters them) for one label set's encoding, under one lock.
    static func withTable<R>(_ body: (inout State) -> R) -> R { state.withLock { body(&$0) } }

    /// A string in a scope (-1: a label name; otherwise the entry of the name whose value it is).
    struct Key: Hashable, @unchecked Sendable {
        let scope: Int32
        let hash: UInt64
        /// Entry bytes for stored keys; the caller's bytes, valid during the look-up, for probes.
        let bytes: UnsafeBufferPointer<UInt8>

        static func == (a: Key, b: Key) -> Bool {
            guard a.scope == b.scope, a.hash == b.hash, a.bytes.count == b.bytes.count else { return false }
            guard let x = a.bytes.baseAddress, let y = b.bytes.baseAddress else { return true }
            return memcmp(x, y, a.bytes.count) == 0
        }

        func hash(into h: inout Hasher) {
            h.combine(scope)
            h.combine(hash)
        }
    }

    struct State: @unchecked Sendable {
        var ids: [Key: Int32] = [:]
        var count = 0
        var bytes = 0
        /// Values entered per name entry.
        var values: [Int32: Int] = [:]

        /// The entry of `s` in `scope`, entering it when there is room; -1 when it stays literal.
        mutating func id(_ s: UnsafeBufferPointer<UInt8>, scope: Int32) -> Int32 {
            guard s.count <= LabelIntern.maxLength else { return -1 }
            let probe = Key(scope: scope, hash: XXHash64.hash(UnsafeRawBufferPointer(s)), bytes: s)
            if let id = ids[probe] { return id }
            guard count < LabelIntern.maxEntries, bytes + s.count <= LabelIntern.maxBytes else { return -1 }
            if scope >= 0 {
                guard values[scope, default: 0] < LabelIntern.maxValuesPerName else { return -1 }
                values[scope, default: 0] += 1
            }
            let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, s.count))
            _ = copy.initialize(fromContentsOf: s)
            let stored = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(copy)[0..<s.count])
            let id = Int32(count)
            LabelIntern.entries[count] = stored
            ids[Key(scope: scope, hash: probe.hash, bytes: stored)] = id
            count += 1
            bytes += s.count
            return id
        }
    }

    /// Entries held (tests, memory accounting).
    package static var count: Int { state.withLock { $0.count } }
}
