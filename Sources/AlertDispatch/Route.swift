import AlertCore
import Foundation

/// A node of the resolved routing tree (Alertmanager's `dispatch.Route`).
///
/// Routes are compared by identity, as Alertmanager keys its groups by `*Route`: two
/// siblings with identical matchers share a key string but hold separate groups.
/// `index` is the node's position in a pre-order walk of the tree (root = 0).
package final class Route: Sendable {
    package let options: RouteOptions
    /// The route's matchers sorted by (name, value, type).
    package let matchers: [Matcher]
    package let `continue`: Bool
    package let routes: [Route]
    /// `parent.key + "/" + matchers.matchersString`; the root's is its own matchers, `{}`.
    package let key: String
    /// Pre-order index in the tree, unique per tree.
    package let index: Int
    /// `options.groupBy`'s names as bytes: every ingested alert's group labels are
    /// cut with them, comparing bytes (a `Set<String>` look-up needs a string per label).
    private let groupByUTF8: [[UInt8]]

    /// Builds the tree from the root's spec with Alertmanager's defaults as the base.
    package convenience init(root spec: RouteSpec) {
        var counter = 0
        self.init(spec: spec, parentOptions: .defaults, parentKey: nil, counter: &counter)
    }

    private init(spec: RouteSpec, parentOptions: RouteOptions, parentKey: String?, counter: inout Int) {
        let opts = parentOptions.applying(spec)
        let sorted = spec.matchers.sorted()
        let key = parentKey.map { $0 + "/" + sorted.matchersString } ?? sorted.matchersString
        options = opts
        matchers = sorted
        self.continue = spec.continue
        self.key = key
        index = counter
        groupByUTF8 = opts.groupBy.map { Array($0.utf8) }
        counter += 1
        var children: [Route] = []
        children.reserveCapacity(spec.routes.count)
        for child in spec.routes {
            children.append(Route(spec: child, parentOptions: opts, parentKey: key, counter: &counter))
        }
        routes = children
    }

    package var receiver: String { options.receiver }

    /// The routes an alert with `labels` belongs to (`Route.Match`): nothing when this route's
    /// matchers fail; otherwise the matches of the children in order, stopping after the first
    /// child that matched unless it has `continue: true`; this route itself if no child matched.
    package func match(_ labels: LabelSet) -> [Route] {
        var all: [Route] = []
        collectMatches(labels, into: &all)
        return all
    }

    private func collectMatches(_ labels: LabelSet, into all: inout [Route]) {
        guard matchers.matches(labels) else { return }
        let before = all.count
        for child in routes {
            let n = all.count
            child.collectMatches(labels, into: &all)
            if all.count > n, !child.continue { break }
        }
        if all.count == before { all.append(self) }
    }

    /// Visits this route and all descendants in pre-order (`Route.Walk`).
    package func walk(_ visit: (Route) -> Void) {
        visit(self)
        for child in routes { child.walk(visit) }
    }

    /// All routes of the tree in pre-order; `allRoutes[r.index] === r`.
    package var allRoutes: [Route] {
        var out: [Route] = []
        walk { out.append($0) }
        return out
    }

    /// The alert labels this route groups by: those named in `group_by`, or all of them
    /// with `group_by: ['...']` (`getGroupLabels`).
    package func groupLabels(for labels: LabelSet) -> LabelSet {
        if options.groupByAll { return labels }
        if options.groupBy.isEmpty { return LabelSet() }
        return labels.filteredUTF8 { name in
            groupByUTF8.contains { $0.count == name.count && $0.withUnsafeBufferPointer { $0.elementsEqual(name) } }
        }
    }

    /// The aggregation group key: `key + ":" + groupLabels.goString`, e.g.
    /// `{}/{env="prod"}:{alertname="HighCPU", cluster="eu1"}`. Seen by receivers (webhook
    /// `groupKey`) and the notification log, so it matches Alertmanager byte for byte.
    package func groupKey(for labels: LabelSet) -> String {
        groupKey(groupLabels: groupLabels(for: labels))
    }

    /// The group key for already computed group labels.
    package func groupKey(groupLabels: LabelSet) -> String { key + ":" + groupLabels.goString }
}
