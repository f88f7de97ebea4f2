/// `--web.route-prefix` as the router and the middlewares see it: every route lives under
/// it, and a request path is read relative to it the way Alertmanager's mux does.
struct RoutePrefix: Sendable {
    /// Normalised (`"/" + trim(p, "/")`): `"/"` or `"/foo"`.
    let path: String

    init(_ normalised: String) { path = normalised }

    var isRoot: Bool { path == "/" }

    /// `path` relative to the prefix (`"/"` for the prefix itself), nil when it is not under it.
    func relative(_ path: String) -> Substring? {
        if isRoot { return Substring(path) }
        guard path.hasPrefix(self.path) else { return nil }
        let rel = path.dropFirst(self.path.count)
        if rel.isEmpty { return "/" }
        return rel.first == "/" ? rel : nil
    }

    /// Whether the router may serve `path` as it stands. Hummingbird's router skips empty
    /// segments (`/api/v2//alerts/` finds `/api/v2/alerts`); Alertmanager's routers match
    /// paths exactly, so such paths go to the misses. The one trailing slash allowed is the
    /// prefix's own (`/foo/` is the index page, as Go's mux serves it).
    func isExact(_ path: String) -> Bool {
        if path == "/" || (!isRoot && path.count == self.path.count + 1 && path.hasPrefix(self.path) && path.hasSuffix("/")) {
            return true
        }
        return !path.hasSuffix("/") && !path.contains("//")
    }

    /// A label for metrics: a router path (`context.endpointPath`) without the prefix.
    func handlerName(_ endpointPath: String) -> String {
        guard !isRoot, let rel = relative(endpointPath) else { return endpointPath }
        return String(rel)
    }
}
