import GoCompat
import Yams

/// `webhook_configs` entry (0.34 `webhook.WebhookConfig`).
package struct WebhookConfig: Sendable {
    /// Default true for webhooks.
    package var sendResolved = true
    /// The receiver's own `http_config`, or the global one when absent (applied at load).
    package var httpConfig: HTTPClientConfig?
    /// `url` as written: a URL, or (0.32+) a Go template rendered per notification. Empty
    /// when `url_file` is used.
    package var url: String
    /// `url_file` (0.26+): read when sending, whitespace trimmed.
    package var urlFile = ""
    /// 0 = unlimited.
    package var maxAlerts: UInt64 = 0
    /// `timeout` in seconds (0.28+); 0 = none.
    package var timeout: Double = 0
    /// `payload` (0.32+): any YAML, sent as JSON with every string templated.
    package var payload: YAMLTree?
    package var line: Int?

    /// True when `url` contains template syntax (`{{`).
    package var urlIsTemplated: Bool { url.contains("{{") }


    static func read(_ node: Node, ctx: DecodeContext) throws(ConfigError) -> WebhookConfig? {
        guard let r = MapReader(node, type: "webhook.plain", ctx: ctx) else { return nil }
        let sendResolved = r.bool("send_resolved") ?? true
        var http: HTTPClientConfig?
        if let n = r.value("http_config") { http = try HTTPClientConfig.read(n, ctx: ctx) }
        let url = r.string("url") ?? ""
        let urlFile = r.string("url_file") ?? ""
        let maxAlerts = r.uint64("max_alerts") ?? 0
        var timeout = 0.0
        if let s = r.string("timeout") {
            do { timeout = try GoDuration.parse(s) } catch { throw ConfigError(error.description, line: r.lineOf("timeout")) }
        }
        let payload = r.value("payload").map(YAMLTree.init)
        r.finish()
        guard r.clean else { return nil }
        if url.isEmpty && urlFile.isEmpty { throw r.error("one of url or url_file must be configured") }
        if !url.isEmpty && !urlFile.isEmpty { throw r.error("at most one of url & url_file must be configured") }
        if !url.isEmpty && url != Secret.marker && !url.contains("{{") {
            do { _ = try ConfigURL.parse(url) } catch { throw r.error("invalid URL: " + error.message, at: "url") }
        }
        return WebhookConfig(sendResolved: sendResolved, httpConfig: http, url: url, urlFile: urlFile, maxAlerts: maxAlerts,
                             timeout: timeout, payload: payload, line: r.line)
    }

    var yaml: YAMLOut {
        var o = YAMLOut()
        o.bool("send_resolved", sendResolved)
        o.add("http_config", httpConfig?.yaml.node)
        o.str("url", url)
        o.str("url_file", urlFile)
        o.int("max_alerts", Int64(maxAlerts))
        return o
    }
}
