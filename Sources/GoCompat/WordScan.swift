/// Tests on eight bytes at once (one little-endian `UInt64` word), for the scanners that
/// skip runs of plain bytes: JSON string escaping on the way out and JSON string reading on
/// the way in both stop only at a few byte values, and label values are long runs without
/// them. Each test says whether *any* of the eight bytes qualifies (exact, no false hits).
package enum WordScan {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `p`, whatever its alignment.
    @inlinable @inline(__always) package static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
    }

    /// Some byte is 0x80 or above (not ASCII).
    @inlinable @inline(__always) package static func hasNonASCII(_ w: UInt64) -> Bool { w & highs != 0 }

    /// Some byte is below `n` (n ≤ 0x80).
    @inlinable @inline(__always) package static func hasByte(below n: UInt8, _ w: UInt64) -> Bool {
        (w &- UInt64(n) &* ones) & ~w & highs != 0
    }

    /// Some byte equals `c`.
    @inlinable @inline(__always) package static func hasByte(_ c: UInt8, _ w: UInt64) -> Bool {
        let v = w ^ (UInt64(c) &* ones)
        return (v &- ones) & ~v & highs != 0
    }
}
