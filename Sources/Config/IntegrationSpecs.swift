/// The field lists (0.25's, plus the keys 0.26–0.34 added to these integrations) (in Go's struct order, for marshalling) and defaults of the receiver
/// integrations other than webhook and email.
enum IntegrationSpecs {
    static func s(_ name: String, _ def: String? = nil, omit: Bool = true) -> FieldSpec {
        FieldSpec(name: name, kind: .string, omitEmpty: omit, defaultValue: def.map(ConfigValue.string))
    }
    static func t(_ tmpl: String) -> String { "{{ template \"\(tmpl)\" . }}" }
    static func f(_ name: String, _ kind: FieldKind, omit: Bool = true) -> FieldSpec {
        FieldSpec(name: name, kind: kind, omitEmpty: omit)
    }

    /// Default `send_resolved` per list name.
    static func sendResolvedDefault(_ type: String) -> Bool {
        !["slack_configs", "wechat_configs", "rocketchat_configs"].contains(type)
    }

    /// Types in the order of Alertmanager's `Receiver` struct (webhook and email are typed apart).
    static let order = ["discord_configs", "email_configs", "incidentio_configs", "pagerduty_configs", "slack_configs",
                        "webhook_configs", "opsgenie_configs", "wechat_configs", "pushover_configs", "victorops_configs",
                        "sns_configs", "telegram_configs", "webex_configs", "msteams_configs", "msteamsv2_configs",
                        "jira_configs", "rocketchat_configs", "mattermost_configs"]

    static let fields: [String: [FieldSpec]] = base025Fields.merging(post025Fields) { a, _ in a }

    static let base025Fields: [String: [FieldSpec]] = [
        "discord_configs": [f("webhook_url", .secretURL), s("webhook_url_file"), s("content"),
                            s("title", t("discord.default.title")), s("message", t("discord.default.message")),
                            s("username"), s("avatar_url")],
        "pagerduty_configs": [
            f("service_key", .secret), s("service_key_file"), f("routing_key", .secret), s("routing_key_file"),
            f("url", .url), s("client", t("pagerduty.default.client")), s("client_url", t("pagerduty.default.clientURL")),
            s("description", "{{ template \"pagerduty.default.description\" .}}"),
            f("details", .custom(PagerDutyDetails.kind)),
            f("images", .objects(type: "config.PagerdutyImage", fields: [s("src"), s("alt"), s("href")])),
            f("links", .objects(type: "config.PagerdutyLink", fields: [s("href"), s("text")])),
            s("source"), s("severity"), s("class"), s("component"), s("group"), f("timeout", .goDuration),
        ],
        "slack_configs": [
            f("api_url", .secretURL), s("api_url_file"), f("app_token", .secret), s("app_token_file"), f("app_url", .url),
            s("channel"), s("username", t("slack.default.username")),
            s("color", "{{ if eq .Status \"firing\" }}danger{{ else }}good{{ end }}"),
            s("title", t("slack.default.title")), s("title_link", t("slack.default.titlelink")),
            s("pretext", t("slack.default.pretext")), s("text", t("slack.default.text")), s("message_text"),
            f("fields", .objects(type: "config.plain", fields: [s("title"), s("value"), f("short", .bool)])),
            f("short_fields", .bool, omit: false), s("footer", t("slack.default.footer")),
            s("fallback", t("slack.default.fallback")), s("callback_id", t("slack.default.callbackid")),
            s("icon_emoji", t("slack.default.iconemoji")), s("icon_url", t("slack.default.iconurl")),
            s("image_url"), s("thumb_url"), f("link_names", .bool, omit: false), f("mrkdwn_in", .stringList),
            f("actions", .objects(type: "config.plain", fields: [
                s("type"), s("text"), s("url"), s("style"), s("name"), s("value"),
                f("confirm", .object(type: "config.plain", fields: [s("text"), s("title"), s("ok_text"), s("dismiss_text")])),
            ])),
            f("update_message", .bool), f("timeout", .goDuration),
        ],
        "opsgenie_configs": [
            f("api_key", .secret), s("api_key_file"), f("api_url", .url), s("message", t("opsgenie.default.message")),
            s("description", t("opsgenie.default.description")), s("source", t("opsgenie.default.source")),
            f("details", .stringMap), s("entity"),
            f("responders", .objects(type: "config.OpsGenieConfigResponder", fields: [s("id"), s("name"), s("username"), s("type")])),
            s("actions"), s("tags"), s("note"), s("priority"), f("update_alerts", .bool),
        ],
        "wechat_configs": [
            f("api_secret", .secret), s("api_secret_file"), s("corp_id"), s("message", t("wechat.default.message")), f("api_url", .url),
            s("to_user", t("wechat.default.to_user")), s("to_party", t("wechat.default.to_party")),
            s("to_tag", t("wechat.default.to_tag")), s("agent_id", t("wechat.default.agent_id")), s("message_type"),
        ],
        "pushover_configs": [
            f("user_key", .secret), f("token", .secret), s("title", t("pushover.default.title")),
            s("message", t("pushover.default.message")), s("url", t("pushover.default.url")), s("url_title"), s("sound"),
            s("priority", "{{ if eq .Status \"firing\" }}2{{ else }}0{{ end }}"),
            FieldSpec(name: "retry", kind: .goDuration, defaultValue: .duration(60)),
            FieldSpec(name: "expire", kind: .goDuration, defaultValue: .duration(3600)),
            f("html", .bool, omit: false),
        ],
        "victorops_configs": [
            f("api_key", .secret), s("api_key_file"), f("api_url", .url, omit: false), s("routing_key", omit: false),
            s("message_type", "CRITICAL", omit: false),
            s("state_message", t("victorops.default.state_message"), omit: false),
            s("entity_display_name", t("victorops.default.entity_display_name"), omit: false),
            s("monitoring_tool", t("victorops.default.monitoring_tool"), omit: false), f("custom_fields", .stringMap),
        ],
        "sns_configs": [
            s("api_url"),
            f("sigv4", .object(type: "sigv4.plain", fields: [s("region"), s("access_key"), f("secret_key", .secret),
                                                             s("profile"), s("role_arn")]), omit: false),
            s("topic_arn"), s("phone_number"), s("target_arn"), s("subject", t("sns.default.subject")),
            s("message", t("sns.default.message")), f("attributes", .stringMap),
        ],
        "telegram_configs": [
            f("api_url", .url, omit: false), f("bot_token", .secret), s("bot_token_file"), f("chat_id", .int64),
            s("chat_id_file"), f("message_thread_id", .int64), s("message", t("telegram.default.message")), f("disable_notifications", .bool), s("parse_mode", "HTML"),
        ],
        "webex_configs": [f("api_url", .url), s("message", t("webex.default.message")), s("room_id", omit: false)],
    ]
}
