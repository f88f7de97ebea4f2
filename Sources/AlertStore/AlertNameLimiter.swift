import AlertCore
import Foundation
import HeapModule

/// `--alerts.per-alertname-limit` (Alertmanager 0.28+, `store.Alerts.WithPerAlertLimit` and
/// `limit.Bucket`): each alert name may have at most `capacity` fingerprints in the store.
/// An alert already counted is always updated. A new fingerprint takes a free place, or the
/// place of the counted alert that ends first when that one has already ended (`endsAt`
/// before now); otherwise it is refused.
///
/// Pure state: the store keeps one inside its writer lock and feeds it `now`.
struct AlertNameLimiter: Sendable {
    let capacity: Int
    private var buckets: [String: Bucket] = [:]

    init(capacity: Int) { self.capacity = capacity }

    /// One alert name's counted fingerprints. `ends` has one entry per fingerprint per
    /// `endsAt` it was given; an entry whose time is no longer its fingerprint's is stale
    /// and skipped when it surfaces (the dispatcher's heap works the same way).
    struct Bucket: Sendable {
        var endsAt: [Fingerprint: Date] = [:]
        var ends = Heap<Entry>()

        struct Entry: Comparable, Sendable {
            let endsAt: Date
            let fingerprint: Fingerprint
            static func < (a: Entry, b: Entry) -> Bool {
                a.endsAt != b.endsAt ? a.endsAt < b.endsAt : a.fingerprint.rawValue < b.fingerprint.rawValue
            }
        }

        mutating func set(_ fp: Fingerprint, _ end: Date) {
            endsAt[fp] = end
            ends.insert(Entry(endsAt: end, fingerprint: fp))
            if ends.count > 2 * endsAt.count + 64 {
                ends = Heap(ends.unordered.filter { endsAt[$0.fingerprint] == $0.endsAt })
            }
        }

        /// The counted fingerprint that ends first, dropping stale entries on the way.
        mutating func earliest() -> Entry? {
            while let top = ends.min {
                if endsAt[top.fingerprint] == top.endsAt { return top }
                _ = ends.popMin()
            }
            return nil
        }
    }

    /// Counts `alert` (as it will be stored) under its name; false when the name is full.
    mutating func admit(_ alert: Alert, fingerprint fp: Fingerprint, now: Date) -> Bool {
        guard capacity > 0 else { return true }
        let name = alert.labels.value("alertname")
        var bucket = buckets.removeValue(forKey: name) ?? Bucket()
        defer { buckets[name] = bucket }
        if bucket.endsAt[fp] != nil || bucket.endsAt.count < capacity {
            bucket.set(fp, alert.endsAt)
            return true
        }
        guard let oldest = bucket.earliest(), oldest.endsAt < now else { return false }
        _ = bucket.ends.popMin()
        bucket.endsAt[oldest.fingerprint] = nil
        bucket.set(fp, alert.endsAt)
        return true
    }

    /// Forgets the names whose every counted alert has ended (Alertmanager drops such stale
    /// buckets at each alert GC).
    mutating func collectGarbage(now: Date) {
        buckets = buckets.filter { _, b in b.endsAt.values.contains { $0 >= now } }
    }

    /// Names currently counted (tests).
    var names: Int { buckets.count }
}
