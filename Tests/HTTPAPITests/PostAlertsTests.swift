import AlertCore
import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import XCTest

final class PostAlertsTests: XCTestCase {
    func test_postAlerts_validBatch_returns200EmptyAndStoresWithDefaults() async throws {
        let s = FakeServer()
        let r = try await s.test { c in
            try await c.post("/api/v2/alerts", #"[{"labels":{"alertname":"A"}},{"labels":{"alertname":"B"},"endsAt":"2023-11-14T22:13:30Z"}]"#)
        }
        XCTAssertEqual(r.status, .ok)
        XCTAssertEqual(r.text, "")
        let now = s.clock.now()
        let a = try XCTUnwrap(s.store.get(LabelSet(["alertname": "A"]).fingerprint))
        XCTAssertEqual(a.startsAt, now)
        XCTAssertEqual(a.endsAt, now + 300, "endsAt defaults to now + resolve_timeout")
        XCTAssertTrue(a.timeout)
        XCTAssertEqual(a.updatedAt, now)
        let b = try XCTUnwrap(s.store.get(LabelSet(["alertname": "B"]).fingerprint))
        XCTAssertEqual(b.startsAt, b.endsAt, "startsAt defaults to endsAt when only endsAt is sent")
        XCTAssertFalse(b.timeout)
    }

    func test_postAlerts_partlyInvalidBatch_storesValidAndJoinsErrors() async throws {
        let s = FakeServer()
        let body = #"""
        [{"labels":{"alertname":"ok"}},
         {"labels":{"1bad":"x"}},
         {"labels":{"alertname":"early"},"startsAt":"2023-11-14T22:00:00Z","endsAt":"2023-11-14T21:00:00Z"},
         {"labels":{"empty":""}},
         {"labels":{"alertname":"ann"},"annotations":{"bad-name":"v"}}]
        """#
        let r = try await s.test { c in try await c.post("/api/v2/alerts", body) }
        XCTAssertEqual(r.status, .badRequest)
        XCTAssertEqual(r.headers[.contentType], "application/json")
        XCTAssertEqual(r.text, #""invalid label set: invalid name \"1bad\"; start time must be before end time; "#
            + #"at least one label pair required; invalid annotations: invalid name \"bad-name\""\#n"#)
        XCTAssertEqual(s.store.count, 1)
        XCTAssertNotNil(s.store.get(LabelSet(["alertname": "ok"]).fingerprint))
    }

    func test_postAlerts_emptyLabelValues_areDroppedBeforeStoring() async throws {
        let s = FakeServer()
        _ = try await s.test { c in try await c.post("/api/v2/alerts", #"[{"labels":{"alertname":"A","gone":""}}]"#) }
        let stored = s.store.snapshot()
        XCTAssertEqual(stored.map(\.labels), [LabelSet(["alertname": "A"])])
    }

    func test_postAlerts_malformedJSON_returns400ParseError() async throws {
        let s = FakeServer()
        let r = try await s.test { c in try await c.post("/api/v2/alerts", #"[{"labels":{"a":"b"}"#) }
        XCTAssertEqual(r.status, .badRequest)
        XCTAssertEqual(r.text, #"{"code":400,"message":"parsing alerts body from \"\" failed, because unexpected EOF"}"#)
        let r2 = try await s.test { c in try await c.post("/api/v2/alerts", #"[{"labels":{"a":1}}]"#) }
        XCTAssertEqual(r2.status, .badRequest)
        XCTAssertEqual(r2.text, #"{"code":400,"message":"parsing alerts body from \"\" failed, because "#
            + #"json: cannot unmarshal number into Go struct field PostableAlert.labels of type string"}"#)
        let r3 = try await s.test { c in try await c.post("/api/v2/alerts", #"{"labels":{}}"#) }
        XCTAssertEqual(r3.status, .badRequest)
        XCTAssertTrue(r3.text.contains("cannot unmarshal object into Go value of type models.PostableAlerts"))
        XCTAssertEqual(s.store.count, 0)
    }

    func test_postAlerts_badDate_returns400() async throws {
        let s = FakeServer()
        let r = try await s.test { c in try await c.post("/api/v2/alerts", #"[{"labels":{"a":"b"},"startsAt":"yesterday"}]"#) }
        XCTAssertEqual(r.status, .badRequest)
        XCTAssertTrue(r.text.hasPrefix(#"{"code":400,"message":"parsing alerts body from \"\" failed, because parsing time"#))
    }

    func test_postAlerts_missingLabels_returns422WithIndex() async throws {
        let s = FakeServer()
        let r = try await s.test { c in
            try await c.post("/api/v2/alerts", #"[{"labels":{"a":"b"}},{"annotations":{"x":"y"}}]"#)
        }
        XCTAssertEqual(r.status.code, 422)
        XCTAssertEqual(r.text, #"{"code":602,"message":"1.labels in body is required"}"#)
        XCTAssertEqual(s.store.count, 0, "a schema error rejects the whole batch")
    }

    func test_postAlerts_emptyBody_returns422Required() async throws {
        let s = FakeServer()
        let r = try await s.test { c in try await c.post("/api/v2/alerts", "") }
        XCTAssertEqual(r.status.code, 422)
        XCTAssertEqual(r.text, #"{"code":602,"message":"alerts in body is required"}"#)
    }

    func test_postAlerts_bodyOverLimit_returns413() async throws {
        let s = FakeServer()
        let big = "[" + Array(repeating: #"{"labels":{"alertname":"A"}}"#, count: 100).joined(separator: ",") + "]"
        let r = try await s.test(maxBody: 1000) { c in try await c.post("/api/v2/alerts", big) }
        XCTAssertEqual(r.status, .contentTooLarge)
        XCTAssertEqual(s.store.count, 0)
    }

    func test_postAlerts_amtoolZeroTimes_treatedAsUnset() async throws {
        let s = FakeServer()
        _ = try await s.test { c in
            try await c.post("/api/v2/alerts", #"[{"labels":{"a":"b"},"startsAt":"0001-01-01T00:00:00.000Z","endsAt":"0001-01-01T00:00:00.000Z"}]"#)
        }
        let a = try XCTUnwrap(s.store.snapshot().first)
        XCTAssertEqual(a.startsAt, s.clock.now())
        XCTAssertTrue(a.timeout)
    }
}
