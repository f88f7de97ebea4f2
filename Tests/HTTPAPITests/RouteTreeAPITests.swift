import AlertCore
import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

/// Tocsin's `/api/tocsin/v1/routes` extension (the web UI's routing view).
final class RouteTreeAPITests: XCTestCase {
    func test_routes_wholeTreeWithEffectiveOptionsInPreOrder() async throws {
        let r = try await FakeServer().test { c in try await c.get("/api/tocsin/v1/routes") }
        XCTAssertEqual(r.status, .ok)
        XCTAssertEqual(r.headers[.contentType], "application/json")
        let expected = #"{"index":0,"receiver":"default","matchers":[],"groupBy":["alertname"],"groupWait":"30s","#
            + #""groupInterval":"5m","repeatInterval":"4h","continue":false,"muteTimeIntervals":[],"activeTimeIntervals":[],"#
            + #""routes":[{"index":1,"receiver":"team-a","matchers":[{"isEqual":true,"isRegex":false,"name":"team","value":"a"}],"#
            + #""groupBy":["alertname"],"groupWait":"30s","groupInterval":"5m","repeatInterval":"4h","continue":true,"#
            + #""muteTimeIntervals":[],"activeTimeIntervals":[],"routes":[]},"#
            + #"{"index":2,"receiver":"pager","matchers":[{"isEqual":true,"isRegex":true,"name":"severity","value":"page|crit"}],"#
            + #""groupBy":["..."],"groupWait":"10s","groupInterval":"5m","repeatInterval":"4h","continue":false,"#
            + #""muteTimeIntervals":["nights"],"activeTimeIntervals":[],"#
            + #""routes":[{"index":3,"receiver":"pager-b","matchers":[{"isEqual":true,"isRegex":false,"name":"team","value":"\u003cb\u003e"}],"#
            + #""groupBy":["..."],"groupWait":"10s","groupInterval":"5m","repeatInterval":"1m30s","continue":false,"#
            + #""muteTimeIntervals":[],"activeTimeIntervals":[],"routes":[]}]}]}"# + "\n"
        XCTAssertEqual(r.text, expected)
    }

    func test_routesTest_labelsPassedToTheTreesMatch_answersPathsAndReceivers() async throws {
        let s = FakeServer()
        s.routeMatches.withLock { $0 = [1, 3] }
        let r = try await s.test { c in
            try await c.get("/api/tocsin/v1/routes/test?label=team%3D%3Cb%3E&label=severity=page&label=note=a%3Db+c")
        }
        XCTAssertEqual(r.status, .ok)
        XCTAssertEqual(r.text, #"{"labels":{"note":"a=b c","severity":"page","team":"\u003cb\u003e"},"#
            + #""routes":[{"index":1,"path":[0,1],"receiver":"team-a"},{"index":3,"path":[0,2,3],"receiver":"pager-b"}],"#
            + #""receivers":["team-a","pager-b"]}"# + "\n")
        XCTAssertEqual(s.routeQueries.withLock { $0 }, [["team": "<b>", "severity": "page", "note": "a=b c"]])
    }

    func test_routesTest_noLabels_matchesWithTheEmptySet() async throws {
        let s = FakeServer()
        s.routeMatches.withLock { $0 = [0] }
        let r = try await s.test { c in try await c.get("/api/tocsin/v1/routes/test") }
        XCTAssertEqual(r.text, #"{"labels":{},"routes":[{"index":0,"path":[0],"receiver":"default"}],"receivers":["default"]}"# + "\n")
        XCTAssertEqual(s.routeQueries.withLock { $0 }, [LabelSet()])
    }

    func test_routesTest_badLabels_400WithTheReasonAndNoMatch() async throws {
        let s = FakeServer()
        let got = try await s.test { c in
            var out: [String] = []
            for q in ["label=novalue", "label=1x=y", "label=a=1&label=a=2", "label==v"] {
                let r = try await c.get("/api/tocsin/v1/routes/test?" + q)
                out.append("\(r.status.code) \(r.text)")
            }
            return out
        }
        XCTAssertEqual(got, [
            "400 \"bad label \\\"novalue\\\": expected name=value\"\n",
            "400 \"invalid label name \\\"1x\\\"\"\n",
            "400 \"duplicate label name \\\"a\\\"\"\n",
            "400 \"invalid label name \\\"\\\"\"\n",
        ])
        XCTAssertEqual(s.routeQueries.withLock { $0 }, [])
    }

    func test_routes_underRoutePrefix_servedThereOnly() async throws {
        let got = try await FakeServer().test(prefix: "/am") { c in
            [try await c.get("/am/api/tocsin/v1/routes").status.code, try await c.get("/api/tocsin/v1/routes").status.code]
        }
        XCTAssertEqual(got, [200, 404])
    }

    func test_routes_behindWebConfigAuth_401WithoutCredentials() async throws {
        let access = WebAccess(policy: { WebAccessTests.alice })
        let got = try await FakeServer().test(webAccess: access) { c in
            var out: [UInt] = []
            for uri in ["/api/tocsin/v1/routes", "/api/tocsin/v1/routes/test?label=a=b"] {
                out.append(UInt(try await c.get(uri).status.code))
                out.append(UInt(try await c.execute(uri: uri, method: .get,
                                                    headers: WebAccessTests.basic("alice", "tocsin-secret")).status.code))
            }
            return out
        }
        XCTAssertEqual(got, [401, 200, 401, 200])
    }
}
