/// The generically parsed integration types that Tocsin delivers to (the rest parse and
/// are reported as not delivering yet).
extension IntegrationSpecs {
    /// 0.25's HTTP integrations with a notifier (`Notifiers`).
    static let delivered025: Set<String> = [
        "slack_configs", "pagerduty_configs", "opsgenie_configs", "victorops_configs", "telegram_configs",
        "discord_configs", "webex_configs", "wechat_configs", "sns_configs", "pushover_configs",
    ]

    static func delivers(_ type: String) -> Bool {
        delivered025.contains(type) || IntegrationConfig.deliveredPost025Types.contains(type)
    }
}
