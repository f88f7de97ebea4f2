import Synchronization

/// Shares the storage of equal strings decoded from request bodies.
///
/// Swift strings longer than 15 UTF-8 bytes live in their own heap object. Label sets copy
/// their bytes into one buffer per set (their common names and values interned), but an
/// alert's generator URL stays a `String`, and every alert of one Prometheus rule repeats
/// the same URL: handing out an earlier copy for every later equal string keeps one object
/// per distinct URL instead of one per alert. Within a request every string is remembered;
/// across requests a small process-wide cache (one slot per hash bucket, the newest wins)
/// keeps the recent ones, so memory stays bounded whatever the URLs are. Short strings are
/// stored inline and are returned unchanged.
struct StringInterner {
    private var seen: [String: String] = [:]

    /// Strings up to this many UTF-8 bytes are small (inline) strings: nothing to share.
    static let inlineLimit = 15

    /// Recent strings across requests, by hash bucket.
    private static let recent = Mutex<[String?]>(Array(repeating: nil, count: 4096))

    /// An earlier string equal to `s` (or `s` itself, remembered now).
    mutating func intern(_ s: String) -> String {
        if s.utf8.count <= Self.inlineLimit { return s }
        if let first = seen[s] { return first }
        let shared = Self.recent.withLock { slots in
            let i = s.hashValue & (slots.count - 1)
            if let old = slots[i], old == s { return old }
            slots[i] = s
            return s
        }
        seen[s] = shared
        return shared
    }
}
