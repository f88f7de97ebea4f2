/// Shares the storage of equal strings decoded from one request body.
///
/// Swift strings longer than 15 UTF-8 bytes live in their own heap object. Label sets copy
/// their bytes into one buffer per set, but an alert's generator URL stays a `String`, and
/// a batch of alerts from one Prometheus rule repeats the same URL in every alert: handing
/// out the first copy for every later equal string keeps one object per distinct URL
/// instead of one per alert. Short strings are stored inline and are returned unchanged.
struct StringInterner {
    private var seen: [String: String] = [:]

    /// Strings up to this many UTF-8 bytes are small (inline) strings: nothing to share.
    static let inlineLimit = 15

    /// The first string equal to `s` this interner saw (or `s` itself, remembered now).
    mutating func intern(_ s: String) -> String {
        if s.utf8.count <= Self.inlineLimit { return s }
        if let first = seen[s] { return first }
        seen[s] = s
        return s
    }
}
