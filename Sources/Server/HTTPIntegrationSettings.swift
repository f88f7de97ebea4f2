import Config
import Notifiers

/// The settings of each 0.25 HTTP integration, read from its parsed config. The text settings
/// are a table (setting, config field) for ``IntegrationBuilder/filling(_:from:_:)``; what is
/// left is the shape of the few structured ones.
extension IntegrationBuilder {
    static func slack(_ c: IntegrationConfig) -> SlackNotifier.Settings {
        var s = filling(SlackNotifier.Settings(), from: c.fields, [
            \.apiURLFile: "api_url_file", \.channel: "channel", \.username: "username", \.color: "color",
            \.title: "title", \.titleLink: "title_link", \.pretext: "pretext", \.text: "text",
            \.messageText: "message_text", \.footer: "footer", \.fallback: "fallback", \.callbackID: "callback_id",
            \.iconEmoji: "icon_emoji", \.iconURL: "icon_url", \.imageURL: "image_url", \.thumbURL: "thumb_url",
        ], flags: [\.shortFields: "short_fields", \.linkNames: "link_names", \.updateMessage: "update_message"])
        s.apiURL = url(c["api_url"])
        s.fields = attachmentFields(c["fields"])
        s.timeout = c.timeout("timeout")
        if case .list(let l)? = c["mrkdwn_in"] { s.mrkdwnIn = l }
        s.actions = c.objects("actions").map { a in
            var action = filling(SlackNotifier.Action(), from: a, [
                \.type: "type", \.text: "text", \.url: "url", \.style: "style", \.name: "name", \.value: "value",
            ])
            if case .object(let o)? = a["confirm"] {
                action.confirm = filling(SlackNotifier.Confirm(), from: o, [
                    \.text: "text", \.title: "title", \.okText: "ok_text", \.dismissText: "dismiss_text",
                ])
            }
            return action
        }
        return s
    }

    static func pagerDuty(_ c: IntegrationConfig) -> PagerDutyNotifier.Settings {
        var s = filling(PagerDutyNotifier.Settings(), from: c.fields, [
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
            filling(PagerDutyNotifier.Image(), from: $0, [\.src: "src", \.alt: "alt", \.href: "href"])
        }
        s.links = c.objects("links").map { filling(PagerDutyNotifier.Link(), from: $0, [\.href: "href", \.text: "text"]) }
        s.timeout = c.timeout("timeout")
        return s
    }

    static func opsGenie(_ c: IntegrationConfig) -> OpsGenieNotifier.Settings {
        var s = filling(OpsGenieNotifier.Settings(), from: c.fields, [
            \.apiURL: "api_url", \.apiKey: "api_key", \.apiKeyFile: "api_key_file", \.message: "message",
            \.description: "description", \.source: "source", \.entity: "entity", \.actions: "actions",
            \.tags: "tags", \.note: "note", \.priority: "priority",
        ], flags: [\.updateAlerts: "update_alerts"])
        s.details = c.map("details")
        s.responders = c.objects("responders").map {
            filling(OpsGenieNotifier.Responder(), from: $0, [\.id: "id", \.name: "name", \.username: "username", \.type: "type"])
        }
        return s
    }

    static func victorOps(_ c: IntegrationConfig) -> VictorOpsNotifier.Settings {
        var s = filling(VictorOpsNotifier.Settings(), from: c.fields, [
            \.apiURL: "api_url", \.apiKey: "api_key", \.apiKeyFile: "api_key_file", \.routingKey: "routing_key",
            \.messageType: "message_type", \.stateMessage: "state_message",
            \.entityDisplayName: "entity_display_name", \.monitoringTool: "monitoring_tool",
        ])
        s.customFields = c.map("custom_fields")
        return s
    }

    static func telegram(_ c: IntegrationConfig) -> TelegramNotifier.Settings {
        var s = filling(TelegramNotifier.Settings(), from: c.fields, [
            \.apiURL: "api_url", \.botToken: "bot_token", \.botTokenFile: "bot_token_file",
            \.chatIDFile: "chat_id_file", \.message: "message", \.parseMode: "parse_mode",
        ], flags: [\.disableNotifications: "disable_notifications"])
        s.chatID = c.int("chat_id") ?? s.chatID
        s.messageThreadID = c.int("message_thread_id") ?? s.messageThreadID
        return s
    }

    static func discord(_ c: IntegrationConfig) -> DiscordNotifier.Settings {
        filling(DiscordNotifier.Settings(), from: c.fields, [
            \.webhookURL: "webhook_url", \.webhookURLFile: "webhook_url_file", \.content: "content",
            \.username: "username", \.avatarURL: "avatar_url", \.title: "title", \.message: "message",
        ])
    }

    static func webex(_ c: IntegrationConfig) -> WebexNotifier.Settings {
        filling(WebexNotifier.Settings(), from: c.fields, [\.apiURL: "api_url", \.message: "message", \.roomID: "room_id"])
    }

    static func pushover(_ c: IntegrationConfig) -> PushoverNotifier.Settings {
        var s = filling(PushoverNotifier.Settings(), from: c.fields, [
            \.userKey: "user_key", \.token: "token", \.title: "title", \.message: "message", \.url: "url",
            \.urlTitle: "url_title", \.sound: "sound", \.priority: "priority",
        ], flags: [\.html: "html"])
        s.retry = c.duration("retry") ?? s.retry
        s.expire = c.duration("expire") ?? s.expire
        return s
    }

    static func sns(_ c: IntegrationConfig) -> SNSNotifier.Settings {
        var s = filling(SNSNotifier.Settings(), from: c.fields, [
            \.apiURL: "api_url", \.topicARN: "topic_arn", \.phoneNumber: "phone_number", \.targetARN: "target_arn",
            \.subject: "subject", \.message: "message",
        ])
        if case .object(let v)? = c["sigv4"] {
            s = filling(s, from: v, [
                \.region: "region", \.accessKey: "access_key", \.secretKey: "secret_key", \.profile: "profile",
                \.roleARN: "role_arn",
            ])
        }
        s.attributes = c.map("attributes")
        return s
    }

    static func weChat(_ c: IntegrationConfig) -> WeChatNotifier.Settings {
        filling(WeChatNotifier.Settings(), from: c.fields, [
            \.apiURL: "api_url", \.apiSecret: "api_secret", \.apiSecretFile: "api_secret_file", \.corpID: "corp_id",
            \.message: "message", \.toUser: "to_user", \.toParty: "to_party", \.toTag: "to_tag",
            \.agentID: "agent_id", \.messageType: "message_type",
        ])
    }
}
