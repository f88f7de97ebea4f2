import Foundation

/// Alerts keyed by fingerprint, stored densely: a small index from fingerprint
/// to position plus a contiguous array of the alerts themselves.
///
/// Why not `[Fingerprint: Alert]`: a dictionary keeps its load factor under 3/4 by doubling,
/// so every empty bucket costs a whole `Alert` (56 bytes with its marks) as well as its key; at 100k alerts
/// that is about 190 bytes per alert. Here an empty bucket costs only a key and a 4-byte
/// position, and the array's slack only whole alerts. Order is arbitrary (as a dictionary's
/// is): removal moves the last alert into the freed position. Used by the alert store's
/// shards and by aggregation groups, which together hold every alert twice.
///
/// The store's tables also keep a `LabelPairIndex` over the positions (`indexed: true`), so
/// equality filters read only the alerts carrying the pairs; aggregation groups do not pay
/// for one. Each alert's slot also holds its marker status, at no cost in bytes
/// (`AlertTable+Marks.swift`).
package struct AlertTable: Sendable {
    /// Fingerprint to position in `slots`: 12-byte slots at a load of 7/12-7/8, where a
    /// `[Fingerprint: Int32]` took 25 B an alert (31k per store shard at a million alerts sit in
    /// 65,536 buckets). Exact keys, so a lookup needs no fingerprint of a stored alert.
    private var index = PositionTable(exactKeys: true)
    /// The alerts with their marks, in no particular order.
    package internal(set) var slots: ContiguousArray<Slot> = []
    /// The alerts, in no particular order.
    package var values: Alerts { Alerts(slots: slots) }
    /// The four lists of the marks that have any (`PackedStatus.hasLists`), by fingerprint.
    var markLists: [Fingerprint: PackedStatus.Lists] = [:]
    /// Label pairs to positions in `values`; nil when not indexed.
    package private(set) var pairs: LabelPairIndex?
    /// How many alerts were ever removed. Positions change only then (the last alert moves
    /// into the freed one), so a reader walking `values` a slice at a time, unlocking in
    /// between, knows its positions still hold while this has not moved.
    package private(set) var removals = 0

    package init(indexed: Bool = false) {
        pairs = indexed ? LabelPairIndex() : nil
    }

    package var count: Int { values.count }
    package var isEmpty: Bool { values.isEmpty }

    /// The alert stored under `fp`; setting `nil` removes it.
    package subscript(fp: Fingerprint) -> Alert? {
        get { index.position(of: fp.rawValue).map { values[Int($0)] } }
        set {
            if let newValue {
                if let i = index.position(of: fp.rawValue) {
                    // Same fingerprint, same labels, unless two label sets collide.
                    if pairs != nil, values[Int(i)].labels != newValue.labels {
                        pairs!.remove(values[Int(i)].labels, at: UInt32(i))
                        pairs!.insert(newValue.labels, at: UInt32(i))
                    }
                    slots[Int(i)].alert = newValue
                } else {
                    pairs?.insert(newValue.labels, at: UInt32(slots.count))
                    index.insert(fp.rawValue, at: UInt32(slots.count))
                    if slots.count == slots.capacity {
                        // Grow by a quarter, not double: an array that just doubled is half
                        // empty, and at 56-64 bytes an alert the slack of the store's and the
                        // groups' tables cost 40-100 bytes per alert (heaptrack). Moving the
                        // alerts more often costs no retains: the buffer is unique.
                        slots.reserveCapacity(slots.count + max(16, slots.count >> 2))
                    }
                    slots.append(Slot(alert: newValue))
                }
            } else {
                removeValue(forKey: fp)
            }
        }
    }

    /// Removes the alert stored under `fp`; returns it when there was one.
    @discardableResult
    package mutating func removeValue(forKey fp: Fingerprint) -> Alert? {
        guard let p = index.position(of: fp.rawValue) else { return nil }
        index.remove(fp.rawValue, at: p)
        let i = Int(p)
        removals += 1
        if slots[i].markFlags & PackedStatus.hasLists != 0 { markLists[fp] = nil }
        let last = values.count - 1
        pairs?.remove(slots[i].alert.labels, at: UInt32(i))
        if i != last {
            if pairs != nil {
                pairs!.remove(values[last].labels, at: UInt32(last))
                pairs!.insert(values[last].labels, at: UInt32(i))
            }
            slots.swapAt(i, last)
            // The moved alert is stored under its own fingerprint (`put` keys by it).
            index.move(values[i].fingerprint.rawValue, from: UInt32(last), to: UInt32(i))
        }
        return slots.removeLast().alert
    }

    /// The position in `slots` of the alert stored under `fp`.
    func position(of fp: Fingerprint) -> Int? { index.position(of: fp.rawValue).map(Int.init) }

    /// The next slice of a walk over the alerts by position, for a reader that unlocks the
    /// table between slices: up to `limit` alerts from position `from`. Nil when an alert was
    /// removed since the walk began (`removals` was `since`), so positions have moved and
    /// the walk would miss or repeat alerts; an alert added meanwhile is at the end, read
    /// if the walk gets there.
    package func slice(from: Int, limit: Int, since: Int) -> [Alert]? {
        guard removals == since else { return nil }
        return Array(values[min(from, values.count)..<min(values.count, from + limit)])
    }

    /// Every (fingerprint, alert) pair, in no particular order.
    package func entries() -> [(fingerprint: Fingerprint, alert: Alert)] {
        var out: [(fingerprint: Fingerprint, alert: Alert)] = []
        out.reserveCapacity(index.count)
        index.forEach { fp, p in out.append((fingerprint: Fingerprint(fp), alert: values[Int(p)])) }
        return out
    }

    /// The alerts carrying every `name="value"` pair of `equal` (non-empty values), with
    /// their fingerprints, read through the pair index: the smallest posting is walked and
    /// each position is kept only if the other postings hold it too. Nil when the table is
    /// not indexed or `equal` is empty (the caller scans). A hash collision can let through
    /// an alert without the pair: callers check their full matchers on the result.
    package func entries(carrying equal: [(name: String, value: String)]) -> [(fingerprint: Fingerprint, alert: Alert)]? {
        guard let pairs, !equal.isEmpty else { return nil }
        var lists: [LabelPairIndex.Posting] = []
        for (n, v) in equal {
            guard let p = pairs.posting(name: n, value: v) else { return [] }
            lists.append(p)
        }
        lists.sort { $0.count < $1.count }
        var out: [(fingerprint: Fingerprint, alert: Alert)] = []
        out.reserveCapacity(lists[0].count)
        lists[0].forEach { p in
            for other in lists.dropFirst() where !other.contains(p) { return }
            let a = values[Int(p)]
            out.append((fingerprint: a.fingerprint, alert: a))
        }
        return out
    }
}
