import Yams

/// A named receiver: its webhook and email integrations fully modelled, the others generic.
package struct ReceiverConfig: Sendable {
    package var name: String
    /// `labels` (0.33): attached to the receiver for querying and filtering.
    package var labels: [String: String] = [:]
    package var webhookConfigs: [WebhookConfig] = []
    package var emailConfigs: [EmailConfig] = []
    /// Every other integration, in the order of Alertmanager's `Receiver` struct fields.
    package var otherConfigs: [IntegrationConfig] = []
    package var line: Int?

    package init(name: String) { self.name = name }

    /// The list names used by this receiver that Tocsin parses but does not deliver to yet.
    package var unsupportedIntegrationTypes: [String] {
        var seen: [String] = []
        for c in otherConfigs where !seen.contains(c.type) && !IntegrationSpecs.delivers(c.type) { seen.append(c.type) }
        return seen
    }

    static func read(_ node: Node, ctx: DecodeContext) throws(ConfigError) -> ReceiverConfig? {
        guard let r = MapReader(node, type: "config.plain", ctx: ctx) else { return nil }
        var rcv = ReceiverConfig(name: r.string("name") ?? "")
        rcv.line = r.line
        rcv.labels = r.stringMap("labels") ?? [:]
        for type in IntegrationSpecs.order {
            switch type {
            case "webhook_configs":
                rcv.webhookConfigs = try r.structs(type, goType: "[]*config.WebhookConfig") { (n: Node) throws(ConfigError) in
                    try WebhookConfig.read(n, ctx: ctx)
                } ?? []
            case "email_configs":
                rcv.emailConfigs = try r.structs(type, goType: "[]*config.EmailConfig") { (n: Node) throws(ConfigError) in
                    try EmailConfig.read(n, ctx: ctx)
                } ?? []
            default:
                rcv.otherConfigs += try r.structs(type, goType: "[]*config.Config") { (n: Node) throws(ConfigError) in
                    try IntegrationRules.read(n, type: type, ctx: ctx)
                } ?? []
            }
        }
        r.finish()
        guard r.clean else { return rcv }
        if rcv.name.isEmpty { throw r.error("missing name in receiver") }
        return rcv
    }

    var yaml: YAMLOut {
        var o = YAMLOut()
        o.str("name", name, omitEmpty: false)
        o.map("labels", labels)
        for type in IntegrationSpecs.order {
            switch type {
            case "webhook_configs":
                if !webhookConfigs.isEmpty { o.add(type, Node(webhookConfigs.map { $0.yaml.node })) }
            case "email_configs":
                if !emailConfigs.isEmpty { o.add(type, Node(emailConfigs.map { $0.yaml.node })) }
            default:
                let items = otherConfigs.filter { $0.type == type }
                guard !items.isEmpty, let specs = IntegrationSpecs.fields[type] else { continue }
                o.add(type, Node(items.map { c in
                    var m = YAMLOut()
                    m.bool("send_resolved", c.sendResolved)
                    m.add("http_config", c.httpConfig?.yaml.node)
                    for p in GenericFields.yaml(c.fields, specs).pairs { m.add(p.0.string ?? "", p.1) }
                    return m.node
                }))
            }
        }
        return o
    }
}
