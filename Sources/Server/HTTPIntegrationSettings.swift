import Config
import Notifiers

/// The settings of each 0.25 HTTP integration, read from its parsed config. Plain text
/// settings go through ``IntegrationConfig/copyTexts(to:_:)``; what is left is the shape of
/// the few structured ones.
extension IntegrationBuilder {
    static func slack(_ c: IntegrationConfig) -> SlackNotifier.Settings {
        var s = SlackNotifier.Settings()
        s.apiURL = url(c["api_url"])
        c.copyTexts(to: &s, [
            \.apiURLFile: "api_url_file", \.channel: "channel", \.username: "username", \.color: "color",
            \.title: "title", \.titleLink: "title_link", \.pretext: "pretext", \.text: "text",
            \.messageText: "message_text", \.footer: "footer", \.fallback: "fallback", \.callbackID: "callback_id",
            \.iconEmoji: "icon_emoji", \.iconURL: "icon_url", \.imageURL: "image_url", \.thumbURL: "thumb_url",
        ])
        c.copyFlags(to: &s, [\.shortFields: "short_fields", \.linkNames: "link_names", \.updateMessage: "update_message"])
        s.fields = c.objects("fields").map {
            SlackNotifier.Field(title: str($0, "title"), value: str($0, "value"), short: optionalBool($0, "short"))
        }
        s.timeout = c.timeout("timeout")
        if case .list(let l)? = c["mrkdwn_in"] { s.mrkdwnIn = l }
        s.actions = c.objects("actions").map { a in
            var confirm: SlackNotifier.Confirm?
            if case .object(let o)? = a["confirm"] {
                confirm = SlackNotifier.Confirm(text: str(o, "text"), title: str(o, "title"), okText: str(o, "ok_text"),
                                                dismissText: str(o, "dismiss_text"))
            }
            return SlackNotifier.Action(type: str(a, "type"), text: str(a, "text"), url: str(a, "url"),
                                        style: str(a, "style"), name: str(a, "name"), value: str(a, "value"),
                                        confirm: confirm)
        }
        return s
    }

    static func pagerDuty(_ c: IntegrationConfig) -> PagerDutyNotifier.Settings {
        var s = PagerDutyNotifier.Settings()
        c.copyTexts(to: &s, [
            \.serviceKey: "service_key", \.serviceKeyFile: "service_key_file", \.routingKey: "routing_key",
            \.routingKeyFile: "routing_key_file", \.url: "url", \.client: "client", \.clientURL: "client_url",
            \.description: "description", \.source: "source", \.severity: "severity", \.eventClass: "class",
            \.component: "component", \.group: "group",
        ])
        s.details = c.map("details")
        if case .tree(.map(let m))? = c["details"] {
            s.nestedDetails = m.mapValues(json)
            s.reparse = { YAMLTree.reparse($0).map(json) }
        }
        s.images = c.objects("images").map {
            PagerDutyNotifier.Image(src: str($0, "src"), alt: str($0, "alt"), href: str($0, "href"))
        }
        s.links = c.objects("links").map { PagerDutyNotifier.Link(href: str($0, "href"), text: str($0, "text")) }
        s.timeout = c.timeout("timeout")
        return s
    }

    static func opsGenie(_ c: IntegrationConfig) -> OpsGenieNotifier.Settings {
        var s = OpsGenieNotifier.Settings()
        c.copyTexts(to: &s, [
            \.apiURL: "api_url", \.apiKey: "api_key", \.apiKeyFile: "api_key_file", \.message: "message",
            \.description: "description", \.source: "source", \.entity: "entity", \.actions: "actions",
            \.tags: "tags", \.note: "note", \.priority: "priority",
        ])
        s.details = c.map("details")
        s.responders = c.objects("responders").map {
            OpsGenieNotifier.Responder(id: str($0, "id"), name: str($0, "name"), username: str($0, "username"),
                                       type: str($0, "type"))
        }
        s.updateAlerts = c.flag("update_alerts")
        return s
    }

    static func victorOps(_ c: IntegrationConfig) -> VictorOpsNotifier.Settings {
        var s = VictorOpsNotifier.Settings()
        c.copyTexts(to: &s, [
            \.apiURL: "api_url", \.apiKey: "api_key", \.apiKeyFile: "api_key_file", \.routingKey: "routing_key",
            \.messageType: "message_type", \.stateMessage: "state_message",
            \.entityDisplayName: "entity_display_name", \.monitoringTool: "monitoring_tool",
        ])
        s.customFields = c.map("custom_fields")
        return s
    }

    static func telegram(_ c: IntegrationConfig) -> TelegramNotifier.Settings {
        var s = TelegramNotifier.Settings()
        c.copyTexts(to: &s, [
            \.apiURL: "api_url", \.botToken: "bot_token", \.botTokenFile: "bot_token_file",
            \.chatIDFile: "chat_id_file", \.message: "message", \.parseMode: "parse_mode",
        ])
        s.chatID = c.int("chat_id") ?? s.chatID
        s.messageThreadID = c.int("message_thread_id") ?? s.messageThreadID
        s.disableNotifications = c.flag("disable_notifications")
        return s
    }

    static func discord(_ c: IntegrationConfig) -> DiscordNotifier.Settings {
        var s = DiscordNotifier.Settings()
        c.copyTexts(to: &s, [
            \.webhookURL: "webhook_url", \.webhookURLFile: "webhook_url_file", \.content: "content",
            \.username: "username", \.avatarURL: "avatar_url", \.title: "title", \.message: "message",
        ])
        return s
    }

    static func webex(_ c: IntegrationConfig) -> WebexNotifier.Settings {
        var s = WebexNotifier.Settings()
        c.copyTexts(to: &s, [\.apiURL: "api_url", \.message: "message", \.roomID: "room_id"])
        return s
    }

    static func pushover(_ c: IntegrationConfig) -> PushoverNotifier.Settings {
        var s = PushoverNotifier.Settings()
        c.copyTexts(to: &s, [
            \.userKey: "user_key", \.token: "token", \.title: "title", \.message: "message", \.url: "url",
            \.urlTitle: "url_title", \.sound: "sound", \.priority: "priority",
        ])
        s.retry = c.duration("retry") ?? s.retry
        s.expire = c.duration("expire") ?? s.expire
        s.html = c.flag("html")
        return s
    }

    static func sns(_ c: IntegrationConfig) -> SNSNotifier.Settings {
        var s = SNSNotifier.Settings()
        c.copyTexts(to: &s, [
            \.apiURL: "api_url", \.topicARN: "topic_arn", \.phoneNumber: "phone_number", \.targetARN: "target_arn",
            \.subject: "subject", \.message: "message",
        ])
        if case .object(let v)? = c["sigv4"] {
            s.region = str(v, "region")
            s.accessKey = str(v, "access_key")
            s.secretKey = str(v, "secret_key")
            s.profile = str(v, "profile")
            s.roleARN = str(v, "role_arn")
        }
        s.attributes = c.map("attributes")
        return s
    }

    static func weChat(_ c: IntegrationConfig) -> WeChatNotifier.Settings {
        var s = WeChatNotifier.Settings()
        c.copyTexts(to: &s, [
            \.apiURL: "api_url", \.apiSecret: "api_secret", \.apiSecretFile: "api_secret_file", \.corpID: "corp_id",
            \.message: "message", \.toUser: "to_user", \.toParty: "to_party", \.toTag: "to_tag",
            \.agentID: "agent_id", \.messageType: "message_type",
        ])
        return s
    }
}
