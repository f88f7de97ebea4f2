@testable import HTTPAPI
import AlertCore
import Foundation
import Hummingbird
import Silences
import TestKit
import XCTest

/// The cached `GET /silences` listing must be byte for byte the freshly encoded one, also
/// after silences change, expire or go pending -> active as time passes.
final class SilenceJSONCacheTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    private func both(_ silences: SilenceStore, _ cache: SilenceJSONCache, now: Date, complete: Bool = true)
        -> (cached: [UInt8], fresh: [UInt8]) {
        let all = silences.all()
        let order = SilencesAPI.sortedIndices(all, Array(all.indices), now: now)
        let buf = SilencesAPI.cachedBody(all, order, now: now, cache: cache, complete: complete)
        return (Array(buffer: buf), SilencesAPI.body(all, order, now: now))
    }

    func test_cachedListing_afterUpdateExpiryAndTimePassing_equalsFreshEncoding() throws {
        let clock = ManualClock(t0)
        let silences = SilenceStore(retention: 3600, clock: clock)
        func make(_ v: String, starts: TimeInterval, comment: String) throws -> Silence {
            Silence(matchers: [try Matcher(.equal, "instance", v)], startsAt: t0 + starts, endsAt: t0 + 600,
                    createdBy: "me", comment: comment)
        }
        let a = try silences.set(try make("a", starts: 0, comment: "first <a>"))
        _ = try silences.set(try make("b", starts: 100, comment: "pending one"))
        _ = try silences.set(try make("c", starts: 0, comment: "third"))
        let cache = SilenceJSONCache()

        var r = both(silences, cache, now: t0)
        XCTAssertEqual(r.cached, r.fresh)
        r = both(silences, cache, now: t0)  // served from the cache
        XCTAssertEqual(r.cached, r.fresh)
        XCTAssertTrue(String(decoding: r.cached, as: UTF8.self).contains(#""state":"pending""#))

        clock.advance(by: 150)  // b turns active
        r = both(silences, cache, now: clock.now())
        XCTAssertEqual(r.cached, r.fresh)
        XCTAssertFalse(String(decoding: r.cached, as: UTF8.self).contains(#""state":"pending""#))

        var changed = try XCTUnwrap(silences.all().first { $0.id == a })
        changed.comment = "edited"
        _ = try silences.set(changed)
        try silences.expire(try XCTUnwrap(silences.all().first { $0.comment == "third" }).id)
        r = both(silences, cache, now: clock.now())
        XCTAssertEqual(r.cached, r.fresh)
        let text = String(decoding: r.cached, as: UTF8.self)
        XCTAssertTrue(text.contains(#""comment":"edited""#))
        XCTAssertTrue(text.contains(#""state":"expired""#))
    }

    /// The kept whole listing is served only while nothing changed: after a silence turns
    /// active, is edited, expires or is garbage-collected, the listing is rebuilt.
    func test_keptListing_isRebuiltOnChangeAndStateTransition() throws {
        let clock = ManualClock(t0)
        let silences = SilenceStore(retention: 60, clock: clock)
        let cache = SilenceJSONCache()
        func listing() -> String {
            String(decoding: Array(buffer: SilencesAPI.cachedListing(silences, filters: [], now: clock.now(), cache: cache)),
                   as: UTF8.self)
        }
        func fresh() -> String {
            let all = silences.all()
            let order = SilencesAPI.sortedIndices(all, Array(all.indices), now: clock.now())
            return String(decoding: SilencesAPI.body(all, order, now: clock.now()), as: UTF8.self)
        }
        let pending = try silences.set(Silence(matchers: [try Matcher(.equal, "job", "a")], startsAt: t0 + 100,
                                               endsAt: t0 + 200, createdBy: "me", comment: "later"))
        XCTAssertEqual(listing(), fresh())
        XCTAssertTrue(listing().contains(#""state":"pending""#))

        clock.advance(by: 100)  // exactly startsAt: now active
        XCTAssertEqual(listing(), fresh())
        XCTAssertTrue(listing().contains(#""state":"active""#))

        var s = try XCTUnwrap(silences.get(pending))
        s.comment = "edited"
        _ = try silences.set(s)
        XCTAssertEqual(listing(), fresh())
        XCTAssertTrue(listing().contains(#""comment":"edited""#))

        clock.advance(by: 100)  // endsAt: expired
        XCTAssertEqual(listing(), fresh())
        XCTAssertTrue(listing().contains(#""state":"expired""#))

        clock.advance(by: 61)  // past retention
        XCTAssertEqual(silences.gc(), 1)
        XCTAssertEqual(listing(), "[]\n")
    }
}
