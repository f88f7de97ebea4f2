import AlertCore

extension RouteConfig {
    /// This route and its children as the `RouteSpec` the dispatcher's `Route` tree is built
    /// from (the server routes with it, tocsinctl's `config routes` prints and tests it). In
    /// 0.25 `group_by: []` inherits the parent's grouping like an absent `group_by`, so both
    /// become nil; timings become seconds.
    package var spec: RouteSpec {
        RouteSpec(receiver: receiver, groupBy: (groupBy?.isEmpty ?? true) ? nil : groupBy,
                  groupByAll: groupByAll, groupWait: groupWait?.seconds, groupInterval: groupInterval?.seconds,
                  repeatInterval: repeatInterval?.seconds, matchers: combinedMatchers(), continue: self.continue,
                  muteTimeIntervals: muteTimeIntervals, activeTimeIntervals: activeTimeIntervals, labels: labels,
                  routes: routes.map(\.spec))
    }
}
