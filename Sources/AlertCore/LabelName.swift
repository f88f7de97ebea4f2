/// Label-name rules of Prometheus 2.x / Alertmanager 0.25: `^[a-zA-Z_][a-zA-Z0-9_]*$`.
package enum LabelName {
    package static func isValid(_ name: String) -> Bool {
        var first = true
        for b in name.utf8 {
            let ok: Bool
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"): ok = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): ok = !first
            default: ok = false
            }
            if !ok { return false }
            first = false
        }
        return !first
    }
}
