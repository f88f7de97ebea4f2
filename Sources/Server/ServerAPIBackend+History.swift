import AlertCore
import Foundation
import HTTPAPI
import History

extension ServerAPIBackend {
    func notifications(_ query: HistoryQuery, local: Bool) async -> APINotifications {
        if local { return APINotifications(notifications: server.shared.history.query(query)) }
        return await server.clusterHistory(query)
    }

    func explain(_ fingerprint: Fingerprint) async -> APIExplanation? {
        guard let alert = server.shared.store.get(fingerprint) else { return nil }
        let runtime = server.runtime
        let status = evaluateMutes(alert, fingerprint: fingerprint)
        let state = await runtime.dispatcher.snapshot
        let history = await notifications(HistoryQuery(fingerprint: fingerprint.description, limit: 20), local: false)
        var answer = AlertExplanation.build(alert: alert, status: status, route: runtime.route, dispatcher: state,
                                            inhibition: runtime.inhibitor.inhibition(alert.labels),
                                            ruleNames: runtime.loaded.config.inhibitRules.map(\.name),
                                            timeIntervals: runtime.timeIntervals, notifications: history.notifications,
                                            now: server.shared.clock.now())
        answer.partial = history.partial
        return answer
    }
}
