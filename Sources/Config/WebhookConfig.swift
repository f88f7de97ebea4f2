import Yams

/// `webhook_configs` entry (Alertmanager 0.25 `WebhookConfig`).
public struct WebhookConfig: Sendable {
    /// Default true for webhooks.
    public var sendResolved = true
    /// The receiver's own `http_config`, or the global one when absent (applied at load).
    public var httpConfig: HTTPClientConfig?
    public var url: ConfigURL
    /// 0 = unlimited.
    public var maxAlerts: UInt64 = 0
    public var line: Int?

    static func read(_ node: Node, ctx: DecodeContext) throws(ConfigError) -> WebhookConfig? {
        guard let r = MapReader(node, type: "config.plain", ctx: ctx) else { return nil }
        let sendResolved = r.bool("send_resolved") ?? true
        var http: HTTPClientConfig?
        if let n = r.value("http_config") { http = try HTTPClientConfig.read(n, ctx: ctx) }
        var url: ConfigURL?
        if let s = r.string("url") { url = try r.url(s, at: "url") }
        let maxAlerts = r.uint64("max_alerts") ?? 0
        r.finish()
        guard r.clean else { return nil }
        guard let url else { throw r.error("missing URL in webhook config") }
        guard url.scheme == "http" || url.scheme == "https" else { throw r.error("scheme required for webhook url", at: "url") }
        return WebhookConfig(sendResolved: sendResolved, httpConfig: http, url: url, maxAlerts: maxAlerts, line: r.line)
    }

    var yaml: YAMLOut {
        var o = YAMLOut()
        o.bool("send_resolved", sendResolved)
        o.add("http_config", httpConfig?.yaml.node)
        o.str("url", url.description, omitEmpty: false)
        o.int("max_alerts", Int64(maxAlerts))
        return o
    }
}
