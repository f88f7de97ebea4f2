import AlertCore
import AlertDispatch
import HTTPAPI

extension ServerAPIBackend {
    /// The dispatcher's own tree of the current runtime, and its `match`: the API's route
    /// view and route test use the routing code the alerts go through.
    func routeTree() -> APIRouteTree {
        let route = server.runtime.route
        return APIRouteTree(root: Self.node(route), match: { route.match($0).map(\.index) })
    }

    static func node(_ r: AlertDispatch.Route) -> APIRouteNode {
        let o = r.options
        return APIRouteNode(index: r.index, receiver: o.receiver, matchers: r.matchers, groupBy: o.groupBy.sorted(),
                            groupByAll: o.groupByAll, groupWait: o.groupWait, groupInterval: o.groupInterval,
                            repeatInterval: o.repeatInterval, continue: r.continue,
                            muteTimeIntervals: o.muteTimeIntervals, activeTimeIntervals: o.activeTimeIntervals,
                            routes: r.routes.map(node))
    }
}
