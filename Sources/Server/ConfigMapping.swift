import AlertCore
import AlertDispatch
import Config
import Inhibition

/// Maps the parsed configuration onto the types the alert flow runs on.
enum ConfigMapping {
    /// A config route as the dispatcher's `RouteSpec` (the mapping is Config's `Route.spec`,
    /// shared with tocsinctl).
    static func routeSpec(_ r: RouteConfig) -> RouteSpec { r.spec }

    static func inhibitRules(_ c: AlertmanagerConfig) -> [Inhibition.InhibitRule] {
        c.inhibitRules.map {
            Inhibition.InhibitRule(sourceMatchers: $0.sourceMatchersCombined, targetMatchers: $0.targetMatchersCombined,
                                   equal: $0.equal)
        }
    }
}
