/// Shares the storage of equal strings decoded from one request body.
///
/// Swift strings longer than 15 UTF-8 bytes live in their own heap object; a batch of
/// alerts from one Prometheus rule typically repeats the same long values (generator URL,
/// job or cluster labels, runbook annotations) in every alert. Handing out the first copy
/// for every later equal string keeps one object per distinct value instead of one per
/// alert, which is most of the memory a stored alert costs beyond its own unique labels.
/// Short strings are stored inline in the `String` value and are returned unchanged.
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
