/// A URL query decoded the way Go's `url.ParseQuery` does (which go-openapi binds from):
/// pairs split on `&`, `+` is a space, `%XX` escapes decoded in names and values.
/// Hummingbird's own `queryParameters` keeps `+` and leaves names encoded, and amtool
/// encodes spaces in matchers as `+`.
struct QueryString {
    private(set) var pairs: [(name: String, value: String)] = []

    init(_ query: String?) {
        guard let query, !query.isEmpty else { return }
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.unescape(kv[0]) else { continue }
            let value = kv.count > 1 ? Self.unescape(kv[1]) : ""
            guard let value else { continue }
            pairs.append((name, value))
        }
    }

    /// All values of `name`, in order (`collectionFormat: multi`).
    func all(_ name: String) -> [String] { pairs.compactMap { $0.name == name ? $0.value : nil } }

    /// The last value of `name` (go-swagger binds the last of repeated scalar parameters).
    func last(_ name: String) -> String? { pairs.last { $0.name == name }?.value }

    /// `url.QueryUnescape`; nil for a malformed escape (Go drops such a pair).
    static func unescape(_ s: Substring) -> String? {
        if !s.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) { return String(s) }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var it = Array(s.utf8)[...]
        while let c = it.popFirst() {
            switch c {
            case UInt8(ascii: "+"): out.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let h = it.popFirst(), let l = it.popFirst(), let hv = hexValue(h), let lv = hexValue(l) else { return nil }
                out.append(hv << 4 | lv)
            default: out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }
}

/// go-openapi's `swag.ConvertBool`: true for "true", "1", "yes", "ok", "y", "on",
/// "selected", "checked", "t", "enabled" (any case); anything else is false. An absent or
/// empty parameter takes the default.
func queryBool(_ q: QueryString, _ name: String, default def: Bool = true) -> Bool {
    guard let v = q.last(name), !v.isEmpty else { return def }
    switch v.lowercased() {
    case "true", "1", "yes", "ok", "y", "on", "selected", "checked", "t", "enabled": return true
    default: return false
    }
}
