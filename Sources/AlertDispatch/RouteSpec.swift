import AlertCore
import Foundation

/// One route as the configuration file states it, before inheritance is applied.
///
/// The composition root maps the parsed `route:` block onto this type so that
/// `AlertDispatch` does not depend on `Config`. Optionals mean "absent in the file".
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
    public var routes: [RouteSpec]

    public init(receiver: String? = nil, groupBy: [String]? = nil, groupByAll: Bool = false,
                groupWait: TimeInterval? = nil, groupInterval: TimeInterval? = nil,
                repeatInterval: TimeInterval? = nil, matchers: [Matcher] = [], continue: Bool = false,
                muteTimeIntervals: [String] = [], activeTimeIntervals: [String] = [], routes: [RouteSpec] = []) {
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
        self.routes = routes
    }
}

/// A route's effective options after inheritance (Alertmanager's `RouteOpts`).
public struct RouteOptions: Sendable, Hashable {
    public var receiver: String
    public var groupBy: Set<String>
    public var groupByAll: Bool
    public var groupWait: TimeInterval
    public var groupInterval: TimeInterval
    public var repeatInterval: TimeInterval
    /// Not inherited: always the route's own list.
    public var muteTimeIntervals: [String]
    /// Not inherited: always the route's own list.
    public var activeTimeIntervals: [String]

    /// Alertmanager's `DefaultRouteOpts`: 30s / 5m / 4h, no grouping labels.
    public static let defaults = RouteOptions(
        receiver: "", groupBy: [], groupByAll: false, groupWait: 30, groupInterval: 300,
        repeatInterval: 4 * 3600, muteTimeIntervals: [], activeTimeIntervals: [])

    public init(receiver: String, groupBy: Set<String>, groupByAll: Bool, groupWait: TimeInterval,
                groupInterval: TimeInterval, repeatInterval: TimeInterval, muteTimeIntervals: [String],
                activeTimeIntervals: [String]) {
        self.receiver = receiver
        self.groupBy = groupBy
        self.groupByAll = groupByAll
        self.groupWait = groupWait
        self.groupInterval = groupInterval
        self.repeatInterval = repeatInterval
        self.muteTimeIntervals = muteTimeIntervals
        self.activeTimeIntervals = activeTimeIntervals
    }

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
        return o
    }
}
