import GoCompat
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
    /// Slack's and Mattermost's field object: `title` and `value` omitted when empty, `short`
    /// when set (Slack's rendered fields always have it).
    func write(to w: inout GoJSONWriter) {
        var o = JSONObjectWriter()
        o.string("title", title, to: &w)
        o.string("value", value, to: &w)
        if let short { o.key("short", to: &w); w.bool(short) }
        o.close(to: &w)
    }

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
