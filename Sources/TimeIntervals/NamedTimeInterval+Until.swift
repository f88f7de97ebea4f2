import Foundation

extension NamedTimeInterval {
    /// The first whole minute after `date` at which `contains` turns from what it is at `date`
    /// (a muting interval ends, an active one begins), for the "why" of an alert; nil when
    /// nothing changes within `horizon` (a year by default).
    ///
    /// Time ranges are whole minutes, so checking each minute finds every change; past a week
    /// only the day, month and year fields can still change, so it steps an hour at a time
    /// and then walks that hour minute by minute.
    package func nextChange(after date: Date, horizon: Foundation.TimeInterval = 366 * 86400) -> Date? {
        let now = contains(date)
        let first = (date.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60
        var t = first
        let week = first + 7 * 86400
        while t < week {
            if contains(Date(timeIntervalSince1970: t)) != now { return Date(timeIntervalSince1970: t) }
            t += 60
        }
        let end = date.timeIntervalSince1970 + horizon
        while t < end {
            if contains(Date(timeIntervalSince1970: t + 3600)) != now {
                var m = t + 60
                while contains(Date(timeIntervalSince1970: m)) == now { m += 60 }
                return Date(timeIntervalSince1970: m)
            }
            t += 3600
        }
        return nil
    }
}
