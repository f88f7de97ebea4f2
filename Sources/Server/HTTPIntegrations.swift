import AlertCore
import Config
import Foundation
import Notifiers
import Notify
import Templating

/// Maps the generically parsed 0.25 integrations (`slack_configs`, `pagerduty_configs`, …)
/// onto their notifiers. Defaults and global fallbacks were applied by Config; the settings
/// are read in HTTPIntegrationSettings.swift.
extension IntegrationBuilder {
    /// The list names built here, with the integration name Alertmanager gives each.
    static let httpIntegrations025: [(type: String, name: String)] = [
        ("pagerduty_configs", "pagerduty"), ("opsgenie_configs", "opsgenie"), ("wechat_configs", "wechat"),
        ("slack_configs", "slack"),
        ("victorops_configs", "victorops"), ("pushover_configs", "pushover"), ("sns_configs", "sns"), ("telegram_configs", "telegram"), ("discord_configs", "discord"),
        ("webex_configs", "webex"),
    ]

    /// The notifier for one config of a type in ``httpIntegrations025``.
    func httpNotifier(_ c: IntegrationConfig, templates: TemplateSet) throws -> any Notifier {
        let sender = try HTTPSender(http: Self.httpOptions(c.httpConfig), clients: clients, clock: clock)
        func parts<S>(_ settings: S) -> NotifierParts<S> {
            NotifierParts(settings: settings, templates: templates, externalURL: externalURL, sender: sender)
        }
        switch c.type {
        case "slack_configs":
            return SlackNotifier(settings: Self.slack(c), templates: templates, externalURL: externalURL, sender: sender)
        case "sns_configs":
            return SNSNotifier(settings: Self.sns(c), templates: templates, externalURL: externalURL, sender: sender)
        case "pagerduty_configs": return PagerDutyNotifier(parts(Self.pagerDuty(c)))
        case "opsgenie_configs": return OpsGenieNotifier(parts(Self.opsGenie(c)))
        case "victorops_configs": return VictorOpsNotifier(parts(Self.victorOps(c)))
        case "telegram_configs": return TelegramNotifier(parts(Self.telegram(c)))
        case "discord_configs": return DiscordNotifier(parts(Self.discord(c)))
        case "webex_configs": return WebexNotifier(parts(Self.webex(c)))
        case "pushover_configs": return PushoverNotifier(parts(Self.pushover(c)))
        case "wechat_configs": return WeChatNotifier(parts(Self.weChat(c)))
        default:
            preconditionFailure("no HTTP notifier for \(c.type)")
        }
    }
}

extension IntegrationConfig {
    func map(_ name: String) -> [String: String] {
        if case .map(let m)? = self[name] { return m }
        return [:]
    }

    func objects(_ name: String) -> [[String: ConfigValue]] { IntegrationBuilder.objects(self[name]) }

    func duration(_ name: String) -> Double? {
        if case .duration(let d)? = self[name] { return d }
        return nil
    }

    /// A `timeout`: nil when unset or zero (bounded by the flush deadline only).
    func timeout(_ name: String) -> Double? { duration(name).flatMap { $0 > 0 ? $0 : nil } }

    func int(_ name: String) -> Int64? {
        if case .int(let n)? = self[name] { return n }
        return nil
    }
}
