import APIModel
import AlertCore
import Foundation
import GoCompat
import Hummingbird

/// One node of the running routing tree as the API shows it: the options the dispatcher
/// uses (inherited ones resolved), and the children in config order. `index` is the node's
/// position in a pre-order walk (root = 0), which the match answer refers to.
package struct APIRouteNode: Sendable {
    package var index: Int
    package var receiver: String
    package var matchers: [Matcher]
    /// Sorted label names; `groupByAll` stands for `group_by: ['...']`.
    package var groupBy: [String]
    package var groupByAll: Bool
    package var groupWait: TimeInterval
    package var groupInterval: TimeInterval
    package var repeatInterval: TimeInterval
    package var `continue`: Bool
    package var muteTimeIntervals: [String]
    package var activeTimeIntervals: [String]
    package var routes: [APIRouteNode]

    package init(index: Int, receiver: String, matchers: [Matcher] = [], groupBy: [String] = [], groupByAll: Bool = false,
                groupWait: TimeInterval = 30, groupInterval: TimeInterval = 300, repeatInterval: TimeInterval = 14400,
                continue: Bool = false, muteTimeIntervals: [String] = [], activeTimeIntervals: [String] = [],
                routes: [APIRouteNode] = []) {
        self.index = index
        self.receiver = receiver
        self.matchers = matchers
        self.groupBy = groupBy
        self.groupByAll = groupByAll
        self.groupWait = groupWait
        self.groupInterval = groupInterval
        self.repeatInterval = repeatInterval
        self.continue = `continue`
        self.muteTimeIntervals = muteTimeIntervals
        self.activeTimeIntervals = activeTimeIntervals
        self.routes = routes
    }
}

/// The running tree and its matching, taken together from one runtime so that a reload
/// between the two cannot mix trees. `match` returns the pre-order indices of the routes an
/// alert with these labels is dispatched to, in dispatch order (`Route.Match`).
package struct APIRouteTree: Sendable {
    package var root: APIRouteNode
    package var match: @Sendable (LabelSet) -> [Int]

    package init(root: APIRouteNode, match: @escaping @Sendable (LabelSet) -> [Int]) {
        self.root = root
        self.match = match
    }
}

/// Tocsin's own read-only extension for the web UI's routing view (Alertmanager #813):
/// `/api/v2/` is Alertmanager's namespace, so it lives under `/api/tocsin/v1/`. Behind the
/// same web config auth and GET limit as the rest of the API.
extension AlertmanagerAPI {
    static let routesPath = "/api/tocsin/v1/routes"

    func routeTreeEndpoints() -> [HTTPEndpoint] {
        let backend = self.backend
        return [
            HTTPEndpoint(.get, Self.routesPath) { _, _ in
                var w = JSONWriter(capacity: 1024)
                w.routeNode(backend.routeTree().root)
                w.raw(UInt8(ascii: "\n"))
                return Responses.bytes(w.bytes)
            },
            HTTPEndpoint(.get, Self.routesPath + "/test") { request, _ in
                Self.routeTest(QueryString(request.uri.query), tree: backend.routeTree())
            },
        ]
    }

    /// `routes/test?label=name=value&label=…`: the routes the labels are dispatched to, each
    /// with its path from the root (pre-order indices), and their receivers in that order.
    static func routeTest(_ q: QueryString, tree: APIRouteTree) -> Response {
        var labels: [String: String] = [:]
        for pair in q.all("label") {
            guard let eq = pair.firstIndex(of: "=") else {
                return Responses.jsonString("bad label \(GoQuote.quote(pair)): expected name=value", status: .badRequest)
            }
            let name = String(pair[..<eq])
            guard LabelName.isValid(name) else {
                return Responses.jsonString("invalid label name \(GoQuote.quote(name))", status: .badRequest)
            }
            guard labels[name] == nil else {
                return Responses.jsonString("duplicate label name \(GoQuote.quote(name))", status: .badRequest)
            }
            labels[name] = String(pair[pair.index(after: eq)...])
        }
        let set = LabelSet(labels)
        var paths: [Int: [Int]] = [:]
        var receivers: [Int: String] = [:]
        func walk(_ n: APIRouteNode, _ above: [Int]) {
            let path = above + [n.index]
            paths[n.index] = path
            receivers[n.index] = n.receiver
            for c in n.routes { walk(c, path) }
        }
        walk(tree.root, [])
        let matched = tree.match(set)
        var w = JSONWriter(capacity: 256)
        w.raw("{\"labels\":")
        w.labelSet(set)
        w.raw(",\"routes\":[")
        for (i, idx) in matched.enumerated() {
            w.raw(i == 0 ? "{\"index\":" : ",{\"index\":")
            w.int(idx)
            w.raw(",\"path\":[")
            for (j, p) in (paths[idx] ?? [idx]).enumerated() {
                if j > 0 { w.raw(UInt8(ascii: ",")) }
                w.int(p)
            }
            w.raw("],\"receiver\":")
            w.string(receivers[idx] ?? "")
            w.raw(UInt8(ascii: "}"))
        }
        w.raw("],\"receivers\":")
        w.stringArray(matched.map { receivers[$0] ?? "" })
        w.raw("}\n")
        return Responses.bytes(w.bytes)
    }
}

extension JSONWriter {
    /// A route node with its children; durations in the config's syntax (`30s`, `4h`).
    mutating func routeNode(_ n: APIRouteNode) {
        raw("{\"index\":")
        int(n.index)
        raw(",\"receiver\":")
        string(n.receiver)
        raw(",\"matchers\":")
        array(n.matchers) { $0.matcher(APIMatcher($1)) }
        raw(",\"groupBy\":")
        stringArray(n.groupByAll ? ["..."] : n.groupBy)
        raw(",\"groupWait\":")
        string(Self.duration(n.groupWait))
        raw(",\"groupInterval\":")
        string(Self.duration(n.groupInterval))
        raw(",\"repeatInterval\":")
        string(Self.duration(n.repeatInterval))
        raw(n.continue ? ",\"continue\":true" : ",\"continue\":false")
        raw(",\"muteTimeIntervals\":")
        stringArray(n.muteTimeIntervals)
        raw(",\"activeTimeIntervals\":")
        stringArray(n.activeTimeIntervals)
        raw(",\"routes\":")
        array(n.routes) { $0.routeNode($1) }
        raw(UInt8(ascii: "}"))
    }

    static func duration(_ seconds: TimeInterval) -> String {
        PromDuration(milliseconds: Int64((seconds * 1000).rounded())).description
    }
}
