import AlertCore
import Config
import Foundation
import Logging
import Notifiers
import Templating

/// Renders route labels (0.34) against a group's alerts, as 0.34's dispatcher does before each
/// flush and for `GET /api/v2/alerts/groups`. A label whose template fails is left out and
/// logged, as upstream does.
struct RouteLabelRenderer: Sendable {
    let templates: TemplateSet?
    let externalURL: String
    let logger: Logger

    init(config: AlertmanagerConfig, externalURL: String, logger: Logger) {
        // The templates were checked by the integration builder of the same load; they are
        // only parsed again when some route has labels.
        templates = config.route.hasLabels ? try? TemplateSet.fromGlobs(config.templates) : nil
        self.externalURL = externalURL
        self.logger = logger
    }

    func render(_ raw: [String: String], receiver: String, groupLabels: LabelSet, alerts: [Alert],
                now: Date) -> [String: String] {
        guard !raw.isEmpty, !alerts.isEmpty, let templates else { return [:] }
        // The notification reason is not known yet, as in 0.34.
        let data = TemplateData.make(receiver: receiver, groupLabels: groupLabels.dictionary,
                                     alerts: alerts.map { EmailNotifier.templateAlert($0, now: now) },
                                     externalURL: externalURL, routeLabels: raw, routeLabelsRendered: false)
        let (labels, failures) = templates.renderRouteLabels(data)
        for f in failures {
            logger.error("failed to render route label", metadata: ["label": "\(f.label)", "value": "\(raw[f.label] ?? "")",
                                                                   "err": "\(f.error)"])
        }
        return labels
    }
}

/// Sits between the dispatcher and the pipeline: renders the flush's route labels against the
/// alerts about to be notified, so every integration sees the same values.
struct RouteLabelNotifier: AlertGroupNotifier {
    let next: any AlertGroupNotifier
    let renderer: RouteLabelRenderer
    let clock: any TimeSource

    func notify(_ flush: AlertGroupFlush) async -> Bool {
        guard !flush.routeLabels.isEmpty, !flush.routeLabelsRendered else { return await next.notify(flush) }
        var rendered = flush
        rendered.routeLabels = renderer.render(flush.routeLabels, receiver: flush.receiver, groupLabels: flush.groupLabels,
                                               alerts: flush.alerts, now: clock.now())
        rendered.routeLabelsRendered = true
        return await next.notify(rendered)
    }
}

extension RouteConfig {
    /// True when this route or one below it has labels.
    var hasLabels: Bool { !labels.isEmpty || routes.contains { $0.hasLabels } }
}
