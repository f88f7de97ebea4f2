import Foundation

/// Alerts keyed by fingerprint, stored densely: a small index from fingerprint
/// to position plus a contiguous array of the alerts themselves.
///
/// Why not `[Fingerprint: Alert]`: a dictionary keeps its load factor under 3/4 by doubling,
/// so every empty bucket costs a whole `Alert` (64 bytes) as well as its key; at 100k alerts
/// that is about 190 bytes per alert. Here an empty bucket costs only a key and a 4-byte
/// position, and the array's slack only whole alerts. Order is arbitrary (as a dictionary's
/// is): removal moves the last alert into the freed position. Used by the alert store's
/// shards and by aggregation groups, which together hold every alert twice.
public struct AlertTable: Sendable {
    private var index: [Fingerprint: Int32] = [:]
    /// The alerts, in no particular order.
    public private(set) var values: ContiguousArray<Alert> = []

    public init() {}

    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }

    /// The alert stored under `fp`; setting `nil` removes it.
    public subscript(fp: Fingerprint) -> Alert? {
        get { index[fp].map { values[Int($0)] } }
        set {
            if let newValue {
                if let i = index[fp] {
                    values[Int(i)] = newValue
                } else {
                    index[fp] = Int32(values.count)
                    values.append(newValue)
                }
            } else {
                removeValue(forKey: fp)
            }
        }
    }

    /// Removes the alert stored under `fp`; returns it when there was one.
    @discardableResult
    public mutating func removeValue(forKey fp: Fingerprint) -> Alert? {
        guard let i = index.removeValue(forKey: fp).map(Int.init) else { return nil }
        let last = values.count - 1
        if i != last {
            values.swapAt(i, last)
            // The moved alert is stored under its own fingerprint (`put` keys by it).
            index[values[i].fingerprint] = Int32(i)
        }
        return values.removeLast()
    }

    /// Every (fingerprint, alert) pair, in no particular order.
    public func entries() -> [(fingerprint: Fingerprint, alert: Alert)] {
        index.map { (fingerprint: $0.key, alert: values[Int($0.value)]) }
    }
}
