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

    /// The look-up table: open addressing over entry numbers, probed by the string's hash
    /// mixed with its scope, each slot compared with the entry's hash, scope and bytes. Not a
    /// `Dictionary`: every label of every alert ingested is looked up here, and hashing a
    /// key again with `Hasher` (SipHash) plus a second dictionary for the per-name budgets
    /// was 7.5 % of ingest's CPU. Entries are never removed, so probing needs no tombstones.
    struct State: @unchecked Sendable {
        /// Entry numbers, -1 for an empty slot; a power of two, at most half full.
        var slots = [Int32](repeating: -1, count: 1024)
        /// Per entry: the string's hash and scope, and for a name, the values entered under it.
        var hashes: [UInt64] = []
        var scopes: [Int32] = []
        var valuesEntered: [Int32] = []
        var count: Int { hashes.count }
        var bytes = 0

        /// The entry of `s` in `scope`, entering it when there is room; -1 when it stays literal.
        mutating func id(_ s: UnsafeBufferPointer<UInt8>, scope: Int32) -> Int32 {
            guard s.count <= LabelIntern.maxLength else { return -1 }
            let hash = XXHash64.hash(UnsafeRawBufferPointer(s))
            let mask = slots.count - 1
            var at = Self.slot(hash, scope) & mask
            while true {
                let e = slots[at]
                if e < 0 { break }
                if hashes[Int(e)] == hash, scopes[Int(e)] == scope, Self.same(LabelIntern.entries[Int(e)], s) {
                    return e
                }
                at = (at + 1) & mask
            }
            guard count < LabelIntern.maxEntries, bytes + s.count <= LabelIntern.maxBytes else { return -1 }
            if scope >= 0 {
                guard valuesEntered[Int(scope)] < LabelIntern.maxValuesPerName else { return -1 }
                valuesEntered[Int(scope)] += 1
            }
            let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, s.count))
            _ = copy.initialize(fromContentsOf: s)
            let id = Int32(count)
            LabelIntern.entries[count] = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(copy)[0..<s.count])
            hashes.append(hash)
            scopes.append(scope)
            valuesEntered.append(0)
            bytes += s.count
            slots[at] = id
            if 2 * count > slots.count { grow() }
            return id
        }

        static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
            guard a.count == b.count else { return false }
            guard let x = a.baseAddress, let y = b.baseAddress else { return true }
            return memcmp(x, y, a.count) == 0
        }

        static func slot(_ hash: UInt64, _ scope: Int32) -> Int {
            // xxHash's bits are well mixed; the scope moves a value of another name elsewhere.
            Int(truncatingIfNeeded: hash ^ (UInt64(UInt32(bitPattern: scope)) &* 0x9E37_79B9_7F4A_7C15))
        }

        private mutating func grow() {
            var bigger = [Int32](repeating: -1, count: 2 * slots.count)
            let mask = bigger.count - 1
            for e in 0..<count {
                var at = Self.slot(hashes[e], scopes[e]) & mask
                while bigger[at] >= 0 { at = (at + 1) & mask }
                bigger[at] = Int32(e)
            }
            slots = bigger
        }
    }

    /// Entries held (tests, memory accounting).
    package static var count: Int { state.withLock { $0.count } }
}
