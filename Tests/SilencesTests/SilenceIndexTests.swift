import AlertCore
import Foundation
@testable import Silences
import XCTest

/// The silence index must never change what `matching` answers: every case here compares
/// it with a plain scan of all entries.
final class SilenceIndexTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func scan(_ st: SilencesState, _ labels: LabelSet, now: Date) -> Set<String> {
        Set(st.entries.values.map(\.silence).filter { $0.state(at: now) != .expired && $0.matches(labels) }.map(\.id))
    }

    func matched(_ st: SilencesState, _ labels: LabelSet, now: Date) -> Set<String> {
        Set(st.matching(labels, now: now).map(\.id))
    }

    /// Matcher mixes an index could get wrong: empty-value equality (matches a missing label),
    /// negative and regex-only silences, several equality matchers, shared buckets.
    func test_matching_mixedMatcherKinds_equalsFullScan() throws {
        var st = SilencesState(retention: 3600)
        let values = ["a", "b", ""]
        var n = 0
        let kinds: [[(MatchType, String, String)]] = [
            [(.equal, "env", "a")], [(.equal, "env", "")], [(.notEqual, "env", "a")], [(.regexp, "env", "a|b")],
            [(.equal, "env", "a"), (.equal, "team", "b")], [(.equal, "team", "b"), (.regexp, "env", ".*")],
            [(.equal, "env", ""), (.equal, "team", "a")], [(.notRegexp, "team", "a")], [(.equal, "missing", "x")],
        ]
        for k in kinds {
            for _ in 0..<3 {
                // Merged as from a peer: gossip is not validated, so even silences matching
                // the empty string (which the API would reject) can reach the index.
                n += 1
                let s = Silence(id: "s\(n)", matchers: try k.map { try Matcher($0.0, $0.1, $0.2) }, startsAt: t0,
                                endsAt: t0 + 60, updatedAt: t0, createdBy: "t", comment: "")
                XCTAssertTrue(st.merge(MeshSilence(silence: s, expiresAt: t0 + 3600), now: t0))
            }
        }
        var checked = 0
        for env in values {
            for team in values {
                var d: [String: String] = ["alertname": "X"]
                if !env.isEmpty { d["env"] = env }
                if !team.isEmpty { d["team"] = team }
                let labels = LabelSet(d)
                XCTAssertEqual(matched(st, labels, now: t0 + 1), scan(st, labels, now: t0 + 1), "labels \(d)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 9)
        XCTAssertFalse(matched(st, LabelSet(["env": "a", "team": "b"]), now: t0 + 1).isEmpty)
    }

    func test_matching_afterExpireGCAndGossipMerge_staysConsistent() throws {
        var st = SilencesState(retention: 10)
        var n = 0
        let env = LabelSet(["env": "a"])
        let id = try st.set(Silence(matchers: [try Matcher(.equal, "env", "a")], startsAt: t0, endsAt: t0 + 60,
                                    createdBy: "t", comment: ""), now: t0, newID: { n += 1; return "s\(n)" }).id
        XCTAssertEqual(matched(st, env, now: t0 + 1), [id])
        _ = try st.expire(id, now: t0 + 2)
        XCTAssertEqual(matched(st, env, now: t0 + 3), [])
        XCTAssertEqual(st.gc(now: t0 + 100), 1)
        XCTAssertEqual(matched(st, env, now: t0 + 100), [])
        // A peer's entry with other matchers under a known ID replaces the filing.
        let peer = Silence(id: "p1", matchers: [try Matcher(.equal, "env", "a")], startsAt: t0 + 100, endsAt: t0 + 200,
                           updatedAt: t0 + 100, createdBy: "peer", comment: "")
        XCTAssertTrue(st.merge(MeshSilence(silence: peer, expiresAt: t0 + 300), now: t0 + 100))
        var changed = peer
        changed.matchers = [try Matcher(.equal, "env", "b")]
        changed.updatedAt = t0 + 101
        XCTAssertTrue(st.merge(MeshSilence(silence: changed, expiresAt: t0 + 300), now: t0 + 101))
        XCTAssertEqual(matched(st, env, now: t0 + 102), [])
        XCTAssertEqual(matched(st, LabelSet(["env": "b"]), now: t0 + 102), ["p1"])
    }
}
