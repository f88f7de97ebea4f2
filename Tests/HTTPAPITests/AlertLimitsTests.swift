import AlertCore
import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import TestKit
import XCTest

/// The `--alerts.max-*` limits (issue #19): an alert over a limit is refused with the others'
/// validation errors (400 listing them) while the good alerts of the batch are kept, as
/// Alertmanager does with invalid alerts.
final class AlertLimitsTests: XCTestCase {
    private func limits(_ edit: (inout AlertLimits) -> Void) -> AlertLimits {
        var l = AlertLimits()
        edit(&l)
        return l
    }

    func test_postAlerts_tooManyLabels_badOneRefusedGoodOneKept() async throws {
        let s = FakeServer()
        let r = try await s.test(limits: limits { $0.maxLabelsPerAlert = 2 }) { c in
            try await c.post("/api/v2/alerts", #"[{"labels":{"alertname":"Bad","a":"1","b":"2"}},{"labels":{"alertname":"Good"}}]"#)
        }
        XCTAssertEqual(r.status, .badRequest)
        XCTAssertEqual(r.text, "\"invalid label set: 3 labels, more than the limit of 2\"\n")
        XCTAssertEqual(s.store.snapshot().map { $0.labels["alertname"] }, ["Good"])
    }

    func test_postAlerts_labelNameAndValueTooLong_eachRefusedWithItsError() async throws {
        let s = FakeServer()
        let long = String(repeating: "x", count: 20)
        let r = try await s.test(limits: limits { $0.maxLabelNameBytes = 16; $0.maxLabelValueBytes = 16 }) { c in
            try await c.post("/api/v2/alerts", #"""
                [{"labels":{"alertname":"A","\#(long)":"1"}},{"labels":{"alertname":"B","v":"\#(long)"}},
                 {"labels":{"alertname":"C","v":"short"}}]
                """#)
        }
        XCTAssertEqual(r.status, .badRequest)
        XCTAssertEqual(r.text, "\"invalid label set: a label name of 20 bytes, more than the limit of 16; "
            + "invalid label set: the value of v has 20 bytes, more than the limit of 16\"\n")
        XCTAssertEqual(s.store.snapshot().map { $0.labels["alertname"] }, ["C"])
    }

    func test_postAlerts_moreAlertsThanPerRequestLimit_wholeRequestRefused() async throws {
        let s = FakeServer()
        let r = try await s.test(limits: limits { $0.maxAlertsPerRequest = 2 }) { c in
            try await c.post("/api/v2/alerts", #"[{"labels":{"a":"1"}},{"labels":{"a":"2"}},{"labels":{"a":"3"}}]"#)
        }
        XCTAssertEqual(r.status, .badRequest)
        XCTAssertEqual(r.text, "\"too many alerts in one request: 3, more than the limit of 2\"\n")
        XCTAssertEqual(s.store.count, 0)
    }

    func test_postAlerts_storeFull_newAlertRefusedUpdateOfStoredOneAccepted() async throws {
        let s = FakeServer()
        let r = try await s.test(limits: limits { $0.maxAlerts = 2 }) { c in
            _ = try await c.post("/api/v2/alerts", #"[{"labels":{"a":"1"}},{"labels":{"a":"2"}}]"#)
            return try await c.post("/api/v2/alerts", #"""
                [{"labels":{"a":"3"}},{"labels":{"a":"1"},"annotations":{"updated":"yes"}}]
                """#)
        }
        XCTAssertEqual(r.status, .badRequest)
        XCTAssertEqual(r.text, "\"alert store full: it holds the limit of 2 alerts\"\n")
        XCTAssertEqual(s.store.count, 2)
        XCTAssertEqual(s.store.get(LabelSet(["a": "1"]).fingerprint)?.annotations["updated"], "yes")
    }

    func test_postAlerts_withinAllLimits_200() async throws {
        let s = FakeServer()
        let r = try await s.test { c in
            try await c.post("/api/v2/alerts", #"[{"labels":{"alertname":"A","v":"\#(String(repeating: "x", count: 65_536))"}}]"#)
        }
        XCTAssertEqual(r.status, .ok)
    }

    func test_postSilence_bodyOverLimit_413() async throws {
        let s = FakeServer()
        let r = try await s.test(maxBody: 64) { c in
            try await c.post("/api/v2/silences", #"{"matchers":[{"name":"a","value":"\#(String(repeating: "x", count: 100))","isRegex":false}]}"#)
        }
        XCTAssertEqual(r.status, .contentTooLarge)
        XCTAssertTrue(s.silences.all().isEmpty)
    }
}
