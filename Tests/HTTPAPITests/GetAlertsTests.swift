import AlertCore
import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdTesting
import TestKit
import XCTest

final class GetAlertsTests: XCTestCase {
    func test_getAlerts_oneAlert_matchesGoEncoderBytes() async throws {
        let s = FakeServer()
        let fp = LabelSet(["alertname": "A", "team": "a"]).fingerprint
        let r = try await s.test { c in
            _ = try await c.post("/api/v2/alerts", #"""
                [{"labels":{"alertname":"A","team":"a"},"annotations":{"s":"<b>&\u2028"},
                  "startsAt":"2023-11-14T22:00:00.123456+01:00","generatorURL":"http://x"}]
                """#)
            return try await c.get("/api/v2/alerts")
        }
        XCTAssertEqual(r.status, .ok)
        XCTAssertEqual(r.headers[.contentType], "application/json")
        let expected = #"[{"annotations":{"s":"\u003cb\u003e\u0026\u2028"},"endsAt":"2023-11-14T22:18:20.000Z","#
            + #""fingerprint":"\#(fp)","receivers":[{"name":"default"},{"name":"team-a"}],"#
            + #""startsAt":"2023-11-14T21:00:00.123Z","status":{"inhibitedBy":[],"mutedBy":[],"silencedBy":[],"#
            + #""state":"active"},"updatedAt":"2023-11-14T22:13:20.000Z","generatorURL":"http://x","#
            + #""labels":{"alertname":"A","team":"a"}}]"# + "\n"
        XCTAssertEqual(r.text, expected)
    }

    func test_getAlerts_twoFilters_returnsOnlyAlertMatchingBoth() async throws {
        // TestFilterAlertRequest.
        let s = FakeServer()
        let r = try await s.test { c in
            _ = try await c.post("/api/v2/alerts", #"""
                [{"labels":{"alertname":"test1","severity":"warning"}},
                 {"labels":{"alertname":"test1","severity":"critical"}},
                 {"labels":{"alertname":"test2","severity":"warning"}}]
                """#)
            return try await c.get("/api/v2/alerts?filter=alertname%3Dtest1&filter=severity=warning")
        }
        let list = try XCTUnwrap(r.json as? [[String: Any]])
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(list.first?["labels"] as? [String: String], ["alertname": "test1", "severity": "warning"])
        XCTAssertEqual((list.first?["status"] as? [String: Any])?["state"] as? String, "active")
    }

    func test_getAlerts_equalityFilter_listsReceiversAndReevaluatesOnlyTheIndexedAlerts() async throws {
        // Alertmanager re-evaluates (and marks) every stored alert before the label filter;
        // tocsin's equality filters read the label index, so only the alerts carrying the
        // pairs are re-evaluated. An unfiltered GET still re-evaluates (and marks) them all.
        let s = FakeServer()
        let other = LabelSet(["alertname": "B"]).fingerprint
        let (filtered, marked) = try await s.test { c in
            _ = try await c.post("/api/v2/alerts", #"[{"labels":{"alertname":"A","team":"x"}},{"labels":{"alertname":"B"}}]"#)
            s.silencedBy.withLock { $0[other] = ["sil-9"] }
            let r = try await c.get("/api/v2/alerts?filter=alertname%3DA")
            let before = s.marker.status(other)?.silencedBy
            _ = try await c.get("/api/v2/alerts")
            return (r, (before, s.marker.status(other)?.silencedBy))
        }
        let list = try XCTUnwrap(filtered.json as? [[String: Any]])
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(list.first?["fingerprint"] as? String, LabelSet(["alertname": "A", "team": "x"]).fingerprint.description)
        let receivers = (list.first?["receivers"] as? [[String: String]])?.compactMap { $0["name"] }
        XCTAssertEqual(receivers, ["default", "team-x"])
        XCTAssertNotEqual(marked.0, ["sil-9"], "the filtered GET re-evaluated an alert it does not list")
        XCTAssertEqual(marked.1, ["sil-9"], "the unfiltered GET re-evaluates every alert")
    }

    func test_getAlerts_equalityAndRegexFilters_sameAnswerAsAScan() async throws {
        // The index answers `=`; `=~`, `!=` and the empty-value `=` (label absent) filter
        // its candidates with Alertmanager's matchFilterLabels rules.
        let s = FakeServer()
        let names = try await s.test { c -> [[String]] in
            _ = try await c.post("/api/v2/alerts", #"""
                [{"labels":{"alertname":"A","team":"db","env":"prod"}},
                 {"labels":{"alertname":"A","team":"web"}},
                 {"labels":{"alertname":"A","team":"dba","env":"dev"}},
                 {"labels":{"alertname":"B","team":"db"}}]
                """#)
            var out: [[String]] = []
            for q in ["filter=alertname%3DA&filter=team%3D~%22db.*%22", "filter=alertname%3DA&filter=env%3D%22%22",
                      "filter=team%3Ddb&filter=alertname!%3DA", "filter=alertname%3DC", "filter=team%3Ddb&filter=env!%3D%22%22"] {
                let r = try await c.get("/api/v2/alerts?" + q)
                let list = (r.json as? [[String: Any]]) ?? []
                out.append(list.map { a in
                    let l = a["labels"] as? [String: String] ?? [:]
                    return "\(l["alertname"] ?? "")/\(l["team"] ?? "")"
                }.sorted())
            }
            return out
        }
        XCTAssertEqual(names, [["A/db", "A/dba"], ["A/web"], ["B/db"], [], ["A/db"]])
    }

    func test_getAlerts_plusEncodedSpaceInFilter_decodedAsSpace() async throws {
        let s = FakeServer()
        let r = try await s.test { c in
            _ = try await c.post("/api/v2/alerts", #"[{"labels":{"alertname":"a b"}},{"labels":{"alertname":"ab"}}]"#)
            return try await c.get("/api/v2/alerts?filter=alertname%3D%22a+b%22")
        }
        XCTAssertEqual((r.json as? [Any])?.count, 1)
    }

    func test_getAlerts_silencedAndInhibitedSwitches_hideMutedAlerts() async throws {
        // TestAlertGetReturnsCurrentAlertStatus: status is re-evaluated on every GET.
        let s = FakeServer()
        let silenced = LabelSet(["alertname": "S"]).fingerprint
        let inhibited = LabelSet(["alertname": "I"]).fingerprint
        let counts = try await s.test { c in
            _ = try await c.post("/api/v2/alerts", #"[{"labels":{"alertname":"S"}},{"labels":{"alertname":"I"}},{"labels":{"alertname":"A"}}]"#)
            s.silencedBy.withLock { $0[silenced] = ["sil-1"] }
            s.inhibitedBy.withLock { $0[inhibited] = ["0123456789abcdef"] }
            var out: [String: Int] = [:]
            for q in ["", "?silenced=false", "?inhibited=0", "?active=false", "?active=no&silenced=false", "?unprocessed=false"] {
                out[q] = (try await c.get("/api/v2/alerts" + q).json as? [Any])?.count
            }
            let all = try await c.get("/api/v2/alerts").json as? [[String: Any]]
            let sil = all?.first { ($0["labels"] as? [String: String])?["alertname"] == "S" }
            let status = sil?["status"] as? [String: Any]
            XCTAssertEqual(status?["state"] as? String, "suppressed")
            XCTAssertEqual(status?["silencedBy"] as? [String], ["sil-1"])
            return out
        }
        XCTAssertEqual(counts, ["": 3, "?silenced=false": 2, "?inhibited=0": 2, "?active=false": 2,
                                "?active=no&silenced=false": 1, "?unprocessed=false": 3])
        XCTAssertEqual(s.marker.state(silenced), .suppressed, "the GET wrote the marker")
    }

    func test_getAlerts_receiverRegex_isAnchored() async throws {
        let s = FakeServer()
        let counts = try await s.test { c in
            _ = try await c.post("/api/v2/alerts", #"[{"labels":{"alertname":"A","team":"a"}},{"labels":{"alertname":"B"}}]"#)
            var out: [Int] = []
            for q in ["team", "team-.*", "default", "defaul"] {
                out.append((try await c.get("/api/v2/alerts?receiver=" + q).json as? [Any])?.count ?? -1)
            }
            return out
        }
        XCTAssertEqual(counts, [0, 1, 2, 0])
    }

    func test_getAlerts_resolvedAlert_isNeverListed() async throws {
        let s = FakeServer()
        let r = try await s.test { c in
            _ = try await c.post("/api/v2/alerts", #"[{"labels":{"alertname":"gone"},"endsAt":"2023-11-14T22:00:00Z"},{"labels":{"alertname":"here"}}]"#)
            return try await c.get("/api/v2/alerts")
        }
        let names = (r.json as? [[String: Any]])?.compactMap { ($0["labels"] as? [String: String])?["alertname"] }
        XCTAssertEqual(names, ["here"])
        XCTAssertEqual(s.store.count, 2, "the resolved alert stays stored until GC")
    }

    func test_getAlerts_manyAlerts_sortedByFingerprint() async throws {
        let s = FakeServer()
        let body = "[" + (0..<200).map { #"{"labels":{"alertname":"A","i":"\#($0)"}}"# }.joined(separator: ",") + "]"
        let r = try await s.test { c in
            _ = try await c.post("/api/v2/alerts", body)
            return try await c.get("/api/v2/alerts")
        }
        let fps = try XCTUnwrap((r.json as? [[String: Any]])?.compactMap { $0["fingerprint"] as? String })
        XCTAssertEqual(fps.count, 200)
        XCTAssertEqual(fps, fps.sorted())
    }

    func test_getAlerts_manyChunksWithResolvedAlerts_listsEveryFiringOneOnceInOrder() async throws {
        // The listing is written in chunks as it reads the alerts back from the store: 2,600
        // alerts are several chunks; every third is resolved and left out while writing, and
        // the JSON must still be one well-formed list with every firing alert once.
        let s = FakeServer()
        let body = "[" + (0..<2600).map { i in
            #"{"labels":{"alertname":"A","i":"\#(i)"}"# + (i % 3 == 0 ? #","endsAt":"2023-11-14T22:00:00Z"}"# : "}")
        }.joined(separator: ",") + "]"
        let r = try await s.test { c in
            _ = try await c.post("/api/v2/alerts", body)
            return try await c.get("/api/v2/alerts")
        }
        XCTAssertTrue(r.text.hasPrefix("[{") && r.text.hasSuffix("}]\n"))
        let list = try XCTUnwrap(r.json as? [[String: Any]])
        let firing = Set((0..<2600).filter { $0 % 3 != 0 }.map { "\($0)" })
        let listed = list.compactMap { ($0["labels"] as? [String: String])?["i"] }
        XCTAssertEqual(listed.count, firing.count)
        XCTAssertEqual(Set(listed), firing)
        let fps = list.compactMap { $0["fingerprint"] as? String }
        XCTAssertEqual(fps, fps.sorted())
    }

    func test_getAlerts_onlyResolvedOrOneFiringLate_bracketsStayRight() async throws {
        // Rows left out while writing (resolved): the list starts at the first alert that is
        // listed, wherever it is, and is `[]` when none is.
        let s = FakeServer()
        let resolved = (0..<1500).map { #"{"labels":{"alertname":"R","i":"\#($0)"},"endsAt":"2023-11-14T22:00:00Z"}"# }
        let (none, one) = try await s.test { c in
            _ = try await c.post("/api/v2/alerts", "[" + resolved.joined(separator: ",") + "]")
            let none = try await c.get("/api/v2/alerts")
            _ = try await c.post("/api/v2/alerts", #"[{"labels":{"alertname":"F"}}]"#)
            return (none, try await c.get("/api/v2/alerts"))
        }
        XCTAssertEqual(none.text, "[]\n")
        XCTAssertTrue(one.text.hasPrefix("[{") && one.text.hasSuffix("}]\n"))
        let names = (one.json as? [[String: Any]])?.compactMap { ($0["labels"] as? [String: String])?["alertname"] }
        XCTAssertEqual(names, ["F"])
    }

    func test_getAlerts_badFilterOrReceiver_returns400JSONString() async throws {
        let s = FakeServer()
        let (f, rcv) = try await s.test { c in
            (try await c.get("/api/v2/alerts?filter=foo"), try await c.get("/api/v2/alerts?receiver=%28"))
        }
        XCTAssertEqual(f.status, .badRequest)
        XCTAssertTrue(f.text.hasPrefix("\"") && f.text.hasSuffix("\"\n"), f.text)
        XCTAssertEqual(rcv.status, .badRequest)
        XCTAssertTrue(rcv.text.hasPrefix("\"failed to parse receiver param: "), rcv.text)
    }

    func test_getAlertGroups_filtersAndShape() async throws {
        let s = FakeServer()
        let silenced = LabelSet(["alertname": "B", "x": "2"]).fingerprint
        let (all, unsilenced, none) = try await s.test { c in
            _ = try await c.post("/api/v2/alerts", #"[{"labels":{"alertname":"A","x":"1"}},{"labels":{"alertname":"B","x":"2"}}]"#)
            s.silencedBy.withLock { $0[silenced] = ["s1"] }
            return (try await c.get("/api/v2/alerts/groups"), try await c.get("/api/v2/alerts/groups?silenced=false"),
                    try await c.get("/api/v2/alerts/groups?receiver=other"))
        }
        let groups = try XCTUnwrap(all.json as? [[String: Any]])
        XCTAssertEqual(groups.count, 2)
        XCTAssertEqual(groups[0]["labels"] as? [String: String], ["alertname": "A"])
        XCTAssertEqual((groups[0]["receiver"] as? [String: String])?["name"], "default")
        let alert = (groups[1]["alerts"] as? [[String: Any]])?.first
        XCTAssertEqual((alert?["status"] as? [String: Any])?["silencedBy"] as? [String], ["s1"])
        XCTAssertEqual((alert?["receivers"] as? [[String: String]])?.first?["name"], "default")
        XCTAssertTrue(all.text.hasPrefix(#"[{"alerts":[{"annotations":{}"#))
        XCTAssertEqual((unsilenced.json as? [Any])?.count, 1)
        XCTAssertEqual(none.text, "[]\n")
    }
}
