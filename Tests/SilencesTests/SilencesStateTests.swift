import AlertCore
import Foundation
@testable import Silences
import TestKit
import XCTest

final class SilencesStateTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    var ids = 0
    func nextID() -> String { ids += 1; return "id\(ids)" }

    func sil(_ id: String = "", _ matchers: [Matcher]? = nil, start: TimeInterval, end: TimeInterval) throws -> Silence {
        Silence(id: id, matchers: try matchers ?? [Matcher(.equal, "alertname", "A")], startsAt: t0 + start, endsAt: t0 + end,
                createdBy: "me", comment: "c")
    }

    func test_state_boundaries_apiEndExclusive_internalEndInclusive() throws {
        let s = try sil(start: 0, end: 10)
        XCTAssertEqual(s.state(at: t0 - 1), .pending)
        XCTAssertEqual(s.state(at: t0), .active)
        XCTAssertEqual(s.state(at: t0 + 10), .expired)
        XCTAssertEqual(s.internalState(at: t0 + 10), .active)
        XCTAssertEqual(s.internalState(at: t0 + 10.001), .expired)
    }

    func test_create_pastStart_raisedToNow_newID() throws {
        var st = SilencesState(retention: 3600)
        let c = try st.set(try sil(start: -100, end: 100), now: t0, newID: nextID)
        XCTAssertEqual(c.id, "id1")
        XCTAssertEqual(st.get("id1")?.startsAt, t0)
        XCTAssertEqual(st.get("id1")?.updatedAt, t0)
        XCTAssertEqual(st.entries["id1"]?.expiresAt, t0 + 100 + 3600)
    }

    func test_update_activeSameStartLaterEnd_keepsID() throws {
        var st = SilencesState(retention: 3600)
        _ = try st.set(try sil(start: 0, end: 100), now: t0, newID: nextID)
        let c = try st.set(try sil("id1", start: 0, end: 500), now: t0 + 10, newID: nextID)
        XCTAssertEqual(c.id, "id1")
        XCTAssertEqual(st.get("id1")?.endsAt, t0 + 500)
        XCTAssertEqual(st.entries.count, 1)
    }

    func test_update_changedMatchers_expiresOldCreatesNew() throws {
        var st = SilencesState(retention: 3600)
        _ = try st.set(try sil(start: 0, end: 100), now: t0, newID: nextID)
        let c = try st.set(try sil("id1", [Matcher(.equal, "alertname", "B")], start: 0, end: 100), now: t0 + 10, newID: nextID)
        XCTAssertEqual(c.id, "id2")
        XCTAssertEqual(st.get("id1")?.endsAt, t0 + 10)
        XCTAssertEqual(st.get("id1")?.state(at: t0 + 10), .expired)
        XCTAssertEqual(st.get("id2")?.startsAt, t0 + 10)
        XCTAssertEqual(c.changed.count, 2)
    }

    func test_update_activeChangedStart_createsNew() throws {
        var st = SilencesState(retention: 3600)
        _ = try st.set(try sil(start: 0, end: 100), now: t0, newID: nextID)
        let c = try st.set(try sil("id1", start: 5, end: 100), now: t0 + 10, newID: nextID)
        XCTAssertEqual(c.id, "id2")
    }

    func test_update_pendingFutureStart_keepsID() throws {
        var st = SilencesState(retention: 3600)
        _ = try st.set(try sil(start: 100, end: 200), now: t0, newID: nextID)
        let c = try st.set(try sil("id1", start: 150, end: 300), now: t0 + 10, newID: nextID)
        XCTAssertEqual(c.id, "id1")
        XCTAssertEqual(st.get("id1")?.startsAt, t0 + 150)
    }

    func test_update_expired_alwaysNewAndOldUntouched() throws {
        var st = SilencesState(retention: 3600)
        _ = try st.set(try sil(start: 0, end: 10), now: t0, newID: nextID)
        let c = try st.set(try sil("id1", start: 0, end: 500), now: t0 + 20, newID: nextID)
        XCTAssertEqual(c.id, "id2")
        XCTAssertEqual(c.changed.count, 1)
        XCTAssertEqual(st.get("id1")?.endsAt, t0 + 10)
    }

    func test_set_unknownID_notFound() throws {
        var st = SilencesState(retention: 3600)
        XCTAssertThrowsError(try st.set(try sil("nope", start: 0, end: 10), now: t0, newID: nextID)) {
            XCTAssertEqual(($0 as? SilenceError)?.message, "silence not found")
        }
    }

    func test_validation_messages_asAlertmanager() throws {
        var st = SilencesState(retention: 3600)
        func err(_ s: Silence) -> String? {
            do { _ = try st.set(s, now: t0, newID: nextID); return nil } catch { return error.message }
        }
        XCTAssertEqual(err(try sil("", [], start: 0, end: 10)), "silence invalid: at least one matcher required")
        XCTAssertEqual(err(try sil("", [Matcher(.equal, "a-b", "x")], start: 0, end: 10)),
                       #"silence invalid: invalid label matcher 0: invalid label name "a-b""#)
        XCTAssertEqual(err(try sil("", [Matcher(.equal, "a", "")], start: 0, end: 10)),
                       "silence invalid: at least one matcher must not match the empty string")
        XCTAssertEqual(err(try sil("", [Matcher(.regexp, "a", ".*")], start: 0, end: 10)),
                       "silence invalid: at least one matcher must not match the empty string")
        XCTAssertNil(err(try sil("", [Matcher(.notEqual, "a", ""), Matcher(.equal, "b", "x")], start: 0, end: 10)))
        XCTAssertEqual(err(try sil(start: 10, end: 5)), "silence invalid: end time must not be before start time")
    }

    func test_expire_activeEndsNow_pendingStartsAndEndsNow() throws {
        var st = SilencesState(retention: 3600)
        _ = try st.set(try sil(start: 0, end: 100), now: t0, newID: nextID)
        _ = try st.set(try sil(start: 50, end: 100), now: t0, newID: nextID)
        _ = try st.expire("id1", now: t0 + 10)
        _ = try st.expire("id2", now: t0 + 10)
        XCTAssertEqual(st.get("id1")?.endsAt, t0 + 10)
        XCTAssertEqual(st.get("id2")?.startsAt, t0 + 10)
        XCTAssertEqual(st.get("id2")?.endsAt, t0 + 10)
        XCTAssertEqual(try st.expire("id1", now: t0 + 20).count, 0)
        XCTAssertThrowsError(try st.expire("zzz", now: t0))
    }

    func test_merge_strictlyNewerWins_expiredDropped() throws {
        var st = SilencesState(retention: 3600)
        var s = try sil("x", start: 0, end: 100)
        s.updatedAt = t0
        XCTAssertTrue(st.merge(MeshSilence(silence: s, expiresAt: t0 + 4000), now: t0))
        XCTAssertFalse(st.merge(MeshSilence(silence: s, expiresAt: t0 + 4000), now: t0))
        s.updatedAt = t0 + 1
        s.comment = "newer"
        XCTAssertTrue(st.merge(MeshSilence(silence: s, expiresAt: t0 + 4000), now: t0))
        XCTAssertEqual(st.get("x")?.comment, "newer")
        var old = try sil("y", start: 0, end: 1)
        old.updatedAt = t0
        XCTAssertFalse(st.merge(MeshSilence(silence: old, expiresAt: t0 - 1), now: t0))
    }

    func test_gc_removesPastRetention() throws {
        var st = SilencesState(retention: 100)
        _ = try st.set(try sil(start: 0, end: 10), now: t0, newID: nextID)
        XCTAssertEqual(st.gc(now: t0 + 109), 0)
        XCTAssertEqual(st.gc(now: t0 + 110), 1)
        XCTAssertNil(st.get("id1"))
    }
}
