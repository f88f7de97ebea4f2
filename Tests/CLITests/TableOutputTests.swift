@testable import CLI
import APIModel
import XCTest

/// The simple and extended tables of `silence query` and `alert query` (headers, cells, sort
/// order), pinned from the output before the two listings shared `Formatter.table`.
final class TableOutputTests: XCTestCase {
    private let silencesBody = #"[{"id":"b2","status":{"state":"active"},"updatedAt":"2024-05-01T10:00:00.123+02:00","comment":"later","createdBy":"you","endsAt":"2024-05-02T12:00:00.000Z","matchers":[{"isEqual":true,"isRegex":false,"name":"team","value":"a"}],"startsAt":"2024-05-01T10:00:00.000Z"},{"id":"a1","status":{"state":"active"},"updatedAt":"2024-05-01T10:00:00.000Z","comment":"first","createdBy":"me","endsAt":"2024-05-01T12:00:00.000Z","matchers":[{"isEqual":false,"isRegex":true,"name":"job","value":"a|b"},{"isRegex":false,"name":"x","value":"y"}],"startsAt":"2024-05-01T10:00:00.000+02:00"}]"#
    private let alertsBody = #"[{"annotations":{"a":"1","summary":"s"},"endsAt":"2024-05-01T12:00:00.000Z","fingerprint":"f0","receivers":[{"name":"r1"}],"startsAt":"2024-05-01T10:00:00.000-07:00","status":{"inhibitedBy":[],"silencedBy":["s1"],"state":"suppressed"},"updatedAt":"2024-05-01T10:00:01.000Z","generatorURL":"http://x/","labels":{"alertname":"A","b":"2"}},{"endsAt":"2024-05-01T12:00:00.000Z","fingerprint":"f1","receivers":[],"startsAt":"2024-05-01T09:00:00.000Z","status":{"inhibitedBy":[],"silencedBy":[],"state":"active"},"updatedAt":"2024-05-01T10:00:01.000Z","labels":{"alertname":"Longer"}}]"#

    /// Each line as given, with its newline (cells end in tabwriter's padding spaces).
    private func lines(_ l: String...) -> String { l.map { $0 + "\n" }.joined() }

    func test_silenceTables_sortedByEndTime() throws {
        let silences = try GettableSilence.decodeList(Array(silencesBody.utf8))
        XCTAssertEqual(Formatter(output: .simple).silences(silences), lines(
            "ID  Matchers          Ends At                  Created By  Comment  ",
            "a1  job!~\"a|b\" x=\"y\"  2024-05-01 12:00:00 UTC  me          first    ",
            "b2  team=\"a\"          2024-05-02 12:00:00 UTC  you         later    "))
        XCTAssertEqual(Formatter(output: .extended).silences(silences), lines(
            "ID  Matchers            Starts At                  Ends At                  Updated At                 Created By  Comment  ",
            "a1  {job!~\"a|b\",x=\"y\"}  2024-05-01 10:00:00 +0200  2024-05-01 12:00:00 UTC  2024-05-01 10:00:00 UTC    me          first    ",
            "b2  {team=\"a\"}          2024-05-01 10:00:00 UTC    2024-05-02 12:00:00 UTC  2024-05-01 10:00:00 +0200  you         later    "))
    }

    func test_alertTables_sortedByStartTime() throws {
        let alerts = try GettableAlert.decodeList(Array(alertsBody.utf8))
        XCTAssertEqual(Formatter(output: .simple).alerts(alerts), lines(
            "Alertname  Starts At                  Summary  State       ",
            "Longer     2024-05-01 09:00:00 UTC             active      ",
            "A          2024-05-01 10:00:00 -0700  s        suppressed  "))
        XCTAssertEqual(Formatter(output: .extended).alerts(alerts), lines(
            "Labels               Annotations        Starts At                  Ends At                  Generator URL  State       ",
            "alertname=\"Longer\"                      2024-05-01 09:00:00 UTC    2024-05-01 12:00:00 UTC                 active      ",
            "alertname=\"A\" b=\"2\"  a=\"1\" summary=\"s\"  2024-05-01 10:00:00 -0700  2024-05-01 12:00:00 UTC  http://x/      suppressed  "))
    }

    func test_listDecoding_notAnArray_isGoUnmarshalError() {
        XCTAssertThrowsError(try GettableAlert.decodeList(Array("{}".utf8))) { error in
            XCTAssertEqual((error as? JSONError)?.message, "json: cannot unmarshal object into Go value of type models.GettableAlerts")
        }
        XCTAssertThrowsError(try GettableSilence.decodeList(Array("null".utf8))) { error in
            XCTAssertEqual((error as? JSONError)?.message, "json: cannot unmarshal null into Go value of type models.GettableSilences")
        }
    }
}
