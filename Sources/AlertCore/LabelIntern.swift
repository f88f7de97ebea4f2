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

    /// The look-up table: a `PositionTable` from the string's xxHash, mixed with its scope,
    /// to its entry number. Not a `Dictionary`: every label of every alert ingested is looked
    /// up here, and hashing a key again with `Hasher` (SipHash) plus a second dictionary for
    /// the per-name budgets was 7.5 % of ingest's CPU.
    struct State: @unchecked Sendable {
        var table = PositionTable(exactKeys: true)
        /// Per entry, the values entered under it (kept for names; 0 for values): one per
        /// entry, so its count is the entries'.
        var valuesEntered: [Int32] = []
        var count: Int { valuesEntered.count }
        var bytes = 0

        /// The entry of `s` in `scope`, entering it when there is room; -1 when it stays literal.
        mutating func id(_ s: UnsafeBufferPointer<UInt8>, scope: Int32) -> Int32 {
            guard s.count <= LabelIntern.maxLength else { return -1 }
            let key = Self.key(XXHash64.hash(UnsafeRawBufferPointer(s)), scope)
            if let e = table.position(of: key) {
                // Equal bytes under one key are the same scope too (the scope's mix is a
                // bijection). Different bytes under one key, a 64-bit collision, stay literal:
                // every time, so the encoding stays canonical.
                return Self.same(LabelIntern.entries[Int(e)], s) ? Int32(e) : -1
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
            table.insert(key, at: UInt32(id))
            valuesEntered.append(0)
            bytes += s.count
            return id
        }

        static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
            guard a.count == b.count else { return false }
            guard let x = a.baseAddress, let y = b.baseAddress else { return true }
            return memcmp(x, y, a.count) == 0
        }

        /// The string's hash with its scope folded in: a value of another name is another key.
        static func key(_ hash: UInt64, _ scope: Int32) -> UInt64 {
            hash ^ (UInt64(UInt32(bitPattern: scope)) &* 0x9E37_79B9_7F4A_7C15)
        }
    }

    /// Entries held (tests, memory accounting).
    package static var count: Int { state.withLock { $0.count } }
}
