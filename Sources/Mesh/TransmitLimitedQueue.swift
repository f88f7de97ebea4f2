/// memberlist's `TransmitLimitedQueue`: broadcasts handed out piggy-backed on packets, each at
/// most `retransmitMult × ceil(log10(n + 1))` times. Served fewest-transmits first, then
/// longest first, then newest first (memberlist v0.5.0's btree order). A broadcast with a
/// `name` (memberlist's own alive/suspect/dead messages are named by node) replaces any queued
/// broadcast with the same name; unnamed ones (Alertmanager's `simpleBroadcast`) never do.
public struct TransmitLimitedQueue: Sendable {
    struct Item: Sendable {
        var id: UInt64
        var transmits: Int
        var bytes: [UInt8]
        var name: String?
    }

    public var retransmitMult: Int
    private var items: [Item] = []
    private var nextID: UInt64 = 0

    public init(retransmitMult: Int) {
        self.retransmitMult = retransmitMult
    }

    public var count: Int { items.count }
    public var isEmpty: Bool { items.isEmpty }

    /// Whether a named broadcast is still queued (used by leave to wait for its dead message).
    public func contains(name: String) -> Bool { items.contains { $0.name == name } }

    /// memberlist's `retransmitLimit`.
    public static func retransmitLimit(mult: Int, nodes: Int) -> Int {
        let scale = Int(log10(Double(max(0, nodes) + 1)).rounded(.up))
        return mult * scale
    }

    public mutating func queue(_ bytes: [UInt8], name: String? = nil) {
        if let name { items.removeAll { $0.name == name } }
        nextID &+= 1
        items.append(Item(id: nextID, transmits: 0, bytes: bytes, name: name))
    }

    /// Takes broadcasts whose sizes plus `overhead` each fit within `limit` bytes in total,
    /// counting a transmit for each and dropping those that reach the limit.
    public mutating func getBroadcasts(overhead: Int, limit: Int, numNodes: Int) -> [[UInt8]] {
        guard !items.isEmpty else { return [] }
        let transmitLimit = Self.retransmitLimit(mult: retransmitMult, nodes: numNodes)
        let order = items.indices.sorted { a, b in
            let x = items[a], y = items[b]
            if x.transmits != y.transmits { return x.transmits < y.transmits }
            if x.bytes.count != y.bytes.count { return x.bytes.count > y.bytes.count }
            return x.id > y.id
        }
        var used = 0
        var out: [[UInt8]] = []
        var spent: Set<Int> = []
        for index in order {
            let size = items[index].bytes.count + overhead
            guard used + size <= limit else { continue }
            used += size
            out.append(items[index].bytes)
            items[index].transmits += 1
            if items[index].transmits >= transmitLimit { spent.insert(index) }
        }
        if !spent.isEmpty {
            items = items.enumerated().filter { !spent.contains($0.offset) }.map(\.element)
        }
        return out
    }

    /// Keeps only the newest `maxRetained` broadcasts (Alertmanager's `handleQueueDepth` prunes
    /// the user queue to 4096 messages).
    public mutating func prune(maxRetained: Int) -> Int {
        guard items.count > maxRetained else { return 0 }
        let dropped = items.count - maxRetained
        items = Array(items.sorted { $0.id < $1.id }.suffix(maxRetained))
        return dropped
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
