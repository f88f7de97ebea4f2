import Synchronization

/// Shares the storage of equal generator URLs decoded from request bodies.
///
/// An alert keeps its generator URL as a byte array (`Alert.generatorURLUTF8`), and every
/// alert of one Prometheus rule repeats the same URL: handing out an earlier array for every
/// later equal URL keeps one buffer per distinct URL instead of one per alert. Within a
/// request every URL is remembered; across requests a small process-wide cache (one slot per
/// hash bucket, the newest wins) keeps the recent ones, so memory stays bounded whatever the
/// URLs are.
struct StringInterner {
    private var seen: [String: [UInt8]] = [:]

    /// Recent URLs across requests, by hash bucket.
    private static let recent = Mutex<[(String, [UInt8])?]>(Array(repeating: nil, count: 4096))

    /// The bytes of `s`, in an earlier array equal to them when there is one.
    mutating func intern(_ s: String) -> [UInt8] {
        if s.isEmpty { return [] }
        if let first = seen[s] { return first }
        let shared = Self.recent.withLock { slots in
            let i = s.hashValue & (slots.count - 1)
            if let old = slots[i], old.0 == s { return old.1 }
            let bytes = Array(s.utf8)
            slots[i] = (s, bytes)
            return bytes
        }
        seen[s] = shared
        return shared
    }
}
