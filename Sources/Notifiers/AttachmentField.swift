import Notify

/// A titled value in a chat attachment, as Slack, Mattermost and Rocket.Chat configure it
/// (`fields: [{title, value, short}]`); each integration writes it in its own JSON order.
package struct AttachmentField: Sendable {
    package var title: String, value: String
    /// nil = not configured (Slack and Rocket.Chat then use `short_fields`; Mattermost leaves it out).
    package var short: Bool?

    package init(title: String, value: String, short: Bool?) {
        self.title = title
        self.value = value
        self.short = short
    }
}

extension AttachmentField {
    /// The fields with their title and value rendered; an unset `short` takes `shortFields`
    /// where the integration has that setting.
    static func rendered(_ fields: [AttachmentField], _ t: Renderer,
                         shortFields: Bool? = nil) throws(NotifyError) -> [AttachmentField] {
        var out: [AttachmentField] = []
        for f in fields {
            var r = try t(f, \.title, \.value)
            r.short = f.short ?? shortFields
            out.append(r)
        }
        return out
    }
}
