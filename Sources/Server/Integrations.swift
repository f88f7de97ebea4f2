import AlertCore
import Config
import Foundation
import Notifiers
import Notify
import SMTP
import Templating

/// Builds the pipeline's receivers from the configuration, numbering integrations per type
/// in Alertmanager's build order (`webhook[0]`, `email[0]`, …).
struct IntegrationBuilder {
    let externalURL: String
    let clients: NotifierHTTPClients
    let clock: any TimeSource

    /// Receivers referenced by a route, with the integrations Tocsin can deliver through.
    /// Types that parse but do not deliver yet are reported by the caller, not built.
    func receivers(_ loaded: LoadedConfig) throws -> [Notify.Receiver] {
        let used = Set(loaded.receiversReferencedByRoutes)
        // Templates are parsed at load, so a template that does not parse rejects the config.
        let templates = try TemplateSet.fromGlobs(loaded.config.templates)
        return try loaded.config.receivers.filter { used.contains($0.name) }.map { r in
            var integrations: [Integration] = []
            for (i, w) in r.webhookConfigs.enumerated() {
                let notifier = try WebhookNotifier(url: w.url, urlFile: w.urlFile, maxAlerts: Int(w.maxAlerts),
                                                   externalURL: externalURL, http: Self.httpOptions(w.httpConfig),
                                                   timeout: w.timeout > 0 ? w.timeout : nil, templates: templates,
                                                   payload: w.payload.map(Self.json),
                                                   reparse: { YAMLTree.reparse($0).map(Self.json) },
                                                   clients: clients, clock: clock)
                integrations.append(Integration(name: "webhook", index: i, sendResolved: w.sendResolved, notifier: notifier))
            }
            for (i, e) in r.emailConfigs.enumerated() {
                let notifier = EmailNotifier(config: Self.emailConfig(e), templates: templates, externalURL: externalURL,
                                             clock: clock)
                integrations.append(Integration(name: "email", index: i, sendResolved: e.sendResolved, notifier: notifier))
            }
            for (type, name) in Self.httpIntegrations025 {
                for (i, c) in r.otherConfigs.filter({ $0.type == type }).enumerated() {
                    integrations.append(Integration(name: name, index: i, sendResolved: c.sendResolved,
                                                    notifier: try httpNotifier(c, templates: templates)))
                }
            }
            integrations += try post025Integrations(r.otherConfigs, templates: templates)
            return Notify.Receiver(name: r.name, integrations: integrations)
        }
    }

    /// An `email_configs` entry (global `smtp_*` fallbacks already applied by Config).
    static func emailConfig(_ e: EmailConfig) -> EmailNotifierConfig {
        let t = e.tlsConfig, s = e.smtp
        var c = EmailNotifierConfig(
            to: e.to, from: s.from, smarthostHost: s.smarthost?.host ?? "", smarthostPort: Int(s.smarthost?.port ?? "") ?? 25,
            hello: s.hello.isEmpty ? "localhost" : s.hello, authUsername: s.authUsername,
            authPassword: s.authPassword.effective.value, authSecret: s.authSecret.effective.value, authIdentity: s.authIdentity,
            requireTLS: e.requireTLS ?? true,
            tls: SMTPTLSOptions(caFile: t.caFile, certFile: t.certFile, keyFile: t.keyFile, serverName: t.serverName,
                                insecureSkipVerify: t.insecureSkipVerify, minVersion: t.minVersion ?? "", maxVersion: t.maxVersion ?? ""),
            headers: e.headers, html: e.html, text: e.text, sendResolved: e.sendResolved)
        c.forceImplicitTLS = e.forceImplicitTLS
        if let t = e.threading, t.enabled { c.threadBy = t.threadByDate }
        return c
    }

    /// The parts of a config `http_config` the HTTP notifiers use.
    static func httpOptions(_ c: HTTPClientConfig?) -> HTTPOptions {
        c.map(HTTPOptions.init) ?? HTTPOptions()
    }
}
