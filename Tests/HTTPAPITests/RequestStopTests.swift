import AlertCore
import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import TestKit
import XCTest

/// Issue #19, finding 9: `filter=v=~"(.*){1000}x"` over 100 KB label values ran for minutes.
/// The regex size is bounded, and a listing still evaluating at `--web.timeout` is stopped.
private let costly = "/api/v2/alerts?filter=" + "v=~\"(.*){1000}x\"".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!

final class RequestStopTests: XCTestCase {
    func test_getAlerts_costlyFilterPastWebTimeout_503WithAlertmanagerText() async throws {
        let s = FakeServer()
        let value = String(repeating: "a", count: 100_000)
        // The finding's 100 KB value is over the default --alerts.max-label-value-bytes; lift it.
        var unlimited = AlertLimits()
        unlimited.maxLabelValueBytes = 0
        let r = try await s.test(timeout: .seconds(5), limits: unlimited) { c in
            let posted = try await c.post("/api/v2/alerts", #"[{"labels":{"alertname":"A","v":"\#(value)"}}]"#)
            XCTAssertEqual(posted.status, .ok)
            async let response = c.get(costly)
            // The guard's timer is the only sleeper: once it waits, move past the timeout.
            await s.clock.waitForSleeper(until: s.clock.now().addingTimeInterval(5))
            s.clock.advance(by: 5)
            return try await response
        }
        XCTAssertEqual(r.status, .serviceUnavailable)
        XCTAssertEqual(r.text, "Exceeded configured timeout of 5s.\n")
    }

    func test_getAlerts_regexOverProgramLimit_400GoTooLarge() async throws {
        let s = FakeServer()
        let r = try await s.test(maxRegexProgramSize: 1000) { c in try await c.get(costly) }
        XCTAssertEqual(r.status, .badRequest)
        XCTAssertEqual(r.text, "\"error parsing regexp: expression too large: `^(?:(.*){1000}x)$`\"\n")
    }

    func test_getAlertGroups_regexOverProgramLimit_400() async throws {
        let s = FakeServer()
        let r = try await s.test(maxRegexProgramSize: 1000) { c in
            try await c.get(costly.replacingOccurrences(of: "/alerts?", with: "/alerts/groups?"))
        }
        XCTAssertEqual(r.status, .badRequest)
    }

    func test_postSilence_regexOverProgramLimit_400SilenceInvalid() async throws {
        let s = FakeServer()
        let r = try await s.test(maxRegexProgramSize: 1000) { c in
            try await c.post("/api/v2/silences", #"""
                {"matchers":[{"name":"v","value":"(.*){1000}x","isRegex":true}],"startsAt":"2023-11-14T22:13:20Z",
                 "endsAt":"2023-11-14T23:13:20Z","createdBy":"me","comment":"c"}
                """#)
        }
        XCTAssertEqual(r.status, .badRequest)
        XCTAssertEqual(r.text, #""silence invalid: invalid label matcher 0: invalid regular expression \"(.*){1000}x\": "#
            + "error parsing regexp: expression too large: `(.*){1000}x`\"\n")
        XCTAssertTrue(s.silences.all().isEmpty)
    }

    func test_getAlerts_regexWithinDefaultLimit_stillServed() async throws {
        let s = FakeServer()
        let r = try await s.test { c in
            _ = try await c.post("/api/v2/alerts", #"[{"labels":{"alertname":"A","v":"ax"}}]"#)
            return try await c.get(costly)
        }
        XCTAssertEqual(r.status, .ok)
        XCTAssertEqual((r.json as? [Any])?.count, 1)
    }
}
