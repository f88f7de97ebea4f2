import AlertCore
import GoCompat
import Yams

/// A loaded `alertmanager.yml` (Alertmanager 0.25 `config.Config`), defaults and global
/// fallbacks applied, relative file paths made absolute.
package struct AlertmanagerConfig: Sendable {
    package var global: GlobalConfig
    package var route: RouteConfig
    package var inhibitRules: [InhibitRuleConfig]
    package var receivers: [ReceiverConfig]
    /// Template globs, absolute (relative ones joined to the config file's directory).
    package var templates: [String]
    /// The deprecated `mute_time_intervals` list.
    package var muteTimeIntervals: [NamedTimeIntervalConfig]
    package var timeIntervals: [NamedTimeIntervalConfig]
    /// The `tracing` block (0.28+): checked, not implemented (a load warning says so).
    package var tracing: TracingConfig?

    /// Both interval lists by name (one namespace in Alertmanager).
    package var timeIntervalsByName: [String: NamedTimeIntervalConfig] {
        var out: [String: NamedTimeIntervalConfig] = [:]
        for t in muteTimeIntervals + timeIntervals { out[t.name] = t }
        return out
    }

    package func receiver(named name: String) -> ReceiverConfig? { receivers.first { $0.name == name } }
}

extension AlertmanagerConfig {
    /// Decodes the document node; `nil` means an empty document (no route).
    static func read(_ node: Node, ctx: DecodeContext) throws(ConfigError) -> (AlertmanagerConfig, routeLine: Int?)? {
        guard let r = MapReader(node, type: "config.plain", ctx: ctx) else { return nil }
        var global: GlobalConfig?
        if let g = r.map("global", type: "config.plain") { global = try GlobalConfig.read(g) }
        var route: RouteConfig?
        if let n = r.value("route") { route = try RouteConfig.read(n, ctx: ctx) }
        let inhibit = try r.structs("inhibit_rules", goType: "[]*config.InhibitRule") { (n: Node) throws(ConfigError) in
            try InhibitRuleConfig.read(n, ctx: ctx)
        } ?? []
        let receivers = try r.structs("receivers", goType: "[]*config.Receiver") { (n: Node) throws(ConfigError) in
            try ReceiverConfig.read(n, ctx: ctx)
        } ?? []
        let templates = (r.strings("templates") ?? []).map(ctx.resolve)
        let mute = try r.structs("mute_time_intervals", goType: "[]config.MuteTimeInterval") { (n: Node) throws(ConfigError) in
            try NamedTimeIntervalConfig.read(n, legacy: true, ctx: ctx)
        } ?? []
        let intervals = try r.structs("time_intervals", goType: "[]config.TimeInterval") { (n: Node) throws(ConfigError) in
            try NamedTimeIntervalConfig.read(n, legacy: false, ctx: ctx)
        } ?? []
        var tracing: TracingConfig?
        if let t = r.map("tracing", type: "tracing.plain") {
            tracing = try TracingConfig.read(t)
            ctx.warnings.append(TracingConfig.notImplementedWarning)
        }
        if let e = r.map("event_recorder", type: "eventrecorder.plain") {
            _ = try EventRecorderConfig.read(e)
            ctx.warnings.append(EventRecorderConfig.notImplementedWarning)
        }
        r.finish()
        if let e = ctx.combinedTypeError() { throw e }
        guard let route else { throw ConfigError("no routes provided", line: r.line) }
        var cfg = AlertmanagerConfig(global: global ?? GlobalConfig(), route: route, inhibitRules: inhibit, receivers: receivers,
                         templates: templates, muteTimeIntervals: mute, timeIntervals: intervals, tracing: tracing)
        try cfg.applyGlobalsAndValidate()
        return (cfg, route.line)
    }

    /// The checks and global fallbacks of `Config.UnmarshalYAML`, in Alertmanager's order.
    mutating func applyGlobalsAndValidate() throws(ConfigError) {
        let g = global
        try g.validate034()
        var names = Set<String>()
        for i in receivers.indices {
            if names.contains(receivers[i].name) {
                throw ConfigError("notification config name \(GoQuote.quote(receivers[i].name)) is not unique", line: receivers[i].line)
            }
            try GlobalFallbacks.apply(g, to: &receivers[i])
            names.insert(receivers[i].name)
        }
        let line = route.line
        if (route.receiver ?? "").isEmpty { throw ConfigError("root route must specify a default receiver", line: line) }
        if !route.match.isEmpty || !route.matchRE.isEmpty || !route.matchers.isEmpty {
            throw ConfigError("root route must not have any matchers", line: line)
        }
        if !route.muteTimeIntervals.isEmpty { throw ConfigError("root route must not have any mute time intervals", line: line) }
        if !route.activeTimeIntervals.isEmpty {
            throw ConfigError("root route must not have any active time intervals", line: line)
        }
        try Self.checkReceiver(route, names)
        var tiNames = Set<String>()
        for t in muteTimeIntervals where !tiNames.insert(t.name).inserted {
            throw ConfigError("mute time interval \(GoQuote.quote(t.name)) is not unique", line: t.line)
        }
        for t in timeIntervals where !tiNames.insert(t.name).inserted {
            throw ConfigError("time interval \(GoQuote.quote(t.name)) is not unique", line: t.line)
        }
        try Self.checkTimeIntervals(route, tiNames)
    }

    static func checkReceiver(_ r: RouteConfig, _ names: Set<String>) throws(ConfigError) {
        for child in r.routes { try checkReceiver(child, names) }
        if let rcv = r.receiver, !rcv.isEmpty, !names.contains(rcv) {
            throw ConfigError("undefined receiver \(GoQuote.quote(rcv)) used in route", line: r.line)
        }
    }

    static func checkTimeIntervals(_ r: RouteConfig, _ names: Set<String>) throws(ConfigError) {
        for child in r.routes { try checkTimeIntervals(child, names) }
        for t in r.activeTimeIntervals + r.muteTimeIntervals where !names.contains(t) {
            throw ConfigError("undefined time interval \(GoQuote.quote(t)) used in route", line: r.line)
        }
    }
}
