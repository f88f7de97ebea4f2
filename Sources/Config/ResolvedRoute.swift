import AlertCore
import GoCompat

/// A route with Alertmanager's inheritance applied (dispatch's `NewRoute`): what the dispatcher
/// routes with. Receiver, grouping and timings come from the nearest ancestor that sets them;
/// `continue`, matchers and the mute/active intervals are the route's own.
public struct ResolvedRoute: Sendable {
    public var receiver: String
    /// Label names to group by (ignored when `groupByAll`).
    public var groupBy: [String]
    public var groupByAll: Bool
    public var groupWait: PromDuration
    public var groupInterval: PromDuration
    public var repeatInterval: PromDuration
    /// `match` + `match_re` + `matchers`, sorted (see `Route.combinedMatchers`).
    public var matchers: [Matcher]
    public var `continue`: Bool
    public var muteTimeIntervals: [String]
    public var activeTimeIntervals: [String]
    public var routes: [ResolvedRoute]
    /// Alertmanager's `Route.Key()`: the parent's key, `/`, then this route's matchers string.
    public var key: String
    /// The route as written.
    public var source: Route

    /// `DefaultRouteOpts`.
    public static let defaultGroupWait = PromDuration(milliseconds: 30_000)
    public static let defaultGroupInterval = PromDuration(milliseconds: 300_000)
    public static let defaultRepeatInterval = PromDuration(milliseconds: 14_400_000)

    /// Resolves `route` under `parent` (nil for the root).
    public init(_ route: Route, parent: ResolvedRoute? = nil) {
        receiver = route.receiver.flatMap { $0.isEmpty ? nil : $0 } ?? parent?.receiver ?? ""
        if let gb = route.groupBy {
            groupBy = gb
            groupByAll = false
        } else {
            groupBy = parent?.groupBy ?? []
            groupByAll = route.groupByAll || (parent?.groupByAll ?? false)
        }
        groupWait = route.groupWait ?? parent?.groupWait ?? Self.defaultGroupWait
        groupInterval = route.groupInterval ?? parent?.groupInterval ?? Self.defaultGroupInterval
        repeatInterval = route.repeatInterval ?? parent?.repeatInterval ?? Self.defaultRepeatInterval
        matchers = route.combinedMatchers()
        self.continue = route.continue
        muteTimeIntervals = route.muteTimeIntervals
        activeTimeIntervals = route.activeTimeIntervals
        key = (parent.map { $0.key + "/" } ?? "") + matchers.matchersString
        source = route
        routes = []
        let me = self
        routes = route.routes.map { ResolvedRoute($0, parent: me) }
    }

    /// Every route of the tree, depth first, this one first.
    public var allRoutes: [ResolvedRoute] { [self] + routes.flatMap(\.allRoutes) }

    /// Alertmanager's `Route.Match`: the deepest matching routes, honouring `continue`.
    public func match(_ labels: LabelSet) -> [ResolvedRoute] {
        guard matchers.matches(labels) else { return [] }
        var all: [ResolvedRoute] = []
        for child in routes {
            let m = child.match(labels)
            all += m
            if !m.isEmpty && !child.continue { break }
        }
        return all.isEmpty ? [self] : all
    }
}
