@testable import APIModel
@testable import HTTPAPI
import AlertCore
import Foundation
import Hummingbird
import Silences
import Synchronization
import TestKit
import XCTest

/// Bodies and stored values a hostile client or peer can produce (issue #19): each is
/// answered as Alertmanager 0.25 answers it, never a crash.
final class HostileInputTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    private func decodeAlerts(_ s: String) throws(PostableAlertsError) -> [PostableAlert] {
        var bytes = Array(s.utf8)
        return try bytes.withUnsafeMutableBufferPointer { p throws(PostableAlertsError) in
            try PostableAlertDecoder.decode(UnsafeBufferPointer(p))
        }
    }

    private func postSilence(_ body: String) async throws -> (status: HTTPResponse.Status, text: String) {
        let silences = SilenceStore(retention: 120 * 3600, clock: ManualClock(t0))
        let response = await SilencesAPI.post(silences, body: Array(body.utf8), now: t0)
        let sink = BodySink()
        try await response.body.write(sink)
        return (response.status, sink.text)
    }

    /// 10,000 nested `[` used to overflow the stack (a segfault); Go's decoder stops at the
    /// 10,001st with "exceeded max depth", which go-openapi wraps in a 400.
    func test_alerts_deepNesting_exceededMaxDepth() {
        XCTAssertThrowsError(try decodeAlerts(String(repeating: "[", count: 100_000))) { e in
            XCTAssertEqual(e as? PostableAlertsError, .parse("invalid character '[' exceeded max depth"))
        }
        let inAlert = #"[{"labels":{"a":"b"},"x":"# + String(repeating: "{\"k\":", count: 20_000)
        XCTAssertThrowsError(try decodeAlerts(inAlert)) { e in
            XCTAssertEqual(e as? PostableAlertsError, .parse("invalid character '{' exceeded max depth"))
        }
    }

    /// Exactly Go's limit: 10,000 levels are fine (the error is then the type error).
    func test_alerts_depthAtLimit_typeErrorNotDepth() {
        let body = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        XCTAssertThrowsError(try decodeAlerts(body)) { e in
            XCTAssertEqual(e as? PostableAlertsError,
                           .parse("json: cannot unmarshal array into Go value of type models.PostableAlert"))
        }
    }

    func test_silences_deepNesting_exceededMaxDepth() async throws {
        let (status, text) = try await postSilence(String(repeating: "[", count: 10_001) + String(repeating: "]", count: 10_001))
        XCTAssertEqual(status, .badRequest)
        XCTAssertEqual(text, #"{"code":400,"message":"parsing silence body from \"\" failed, because invalid character '[' exceeded max depth"}"#)
    }

    /// 10,000 levels are within Go's limit: Alertmanager answers the type error.
    func test_silences_depthAtLimit_typeError() async throws {
        let (status, text) = try await postSilence(String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000))
        XCTAssertEqual(status, .badRequest)
        XCTAssertEqual(text, #"{"code":400,"message":"parsing silence body from \"\" failed, because json: cannot unmarshal array into Go value of type models.PostableSilence"}"#)
    }

    /// Alertmanager 0.25 answers exactly this (its `Set` cannot marshal `expires_at`).
    func test_silences_endsAt9999_400AsAlertmanager() async throws {
        let (status, text) = try await postSilence(#"{"matchers":[{"name":"a","value":"b","isRegex":false}],"startsAt":"2023-11-14T22:13:20Z","endsAt":"9999-12-31T23:59:59Z","createdBy":"x","comment":"c"}"#)
        XCTAssertEqual(status, .badRequest)
        // Compared decoded: Alertmanager writes this `&` unescaped, tocsin's writer as `\u0026`.
        let message = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? String
        XCTAssertEqual(message, "timestamp: &types.Timestamp{Seconds: 253402732799,\nNanos: 0,\n} after 10000-01-01")
    }

    /// Alertmanager 0.25 (Go 1.19) parses `+99:99` but its schema check refuses the time as
    /// printed: 422 `{"code":601,"message":"startsAt in body must be of type date-time: \"2026-01-01T00:00:00.000+100:39\""}`.
    func test_silences_offsetBeyond99Hours_422AsAlertmanager() async throws {
        let (status, text) = try await postSilence(#"{"matchers":[{"name":"a","value":"b","isRegex":false}],"startsAt":"2026-01-01T00:00:00+99:99","endsAt":"2027-12-31T23:59:59Z","createdBy":"x","comment":"c"}"#)
        XCTAssertEqual(status, .unprocessableContent)
        XCTAssertEqual(text, #"{"code":601,"message":"startsAt in body must be of type date-time: \"2026-01-01T00:00:00.000+100:39\""}"#)
        XCTAssertNil(PostableSilence.unformattableOffset("2026-01-01T00:00:00+23:59"))
        XCTAssertEqual(PostableSilence.unformattableOffset("2026-01-01 10:11-9960"), "2026-01-01T10:11:00.000-100:00")
    }

    /// Invalid UTF-8 is decoded as U+FFFD (as Go's decoder does), not refused with a
    /// confusing parse error: Alertmanager 0.25 answers 200.
    func test_silences_invalidUTF8_acceptedAsReplacementCharacter() async throws {
        var body = Array(#"{"matchers":[{"name":"a","value":"b"#.utf8)
        body += [0xFF]
        body += Array(#"","isRegex":false}],"startsAt":"2023-11-14T22:13:20Z","endsAt":"2027-12-31T23:59:59Z","createdBy":"x","comment":"c"}"#.utf8)
        let silences = SilenceStore(retention: 3600, clock: ManualClock(t0))
        let response = await SilencesAPI.post(silences, body: body, now: t0)
        XCTAssertEqual(response.status, .ok)
        XCTAssertEqual(silences.all().first?.matchers.first?.value, "b\u{FFFD}")
    }
}

/// Collects a response body written by a handler.
private struct BodySink: ResponseBodyWriter {
    private final class Storage: Sendable {
        let bytes = Mutex<[UInt8]>([])
    }
    private let storage = Storage()

    var text: String { String(decoding: storage.bytes.withLock { $0 }, as: UTF8.self) }

    mutating func write(_ buffer: ByteBuffer) async throws {
        storage.bytes.withLock { $0 += Array(buffer: buffer) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
