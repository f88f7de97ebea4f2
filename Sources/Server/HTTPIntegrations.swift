import AlertCore
import Config
import Foundation
import Notifiers
import Notify
import Templating

/// Maps the generically parsed 0.25 integrations (`slack_configs`, `pagerduty_configs`, …)
/// onto their notifiers. Defaults and global fallbacks were applied by Config.
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
        switch c.type {
        case "slack_configs":
            var s = SlackNotifier.Settings()
            if case .url(let u)? = c["api_url"] { s.apiURL = u.description }
            s.apiURLFile = c.text("api_url_file")
            s.channel = c.text("channel")
            s.username = c.text("username")
            s.color = c.text("color")
            s.title = c.text("title")
            s.titleLink = c.text("title_link")
            s.pretext = c.text("pretext")
            s.text = c.text("text")
            s.messageText = c.text("message_text")
            s.fields = c.objects("fields").map { f in
                SlackNotifier.Field(title: f["title"]?.string ?? "", value: f["value"]?.string ?? "",
                                    short: f["short"].flatMap { if case .bool(let b) = $0 { return b } else { return nil } })
            }
            s.shortFields = c.flag("short_fields")
            s.footer = c.text("footer")
            s.fallback = c.text("fallback")
            s.callbackID = c.text("callback_id")
            s.iconEmoji = c.text("icon_emoji")
            s.iconURL = c.text("icon_url")
            s.imageURL = c.text("image_url")
            s.thumbURL = c.text("thumb_url")
            s.linkNames = c.flag("link_names")
            s.updateMessage = c.flag("update_message")
            if case .duration(let d)? = c["timeout"], d > 0 { s.timeout = d }
            if case .list(let l)? = c["mrkdwn_in"] { s.mrkdwnIn = l }
            s.actions = c.objects("actions").map { a in
                func v(_ k: String) -> String { a[k]?.string ?? "" }
                var confirm: SlackNotifier.Confirm?
                if case .object(let o)? = a["confirm"] {
                    func cv(_ k: String) -> String { o[k]?.string ?? "" }
                    confirm = SlackNotifier.Confirm(text: cv("text"), title: cv("title"), okText: cv("ok_text"),
                                                    dismissText: cv("dismiss_text"))
                }
                return SlackNotifier.Action(type: v("type"), text: v("text"), url: v("url"), style: v("style"),
                                            name: v("name"), value: v("value"), confirm: confirm)
            }
            return SlackNotifier(settings: s, templates: templates, externalURL: externalURL, sender: sender)
        case "pagerduty_configs":
            var s = PagerDutyNotifier.Settings()
            s.serviceKey = c.text("service_key")
            s.serviceKeyFile = c.text("service_key_file")
            s.routingKey = c.text("routing_key")
            s.routingKeyFile = c.text("routing_key_file")
            s.url = c.text("url")
            s.client = c.text("client")
            s.clientURL = c.text("client_url")
            s.description = c.text("description")
            s.details = c.map("details")
            if case .tree(.map(let m))? = c["details"] {
                s.nestedDetails = m.mapValues(Self.json)
                s.reparse = { YAMLTree.reparse($0).map(Self.json) }
            }
            s.images = c.objects("images").map {
                PagerDutyNotifier.Image(src: $0["src"]?.string ?? "", alt: $0["alt"]?.string ?? "", href: $0["href"]?.string ?? "")
            }
            s.links = c.objects("links").map {
                PagerDutyNotifier.Link(href: $0["href"]?.string ?? "", text: $0["text"]?.string ?? "")
            }
            s.source = c.text("source")
            s.severity = c.text("severity")
            s.eventClass = c.text("class")
            s.component = c.text("component")
            s.group = c.text("group")
            if case .duration(let d)? = c["timeout"], d > 0 { s.timeout = d }
            return PagerDutyNotifier(settings: s, templates: templates, externalURL: externalURL, sender: sender)
        case "opsgenie_configs":
            var s = OpsGenieNotifier.Settings()
            s.apiURL = c.text("api_url")
            s.apiKey = c.text("api_key")
            s.apiKeyFile = c.text("api_key_file")
            s.message = c.text("message")
            s.description = c.text("description")
            s.source = c.text("source")
            s.details = c.map("details")
            s.entity = c.text("entity")
            s.responders = c.objects("responders").map {
                OpsGenieNotifier.Responder(id: $0["id"]?.string ?? "", name: $0["name"]?.string ?? "",
                                           username: $0["username"]?.string ?? "", type: $0["type"]?.string ?? "")
            }
            s.actions = c.text("actions")
            s.tags = c.text("tags")
            s.note = c.text("note")
            s.priority = c.text("priority")
            s.updateAlerts = c.flag("update_alerts")
            return OpsGenieNotifier(settings: s, templates: templates, externalURL: externalURL, sender: sender)
        case "victorops_configs":
            var s = VictorOpsNotifier.Settings()
            s.apiURL = c.text("api_url")
            s.apiKey = c.text("api_key")
            s.apiKeyFile = c.text("api_key_file")
            s.routingKey = c.text("routing_key")
            s.messageType = c.text("message_type")
            s.stateMessage = c.text("state_message")
            s.entityDisplayName = c.text("entity_display_name")
            s.monitoringTool = c.text("monitoring_tool")
            s.customFields = c.map("custom_fields")
            return VictorOpsNotifier(settings: s, templates: templates, externalURL: externalURL, sender: sender)
        case "telegram_configs":
            var s = TelegramNotifier.Settings()
            s.apiURL = c.text("api_url")
            s.botToken = c.text("bot_token")
            if case .int(let id)? = c["chat_id"] { s.chatID = id }
            s.botTokenFile = c.text("bot_token_file")
            s.chatIDFile = c.text("chat_id_file")
            if case .int(let id)? = c["message_thread_id"] { s.messageThreadID = id }
            s.message = c.text("message")
            s.disableNotifications = c.flag("disable_notifications")
            s.parseMode = c.text("parse_mode")
            return TelegramNotifier(settings: s, templates: templates, externalURL: externalURL, sender: sender)
        case "discord_configs":
            var s = DiscordNotifier.Settings()
            s.webhookURL = c.text("webhook_url")
            s.webhookURLFile = c.text("webhook_url_file")
            s.content = c.text("content")
            s.username = c.text("username")
            s.avatarURL = c.text("avatar_url")
            s.title = c.text("title")
            s.message = c.text("message")
            return DiscordNotifier(settings: s, templates: templates, externalURL: externalURL, sender: sender)
        case "webex_configs":
            var s = WebexNotifier.Settings()
            s.apiURL = c.text("api_url")
            s.message = c.text("message")
            s.roomID = c.text("room_id")
            return WebexNotifier(settings: s, templates: templates, externalURL: externalURL, sender: sender)
        case "pushover_configs":
            var s = PushoverNotifier.Settings()
            s.userKey = c.text("user_key")
            s.token = c.text("token")
            s.title = c.text("title")
            s.message = c.text("message")
            s.url = c.text("url")
            s.urlTitle = c.text("url_title")
            s.sound = c.text("sound")
            s.priority = c.text("priority")
            if case .duration(let d)? = c["retry"] { s.retry = d }
            if case .duration(let d)? = c["expire"] { s.expire = d }
            s.html = c.flag("html")
            return PushoverNotifier(settings: s, templates: templates, externalURL: externalURL, sender: sender)
        case "sns_configs":
            var s = SNSNotifier.Settings()
            s.apiURL = c.text("api_url")
            if case .object(let v)? = c["sigv4"] {
                s.region = v["region"]?.string ?? ""
                s.accessKey = v["access_key"]?.string ?? ""
                s.secretKey = v["secret_key"]?.string ?? ""
                s.profile = v["profile"]?.string ?? ""
                s.roleARN = v["role_arn"]?.string ?? ""
            }
            s.topicARN = c.text("topic_arn")
            s.phoneNumber = c.text("phone_number")
            s.targetARN = c.text("target_arn")
            s.subject = c.text("subject")
            s.message = c.text("message")
            s.attributes = c.map("attributes")
            return SNSNotifier(settings: s, templates: templates, externalURL: externalURL, sender: sender)
        case "wechat_configs":
            var s = WeChatNotifier.Settings()
            s.apiURL = c.text("api_url")
            s.apiSecret = c.text("api_secret")
            s.apiSecretFile = c.text("api_secret_file")
            s.corpID = c.text("corp_id")
            s.message = c.text("message")
            s.toUser = c.text("to_user")
            s.toParty = c.text("to_party")
            s.toTag = c.text("to_tag")
            s.agentID = c.text("agent_id")
            s.messageType = c.text("message_type")
            return WeChatNotifier(settings: s, templates: templates, externalURL: externalURL, sender: sender)
        default:
            preconditionFailure("no HTTP notifier for \(c.type)")
        }
    }
}

extension IntegrationConfig {
    func flag(_ name: String) -> Bool {
        if case .bool(let b)? = self[name] { return b }
        return false
    }

    func map(_ name: String) -> [String: String] {
        if case .map(let m)? = self[name] { return m }
        return [:]
    }

    func objects(_ name: String) -> [[String: ConfigValue]] {
        if case .objects(let o)? = self[name] { return o }
        return []
    }
}
