import Foundation

/// The marker's statuses (`AlertMarker`) kept beside the alerts: the store's tables are
/// where `MarkStorage` puts them, so a status costs nothing more than the alert's slot for
/// the common alert (never evaluated, or evaluated with nothing muting it), and goes with
/// the alert when the table removes it. Aggregation groups' tables leave theirs unused.
extension AlertTable {
    /// One stored alert and its status, packed (`PackedStatus`). `Alert` is 49 bytes, and a
    /// struct's next field starts after the previous field's size, not its stride, so the
    /// two mark fields fill the alert's padding: a slot is 56 bytes (a test checks).
    package struct Slot: Sendable {
        package var alert: Alert
        /// `PackedStatus.flags`; 0 while the alert was never evaluated.
        var markFlags: UInt8 = 0
        var markVersion: UInt32 = 0

        init(alert: Alert) { self.alert = alert }
    }

    /// The alerts of the slots, read in place (`values`). Not lazy: a `filter` or `map`
    /// copies out, so the table can be changed right after without copying its slots.
    package struct Alerts: RandomAccessCollection, Sendable {
        let slots: ContiguousArray<Slot>
        package var startIndex: Int { 0 }
        package var endIndex: Int { slots.count }
        package subscript(i: Int) -> Alert { slots[i].alert }
    }

    /// The status of the alert stored under `fp`; nil when it was never evaluated or is not
    /// stored.
    package func status(_ fp: Fingerprint) -> AlertStatus? {
        position(of: fp).flatMap { status(at: $0, fp) }
    }

    /// Applies `change` to the status of the alert stored under `fp` (a fresh one when it has
    /// none) and records the result if it differs. When no alert is stored under `fp`,
    /// `change` still runs on a fresh status (the caller may want the result) and nothing is
    /// recorded.
    package mutating func updateStatus(_ fp: Fingerprint, _ change: (inout AlertStatus) -> Void) {
        guard let i = position(of: fp) else {
            var s = AlertStatus()
            change(&s)
            return
        }
        let old = status(at: i, fp)
        var s = old ?? AlertStatus()
        change(&s)
        if s == old { return }
        let packed = PackedStatus(s)
        if packed.lists != nil || slots[i].markFlags & PackedStatus.hasLists != 0 { markLists[fp] = packed.lists }
        slots[i].markFlags = packed.flags
        slots[i].markVersion = packed.version
    }

    /// Counts the alerts per status state into `counts`: every alert, or only those marked
    /// (`marked`), or only those not resolved at `firingAt`. Never-evaluated alerts count as
    /// `unprocessed`.
    package func countByState(into counts: inout [AlertState: Int], marked: Bool = false, firingAt now: Date? = nil) {
        var active = 0, suppressed = 0, unprocessed = 0
        for slot in slots {
            if marked, slot.markFlags == 0 { continue }
            if let now, slot.alert.isResolved(at: now) { continue }
            switch PackedStatus.state(slot.markFlags) {
            case .active: active += 1
            case .suppressed: suppressed += 1
            case .unprocessed: unprocessed += 1
            }
        }
        counts[.active, default: 0] += active
        counts[.suppressed, default: 0] += suppressed
        counts[.unprocessed, default: 0] += unprocessed
    }

    private func status(at i: Int, _ fp: Fingerprint) -> AlertStatus? {
        let f = slots[i].markFlags
        if f == 0 { return nil }
        let lists = f & PackedStatus.hasLists != 0 ? markLists[fp] : nil
        return PackedStatus(flags: f, version: slots[i].markVersion, lists: lists).status
    }
}
