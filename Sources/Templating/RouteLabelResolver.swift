/// Backs the `routeLabels` function (0.34) for one top-level execution. A route label's
/// value may itself be a template (naming group labels, alerts or other route labels), so
/// resolving one may recurse: each label is rendered at most once, and a label that refers
/// back to itself through others fails with Alertmanager's "route label cycle detected"
/// error instead of recursing without end. Unknown names read as "". Values already rendered
/// by the dispatcher are returned as they are.
final class RouteLabelResolver: @unchecked Sendable {
    // One execution runs on one thread; the class is never shared beyond it.
    private var set: TemplateSet
    private let labels: RouteLabels
    private let data: TemplateValue
    private let html: Bool
    private var memo: [String: String] = [:]
    private var stack: [String] = []

    struct RouteLabels {
        var values: [String: String]
        var rendered: Bool
    }

    /// The route labels of Alertmanager data, nil for other data or when there are none.
    static func routeLabels(of data: TemplateValue) -> RouteLabels? {
        guard case .object(let o) = data, let d = o as? DataObject, !d.data.routeLabels.isEmpty else { return nil }
        return RouteLabels(values: d.data.routeLabels, rendered: d.data.routeLabelsRendered)
    }

    init(set: TemplateSet, labels: RouteLabels, data: TemplateValue, html: Bool) {
        self.set = set
        self.labels = labels
        self.data = data
        self.html = html
        self.set.functions["routeLabels"] = TemplateFunction([.string]) { [unowned self] args throws(TemplateRuntimeError) in
            .string(try self.resolve(args[0].stringValue))
        }
    }

    func execute(name: String) throws(TemplateError) -> String {
        try set.executeWithFunctions(name: name, data: data, html: html)
    }

    func resolve(_ name: String) throws(TemplateRuntimeError) -> String {
        guard let raw = labels.values[name] else { return "" }
        if labels.rendered { return raw }
        if let done = memo[name] { return done }
        if stack.contains(name) {
            throw TemplateRuntimeError("route label cycle detected: " + (stack + [name]).joined(separator: " -> "))
        }
        if raw.isEmpty { return "" }
        stack.append(name)
        defer { stack.removeLast() }
        let out: String
        do {
            out = try set.withText(raw).executeWithFunctions(name: "", data: data, html: html)
        } catch {
            throw TemplateRuntimeError(error.message)
        }
        memo[name] = out
        return out
    }
}

extension TemplateSet {
    /// Renders every route label of `data` (whose `routeLabels` are the raw values) against
    /// it, as 0.34's dispatcher does before a flush and for the groups API: one resolver for
    /// all, so cross-references are rendered once. A label that fails is left out and its
    /// error returned.
    package func renderRouteLabels(_ data: TemplateData) -> (labels: [String: String], failures: [(label: String, error: String)]) {
        var raw = data
        raw.routeLabelsRendered = false
        let value = raw.templateValue
        guard let labels = RouteLabelResolver.routeLabels(of: value) else { return ([:], []) }
        let resolver = RouteLabelResolver(set: self, labels: labels, data: value, html: false)
        var out: [String: String] = [:]
        var failures: [(label: String, error: String)] = []
        for name in labels.values.keys.sorted() {
            do throws(TemplateRuntimeError) {
                out[name] = try resolver.resolve(name)
            } catch {
                failures.append((name, error.message))
            }
        }
        return (out, failures)
    }
}
