import AlertCore
import AlertStore
import Foundation
import Prometheus
@testable import Server
import Silences
import TestKit
import XCTest

final class ServerMetricsTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    /// The value of the series `name{labels}` in an exposition text.
    func value(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    func test_exposition_alertsAndMarkedAlertsByState_fromTheStoresStatuses() {
        let store = InMemoryAlerts(shardCount: 4)
        let silenced = makeAlert(["a": "silenced"], startsAt: t0, endsAt: t0 + 300)
        let active = makeAlert(["a": "active"], startsAt: t0, endsAt: t0 + 300)
        let unprocessed = makeAlert(["a": "new"], startsAt: t0, endsAt: t0 + 300)
        let resolved = makeAlert(["a": "resolved"], startsAt: t0, endsAt: t0 + 1)
        store.put([silenced, active, unprocessed, resolved], now: t0)
        let marker = store.marker
        marker.setSilenced(silenced.fingerprint, version: 1, active: ["s"], pending: [])
        marker.setSilenced(active.fingerprint, version: 1, active: [], pending: [])
        marker.setSilenced(resolved.fingerprint, version: 1, active: ["s"], pending: [])
        let text = ServerMetrics(registry: PrometheusCollectorRegistry())
            .exposition(store: store, silenceStore: SilenceStore(retention: 3600, clock: ManualClock(t0)),
                        now: t0 + 2)
        // Resolved alerts are not in `alertmanager_alerts`; never-evaluated ones are not marked.
        XCTAssertEqual(value(text, #"alertmanager_alerts{state="active"}"#), 1)
        XCTAssertEqual(value(text, #"alertmanager_alerts{state="suppressed"}"#), 1)
        XCTAssertEqual(value(text, #"alertmanager_alerts{state="unprocessed"}"#), 1)
        XCTAssertEqual(value(text, #"alertmanager_marked_alerts{state="active"}"#), 1)
        XCTAssertEqual(value(text, #"alertmanager_marked_alerts{state="suppressed"}"#), 2)
        XCTAssertEqual(value(text, #"alertmanager_marked_alerts{state="unprocessed"}"#), 0)
    }
}
