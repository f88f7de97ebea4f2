/// memberlist's `TransmitLimitedQueue`: broadcasts handed out piggy-backed on packets, each at
/// most `retransmitMult × ceil(log10(n + 1))` times. Served fewest-transmits first, then
/// longest first, then newest first (memberlist v0.5.0's btree order). A broadcast with a
/// `name` (memberlist's own alive/suspect/dead messages are named by node) replaces any queued
/// broadcast with the same name; unnamed ones (Alertmanager's `simpleBroadcast`) never do.
///
/// Kept in that order as it changes (per transmit count, per size, IDs ascending), so taking a
/// packet's worth costs what is taken, not the queue's length: a burst of silence changes
/// queues thousands of broadcasts, and sorting them all for every packet made creating a
/// silence in a cluster five times slower with 10,000 created (issue #19, finding 12).
package struct TransmitLimitedQueue: Sendable {
    struct Item: Sendable {
        var transmits: Int
        var bytes: [UInt8]
        var name: String?
    }

    /// Items of one transmit count and one size, IDs ascending (newest last).
    private typealias Bucket = [UInt64]

    /// Items of one transmit count: sizes descending, each with its bucket.
    private struct Level: Sendable {
        var sizes: [Int] = []
        var buckets: [Int: Bucket] = [:]

        mutating func insert(_ id: UInt64, size: Int) {
            if buckets[size] == nil {
                let at = sizes.firstIndex { $0 < size } ?? sizes.count
                sizes.insert(size, at: at)
            }
            var b = buckets.removeValue(forKey: size) ?? []
            if let last = b.last, last > id {
                b.insert(id, at: Self.lowerBound(b, id))
            } else {
                b.append(id)
            }
            buckets[size] = b
        }

        mutating func remove(_ id: UInt64, size: Int) {
            guard var b = buckets.removeValue(forKey: size) else { return }
            let i = Self.lowerBound(b, id)
            if i < b.count, b[i] == id { b.remove(at: i) }
            if b.isEmpty {
                sizes.removeAll { $0 == size }
            } else {
                buckets[size] = b
            }
        }

        static func lowerBound(_ b: Bucket, _ id: UInt64) -> Int {
            var (lo, hi) = (0, b.count)
            while lo < hi {
                let mid = (lo + hi) / 2
                if b[mid] < id { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }

    package var retransmitMult: Int
    private var items: [UInt64: Item] = [:]
    private var levels: [Int: Level] = [:]
    private var byName: [String: UInt64] = [:]
    private var nextID: UInt64 = 0
    /// Items looked at by the last `getBroadcasts` (taken or skipped as too big): what a
    /// test counts to show the cost does not grow with the queue.
    package private(set) var lastExamined = 0

    package init(retransmitMult: Int) {
        self.retransmitMult = retransmitMult
    }

    package var count: Int { items.count }
    package var isEmpty: Bool { items.isEmpty }

    /// Whether a named broadcast is still queued (used by leave to wait for its dead message).
    package func contains(name: String) -> Bool { byName[name] != nil }

    /// memberlist's `retransmitLimit`.
    package static func retransmitLimit(mult: Int, nodes: Int) -> Int {
        let scale = Int(log10(Double(max(0, nodes) + 1)).rounded(.up))
        return mult * scale
    }

    package mutating func queue(_ bytes: [UInt8], name: String? = nil) {
        if let name, let old = byName[name] { remove(old) }
        nextID &+= 1
        items[nextID] = Item(transmits: 0, bytes: bytes, name: name)
        levels[0, default: Level()].insert(nextID, size: bytes.count)
        if let name { byName[name] = nextID }
    }

    /// Takes broadcasts whose sizes plus `overhead` each fit within `limit` bytes in total,
    /// counting a transmit for each and dropping those that reach the limit.
    package mutating func getBroadcasts(overhead: Int, limit: Int, numNodes: Int) -> [[UInt8]] {
        lastExamined = 0
        guard !items.isEmpty else { return [] }
        let transmitLimit = Self.retransmitLimit(mult: retransmitMult, nodes: numNodes)
        var used = 0
        var out: [[UInt8]] = []
        var taken: [(id: UInt64, transmits: Int)] = []
        for t in levels.keys.sorted() {
            guard let level = levels[t] else { continue }
            for size in level.sizes {
                lastExamined += 1
                guard used + size + overhead <= limit, let bucket = level.buckets[size] else { continue }
                // Same size: newest first, as many as fit.
                for id in bucket.reversed() {
                    guard used + size + overhead <= limit else { break }
                    lastExamined += 1
                    used += size + overhead
                    if let item = items[id] { out.append(item.bytes) }
                    taken.append((id, t))
                }
            }
        }
        for (id, t) in taken {
            guard var item = items[id] else { continue }
            levels[t]?.remove(id, size: item.bytes.count)
            if levels[t]?.sizes.isEmpty == true { levels[t] = nil }
            item.transmits = t + 1
            if item.transmits >= transmitLimit {
                items[id] = nil
                if let name = item.name, byName[name] == id { byName[name] = nil }
            } else {
                items[id] = item
                levels[item.transmits, default: Level()].insert(id, size: item.bytes.count)
            }
        }
        return out
    }

    /// Keeps only the newest `maxRetained` broadcasts (Alertmanager's `handleQueueDepth` prunes
    /// the user queue to 4096 messages).
    package mutating func prune(maxRetained: Int) -> Int {
        guard items.count > maxRetained else { return 0 }
        let dropped = items.count - maxRetained
        for id in items.keys.sorted().prefix(dropped) { remove(id) }
        return dropped
    }

    private mutating func remove(_ id: UInt64) {
        guard let item = items.removeValue(forKey: id) else { return }
        levels[item.transmits]?.remove(id, size: item.bytes.count)
        if levels[item.transmits]?.sizes.isEmpty == true { levels[item.transmits] = nil }
        if let name = item.name, byName[name] == id { byName[name] = nil }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
