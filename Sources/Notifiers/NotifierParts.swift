import AlertCore
import Foundation
import Notify
import Templating

/// What every templated HTTP notifier is made of besides its own state: its settings (the
/// config's fields, templates unexpanded), the templates and external URL they render with,
/// and the sender its requests go through. One home for what each notifier used to store and
/// initialise by itself.
package struct NotifierParts<Settings: Sendable>: Sendable {
    package let settings: Settings
    let templates: TemplateSet
    let externalURL: String
    let sender: HTTPSender

    package init(settings: Settings, templates: TemplateSet, externalURL: String, sender: HTTPSender) {
        self.settings = settings
        self.templates = templates
        self.externalURL = externalURL
        self.sender = sender
    }

    /// The renderer of one notification's fields.
    func renderer(_ ctx: NotificationContext, alerts: [Alert], now: Date) -> Renderer {
        Renderer(templates: templates, externalURL: externalURL, ctx: ctx, alerts: alerts, now: now)
    }

    /// POSTs a JSON body and judges the answer as `notify.Retrier.Check` does: the whole
    /// exchange of most integrations.
    func postJSON(_ url: String, body: [UInt8], timeout: Double? = nil, ctx: NotificationContext) async throws(NotifyError) {
        let reply = try await sender.send(url: url, contentType: "application/json", body: body, timeout: timeout, ctx: ctx)
        try StatusCheck.check(reply)
    }
}

/// A notifier made of ``NotifierParts``: short names for the parts its code reads most.
package protocol TemplatedNotifier: Notifier {
    associatedtype Settings: Sendable
    var parts: NotifierParts<Settings> { get }
}

extension TemplatedNotifier {
    var settings: Settings { parts.settings }
    var sender: HTTPSender { parts.sender }
}

/// A notifier that is nothing but its parts (and constants): it gets the initializer the
/// server and the tests build it with.
package protocol BuiltFromParts: TemplatedNotifier {
    init(_ parts: NotifierParts<Settings>)
}

extension BuiltFromParts {
    package init(settings: Settings, templates: TemplateSet, externalURL: String, sender: HTTPSender) {
        self.init(NotifierParts(settings: settings, templates: templates, externalURL: externalURL, sender: sender))
    }

    /// The initializer of the integrations added after 0.25, built from their `http_config`.
    package init(config: Settings, templates: TemplateSet, externalURL: String, http: HTTPOptions,
                 clients: NotifierHTTPClients, clock: any TimeSource = WallClock()) throws(HTTPOptionsError) {
        self.init(NotifierParts(settings: config, templates: templates, externalURL: externalURL,
                                sender: try HTTPSender(http: http, clients: clients, clock: clock)))
    }
}

