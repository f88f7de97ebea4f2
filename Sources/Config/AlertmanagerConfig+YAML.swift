import AlertCore
import Yams

extension AlertmanagerConfig {
    /// The config re-marshalled to YAML as Alertmanager 0.25 shows it in `GET /api/v2/status`
    /// (`config.original`): Go's field order, defaults and global fallbacks filled in, secrets
    /// as `<secret>`. Loading it again with `AlertmanagerConfig.load` (or amtool) succeeds.
    package var marshalledYAML: String {
        var o = YAMLOut()
        o.add("global", global.yaml.node)
        o.add("route", route.yaml.node)
        if !inhibitRules.isEmpty { o.add("inhibit_rules", Node(inhibitRules.map { $0.yaml.node })) }
        if !receivers.isEmpty {
            let used = Set(route.allReceiverNames)
            o.add("receivers", Node(receivers.map { r in
                var shown = r
                // Alertmanager builds the integrations of routed receivers, and building an
                // email notifier writes the default Subject, To and From headers into the
                // shared config, so its status output shows them.
                if used.contains(r.name) {
                    for i in shown.emailConfigs.indices { shown.emailConfigs[i].addDefaultHeaders() }
                }
                return shown.yaml.node
            }))
        }
        o.strings("templates", templates, omitEmpty: false)
        if !muteTimeIntervals.isEmpty { o.add("mute_time_intervals", Node(muteTimeIntervals.map { $0.yaml.node })) }
        if !timeIntervals.isEmpty { o.add("time_intervals", Node(timeIntervals.map { $0.yaml.node })) }
        return (try? Yams.serialize(node: o.node, indent: 2, width: -1, allowUnicode: true)) ?? ""
    }
}

extension RouteConfig {
    var allReceiverNames: [String] { (receiver.map { [$0] } ?? []) + routes.flatMap(\.allReceiverNames) }

    var yaml: YAMLOut {
        var o = YAMLOut()
        o.str("receiver", receiver)
        o.strings("group_by", groupByStrings)
        o.matchers(match, matchRE, matchers)
        o.strings("mute_time_intervals", muteTimeIntervals)
        o.strings("active_time_intervals", activeTimeIntervals)
        o.bool("continue", self.continue)
        if !routes.isEmpty { o.add("routes", Node(routes.map { $0.yaml.node })) }
        o.str("group_wait", groupWait?.description)
        o.str("group_interval", groupInterval?.description)
        o.str("repeat_interval", repeatInterval?.description)
        o.map("labels", labels)
        return o
    }
}

extension YAMLOut {
    /// The deprecated `match` and `match_re` maps and the `matchers` list, which a route has
    /// and each side of an inhibit rule has (`source_`/`target_` prefixed).
    mutating func matchers(prefix: String = "", _ match: [String: String], _ matchRE: [String: String],
                           _ matchers: [Matcher]) {
        map(prefix + "match", match)
        map(prefix + "match_re", matchRE)
        strings(prefix + "matchers", matchers.map(\.description))
    }
}
