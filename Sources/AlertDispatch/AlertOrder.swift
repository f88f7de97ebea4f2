import AlertCore

/// Alertmanager's alert ordering (`types.AlertSlice.Less`), used for flushed alerts and the
/// groups API: alerts with a `job` label come first, ordered by it; then likewise `instance`;
/// then Prometheus' `LabelSet.Before` on the full label sets.
enum AlertOrder {
    static func less(_ a: Alert, _ b: Alert) -> Bool {
        for key in ["job", "instance"] {
            let av = a.labels[key], bv = b.labels[key]
            switch (av, bv) {
            case (nil, nil): continue
            case (nil, _): return false
            case (_, nil): return true
            case let (x?, y?):
                if x != y { return x.utf8.lexicographicallyPrecedes(y.utf8) }
            }
        }
        return labelSetBefore(a.labels, b.labels)
    }

    /// Sorts stably in that order (Swift's `sort` is stable).
    static func sorted(_ alerts: [Alert]) -> [Alert] { alerts.sorted(by: less) }

    /// Prometheus `model.LabelSet.Before`: fewer labels first; otherwise walk the sorted union
    /// of names and decide at the first difference: the set *lacking* a name is before, else
    /// the smaller value (byte order) is before. Equal sets are not before each other.
    static func labelSetBefore(_ x: LabelSet, _ y: LabelSet) -> Bool { x.before(y) }
}
