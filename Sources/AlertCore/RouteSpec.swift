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
public struct RouteSpec: Sendable, Hashable {
    public var receiver: String?
    /// Label names to group by; nil = inherit from the parent (see the type's note on `[]`).
    public var groupBy: [String]?
    /// `group_by: ['...']`: group by every label of the alert.
    public var groupByAll: Bool
    public var groupWait: TimeInterval?
    public var groupInterval: TimeInterval?
    public var repeatInterval: TimeInterval?
    /// `match`, `match_re` and `matchers` already combined (their order does not matter:
    /// the route sorts them).
    public var matchers: [Matcher]
    /// `continue: true`: keep evaluating later siblings after this route matched.
    public var `continue`: Bool
    public var muteTimeIntervals: [String]
    public var activeTimeIntervals: [String]
    /// `labels` (0.34): the route's own labels, values possibly templates; a child's are merged
    /// over its parent's.
    public var labels: [String: String]
    public var routes: [RouteSpec]

    public init(receiver: String? = nil, groupBy: [String]? = nil, groupByAll: Bool = false,
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
