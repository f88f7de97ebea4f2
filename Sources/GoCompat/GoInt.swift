/// Decimal integers written into bytes, as Go's `time` package writes layout numbers
/// (`appendInt`): a minus sign first, then the magnitude zero-padded to `minWidth`
/// (`-1` with width 4 is `-0001`). Total for every `Int`, `Int.min` included.
package enum GoInt {
    package static func append(_ x: Int, minWidth: Int, to out: inout [UInt8]) {
        if x < 0 { out.append(UInt8(ascii: "-")) }
        var u = UInt64(x.magnitude)
        // Digits right to left into a stack buffer: dividing by the constant 10 compiles to a
        // multiply, where dividing by a running power of ten cost two hardware divisions per
        // digit (5 % of a full listing's CPU: three dates per alert).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buf in
            var i = 20
            repeat {
                i -= 1
                buf[i] = UInt8(truncatingIfNeeded: 48 + u % 10)
                u /= 10
            } while u > 0
            if 20 - i < minWidth {
                for _ in (20 - i)..<minWidth { out.append(UInt8(ascii: "0")) }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<20]))
        }
    }

    /// `x` as text with Go's `appendInt` padding.
    package static func string(_ x: Int, minWidth: Int) -> String {
        var out: [UInt8] = []
        append(x, minWidth: minWidth, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
