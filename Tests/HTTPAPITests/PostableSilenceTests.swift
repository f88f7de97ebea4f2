@testable import APIModel
import Foundation
import XCTest

/// The binding of a posted silence, with go-openapi's and Go's `encoding/json` wording.
final class PostableSilenceTests: XCTestCase {
    private let valid = #"{"matchers":[{"name":"a","value":"b","isRegex":false}],"startsAt":"2030-01-01T00:00:00Z","#
        + #""endsAt":"2030-01-01T01:00:00Z","createdBy":"me","comment":"c"}"#

    private func error(_ body: String) -> PostableSilenceError? {
        if case .failure(let e) = PostableSilence.decode(Array(body.utf8)) { return e }
        return nil
    }

    func test_decode_validBody_keepsFieldsAndTrailingBytesIgnored() throws {
        let p = try PostableSilence.decode(Array((valid + " trailing").utf8)).get()
        XCTAssertEqual(p, PostableSilence(id: nil, comment: "c", createdBy: "me", startsAt: "2030-01-01T00:00:00Z",
                                          endsAt: "2030-01-01T01:00:00Z",
                                          matchers: [APIMatcher(name: "a", value: "b", isRegex: false, isEqual: nil)]))
        let t = try p.times().get()
        XCTAssertEqual(t.endsAt.timeIntervalSince(t.startsAt), 3600)
    }

    func test_decode_missingOrBrokenBody_goErrors() {
        XCTAssertEqual(error(" \n"), .validation(code: 602, message: "silence in body is required"))
        XCTAssertEqual(error(#"{"matchers": ["#), .parse("unexpected EOF"))
        XCTAssertEqual(error(#"{"matchers": x}"#), .parse("invalid character 'x' looking for beginning of value"))
        XCTAssertEqual(error("[1,]"), .parse("invalid character ']' looking for beginning of value"))
        XCTAssertEqual(error("[1]"), .parse("json: cannot unmarshal array into Go value of type models.PostableSilence"))
    }

    func test_decode_wrongTypesAndMissingFields_inGoSwaggerOrder() {
        XCTAssertEqual(error(#"{"comment":1,"createdBy":true}"#),
                       .parse("json: cannot unmarshal number into Go struct field PostableSilence.comment of type string"))
        XCTAssertEqual(error(#"{"comment":"c","endsAt":"x"}"#), .validation(code: 602, message: "createdBy in body is required"))
        XCTAssertEqual(error(#"{"comment":"c","createdBy":"m","endsAt":"x"}"#),
                       .validation(code: 602, message: "matchers in body is required"))
        XCTAssertEqual(error(#"{"comment":"c","createdBy":"m","endsAt":"x","matchers":{}}"#),
                       .parse("json: cannot unmarshal object into Go struct field PostableSilence.matchers of type models.Matchers"))
        XCTAssertEqual(error(#"{"comment":"c","createdBy":"m","endsAt":"x","matchers":[]}"#),
                       .validation(code: 612, message: "matchers in body should have at least 1 items"))
        XCTAssertEqual(error(#"{"comment":"c","createdBy":"m","endsAt":"x","matchers":[{"name":"a","value":"b","isRegex":true},{"isRegex":false,"value":"v"}]}"#),
                       .validation(code: 602, message: "matchers.1.name in body is required"))
    }

    func test_times_missingStartOrUnparsable() throws {
        let noStart = try PostableSilence.decode(Array(valid.replacingOccurrences(of: #""startsAt":"2030-01-01T00:00:00Z","#, with: "").utf8)).get()
        guard case .failure(let e) = noStart.times() else { return XCTFail("no error") }
        XCTAssertEqual(e, .validation(code: 602, message: "startsAt in body is required"))
        let bad = try PostableSilence.decode(Array(valid.replacingOccurrences(of: "2030-01-01T01:00:00Z", with: "soon").utf8)).get()
        guard case .failure(let e2) = bad.times() else { return XCTFail("no error") }
        XCTAssertEqual(e2, .parse(#"parsing time "soon" as "2006-01-02T15:04:05Z07:00": cannot parse"#))
    }
}
