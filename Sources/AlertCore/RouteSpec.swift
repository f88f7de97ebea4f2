import Foundation

/// One route as the configuration file states it, before inheritance is applied.
///
/// Config maps the parsed `route:` block onto this type (`Config.Route.spec`) and
/// `AlertDispatch.Route` builds the tree from it, so neither module knows the other; the
/// server and tocsinctl (as amtool reuses `dispatch.NewRoute`) build the same tree. It lives
/// in AlertCore for that reason. Optionals mean "absent in the file".
///
/// `group_by`: pass `nil` when the key is absent **and** when it is an empty list.
/// Alertmanager 0.25 parses `group_by: []` to a nil slice, so an empty list inherits the
/// parent's grouping (0.31+ changed that). A `'...'` entry is passed as `groupByAll = true`
/// with the remaining names (none, after validation) in `groupBy` (or `nil`).
package struct RouteSpec: Sendable, Hashable {
    package var receiver: String?
    /// Label names to group by; nil = inherit from the parent (see the type's note on `[]`).
    package var groupBy: [String]?
    /// `group_by: ['...']`: group by every label of the alert.
    package var groupByAll: Bool
    package var groupWait: TimeInterval?
    package var groupInterval: TimeInterval?
    package var repeatInterval: TimeInterval?
    /// `match`, `match_re` and `matchers` already combined (their order does not matter:
    /// the route sorts them).
    package var matchers: [Matcher]
    /// `continue: true`: keep evaluating later siblings after this route matched.
    package var `continue`: Bool
    package var muteTimeIntervals: [String]
    package var activeTimeIntervals: [String]
    /// `labels` (0.34): the route's own labels, values possibly templates; a child's are merged
    /// over its parent's.
    package var labels: [String: String]
    package var routes: [RouteSpec]

    package init(receiver: String? = nil, groupBy: [String]? = nil, groupByAll: Bool = false,
                groupWait: TimeInterval? = nil, groupInterval: TimeInterval? = nil,
                repeatInterval: TimeInterval? = nil, matchers: [Matcher] = [], continue: Bool = false,
                muteTimeIntervals: [String] = [], activeTimeIntervals: [String] = [], labels: [String: String] = [:], routes: [RouteSpec] = []) {
        self.receiver = receiver
        self.groupBy = groupBy
        self.groupByAll = groupByAll
        self.groupWait = groupWait
        self.groupInterval = groupInterval
        self.repeatInterval = repeatInterval
        self.matchers = matchers
        self.continue = `continue`
        self.muteTimeIntervals = muteTimeIntervals
        self.activeTimeIntervals = activeTimeIntervals
        self.labels = labels
        self.routes = routes
    }
}
