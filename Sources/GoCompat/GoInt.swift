/// Decimal integers written into bytes, as Go's `time` package writes layout numbers
/// (`appendInt`): a minus sign first, then the magnitude zero-padded to `minWidth`
/// (`-1` with width 4 is `-0001`). Total for every `Int`, `Int.min` included.
package enum GoInt {
    package static func append(_ x: Int, minWidth: Int, to out: inout [UInt8]) {
        if x < 0 { out.append(UInt8(ascii: "-")) }
        let u = x.magnitude
        var digits = 1
        var scale: UInt = 1
        var rest = u
        while rest >= 10 {
            rest /= 10
            digits += 1
            scale *= 10  // at most 10^19, which fits a UInt64
        }
        if digits < minWidth {
            for _ in digits..<minWidth { out.append(UInt8(ascii: "0")) }
        }
        var v = u
        while scale > 0 {
            out.append(UInt8(48 + v / scale))
            v %= scale
            scale /= 10
        }
    }

    /// `x` as text with Go's `appendInt` padding.
    package static func string(_ x: Int, minWidth: Int) -> String {
        var out: [UInt8] = []
        append(x, minWidth: minWidth, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
