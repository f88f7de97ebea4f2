import GoCompat

/// A URL query decoded the way Go's `url.ParseQuery` does (which go-openapi binds from):
/// pairs split on `&`, `+` is a space, `%XX` escapes decoded in names and values.
/// Hummingbird's own `queryParameters` keeps `+` and leaves names encoded, and amtool
/// encodes spaces in matchers as `+`.
package struct QueryString: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []

    package init(_ query: String?) {
        guard let query, !query.isEmpty else { return }
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = try? GoURL.queryUnescape(String(kv[0])),
                  let value = kv.count > 1 ? try? GoURL.queryUnescape(String(kv[1])) : "" else { continue }
            pairs.append((name, value))
        }
    }

    /// All values of `name`, in order (`collectionFormat: multi`).
    package func all(_ name: String) -> [String] { pairs.compactMap { $0.name == name ? $0.value : nil } }

    /// The last value of `name` (go-swagger binds the last of repeated scalar parameters).
    package func last(_ name: String) -> String? { pairs.last { $0.name == name }?.value }

    /// go-openapi's `swag.ConvertBool`: true for "true", "1", "yes", "ok", "y", "on",
    /// "selected", "checked", "t", "enabled" (any case); anything else is false. An absent or
    /// empty parameter takes the default.
    package func bool(_ name: String, default def: Bool = true) -> Bool {
        guard let v = last(name), !v.isEmpty else { return def }
        switch v.lowercased() {
        case "true", "1", "yes", "ok", "y", "on", "selected", "checked", "t", "enabled": return true
        default: return false
        }
    }
}
