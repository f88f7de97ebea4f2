import AlertCore
import AlertDispatch
import Config
import Inhibition

/// Maps the parsed configuration onto the types the alert flow runs on.
enum ConfigMapping {
    /// A config route as the dispatcher's `RouteSpec`. In 0.25 `group_by: []` inherits the
    /// parent's grouping like an absent `group_by`, so both become nil.
    static func routeSpec(_ r: ConfigRoute) -> RouteSpec {
        RouteSpec(receiver: r.receiver, groupBy: (r.groupBy?.isEmpty ?? true) ? nil : r.groupBy,
                  groupByAll: r.groupByAll, groupWait: r.groupWait?.seconds, groupInterval: r.groupInterval?.seconds,
                  repeatInterval: r.repeatInterval?.seconds, matchers: r.combinedMatchers(), continue: r.continue,
                  muteTimeIntervals: r.muteTimeIntervals, activeTimeIntervals: r.activeTimeIntervals,
                  routes: r.routes.map(routeSpec))
    }

    static func inhibitRules(_ c: ConfigFile) -> [Inhibition.InhibitRule] {
        c.inhibitRules.map {
            Inhibition.InhibitRule(sourceMatchers: $0.sourceMatchersCombined, targetMatchers: $0.targetMatchersCombined,
                                   equal: $0.equal)
        }
    }
}
