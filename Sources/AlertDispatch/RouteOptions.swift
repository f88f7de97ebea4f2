import AlertCore
import Foundation

/// A route's effective options after inheritance (Alertmanager's `RouteOpts`).
package struct RouteOptions: Sendable, Hashable {
    package var receiver: String
    package var groupBy: Set<String>
    package var groupByAll: Bool
    package var groupWait: TimeInterval
    package var groupInterval: TimeInterval
    package var repeatInterval: TimeInterval
    /// Not inherited: always the route's own list.
    package var muteTimeIntervals: [String]
    /// Not inherited: always the route's own list.
    package var activeTimeIntervals: [String]
    /// Route labels (0.34): the parent's merged with the route's own (the child's value wins),
    /// unrendered.
    package var labels: [String: String] = [:]

    /// Alertmanager's `DefaultRouteOpts`: 30s / 5m / 4h, no grouping labels.
    package static let defaults = RouteOptions(
        receiver: "", groupBy: [], groupByAll: false, groupWait: 30, groupInterval: 300,
        repeatInterval: 4 * 3600, muteTimeIntervals: [], activeTimeIntervals: [])

    /// A child's options: a copy of the parent's with the spec's settings applied, as
    /// `dispatch.NewRoute` does. Time intervals are taken from the spec, never inherited.
    func applying(_ spec: RouteSpec) -> RouteOptions {
        var o = self
        if let r = spec.receiver, !r.isEmpty { o.receiver = r }
        if let names = spec.groupBy {
            o.groupBy = Set(names)
            o.groupByAll = false
        } else if spec.groupByAll {
            o.groupByAll = true
        }
        if let d = spec.groupWait { o.groupWait = d }
        if let d = spec.groupInterval { o.groupInterval = d }
        if let d = spec.repeatInterval { o.repeatInterval = d }
        o.muteTimeIntervals = spec.muteTimeIntervals
        o.activeTimeIntervals = spec.activeTimeIntervals
        o.labels.merge(spec.labels) { _, child in child }
        return o
    }
}
