@testable import APIModel
import AlertCore
import Foundation
import XCTest

final class JSONCodecTests: XCTestCase {
    private func decode(_ s: String) throws(PostableAlertsError) -> [PostableAlert] {
        var bytes = Array(s.utf8)
        return try bytes.withUnsafeMutableBufferPointer { p throws(PostableAlertsError) in
            try PostableAlertDecoder.decode(UnsafeBufferPointer(p))
        }
    }

    func test_decoder_escapesSurrogatesAndCase_decodedAsGoDoes() throws {
        let got = try decode(#"[{"Labels":{"a":"x\u00e9\ud83d\ude00\n\"","b":"lone\ud800","a2":null},"GENERATORURL":"u","extra":[1,{"k":true}]}]"#)
        XCTAssertEqual(got.count, 1)
        XCTAssertEqual(got[0].labels["a"], "xé😀\n\"")
        XCTAssertEqual(got[0].labels["b"], "lone\u{FFFD}")
        XCTAssertEqual(got[0].labels["a2"], "")
        XCTAssertEqual(got[0].generatorURL, "u")
    }

    func test_decoder_duplicateLabel_lastWinsAndSorted() throws {
        let got = try decode(#"[{"labels":{"z":"1","a":"2","z":"3"}}]"#)
        XCTAssertEqual(got[0].labels.labels, [Label(name: "a", value: "2"), Label(name: "z", value: "3")])
    }

    func test_decoder_repeatedLongValuesInOneBody_decodedIntactAndURLStoredOnce() throws {
        let url = "http://prometheus.local:9090/graph?g0.expr=up"
        let got = try decode(#"[{"labels":{"job":"a-rather-long-job-name","i":"1"},"annotations":{"s":"unique value number one"},"generatorURL":"\#(url)"},"#
            + #"{"labels":{"job":"a-rather-long-job-name","i":"2"},"annotations":{"s":"unique value number two"},"generatorURL":"\#(url)"}]"#)
        XCTAssertEqual(got.map { $0.labels["job"] }, ["a-rather-long-job-name", "a-rather-long-job-name"])
        XCTAssertEqual(got.map { $0.annotations["s"] }, ["unique value number one", "unique value number two"])
        XCTAssertEqual(got.map(\.generatorURL), [url, url])
        func storage(_ s: String?) -> UnsafeRawPointer? {
            var s = s ?? ""
            return s.withUTF8 { UnsafeRawPointer($0.baseAddress) }
        }
        XCTAssertEqual(storage(got[0].generatorURL), storage(got[1].generatorURL))
    }

    /// Raw (unescaped) multi-byte UTF-8 is kept; invalid bytes become U+FFFD as in Go.
    func test_decoder_rawUTF8AndInvalidBytes_inLabels() throws {
        var body = Array(#"[{"labels":{"ok":"größe ✓","bad":"a"#.utf8)
        body += [0xFF, 0xC3]
        body += Array(#"b","plain":"x"}}]"#.utf8)
        let got = try body.withUnsafeBufferPointer { p throws(PostableAlertsError) in try PostableAlertDecoder.decode(p) }
        XCTAssertEqual(got[0].labels.dictionary, ["ok": "größe ✓", "bad": "a\u{FFFD}\u{FFFD}b", "plain": "x"])
    }

    /// Strings are scanned eight bytes a step: an escape, a raw non-ASCII character or a raw
    /// control byte at any position of a long value must still be seen where it is.
    func test_decoder_specialsAtEveryPositionOfLongValues() throws {
        let specials: [(json: String, value: String)] = [(#"\""#, "\""), (#"\\"#, "\\"), (#"\n"#, "\n"), ("é", "é"), (#"\u00e9"#, "é")]
        for (json, value) in specials {
            for at in 0..<20 {
                let pad = String(repeating: "p", count: at), tail = String(repeating: "t", count: 19 - at)
                let got = try decode(#"[{"labels":{"k":"\#(pad)\#(json)\#(tail)"},"generatorURL":"\#(pad)\#(json)\#(tail)"}]"#)
                XCTAssertEqual(got[0].labels["k"], pad + value + tail, "\(json) at \(at)")
                XCTAssertEqual(got[0].generatorURL, pad + value + tail, "\(json) at \(at)")
            }
        }
        var raw = Array(#"[{"labels":{"k":"0123456789"#.utf8)
        raw += [0x01]
        raw += Array(#"abcdefgh"}}]"#.utf8)
        XCTAssertThrowsError(try raw.withUnsafeBufferPointer { p throws(PostableAlertsError) in try PostableAlertDecoder.decode(p) }) { e in
            XCTAssertEqual(e as? PostableAlertsError, .parse("invalid character '\\x01' in string literal"))
        }
    }

    func test_decoder_syntaxErrors_goWording() {
        XCTAssertThrowsError(try decode("[x]")) { e in
            XCTAssertEqual(e as? PostableAlertsError, .parse("invalid character 'x' looking for beginning of value"))
        }
        XCTAssertThrowsError(try decode(#"[{"labels":{"a":"b"}} {}]"#)) { e in
            XCTAssertEqual(e as? PostableAlertsError, .parse("invalid character '{' after array element"))
        }
        XCTAssertThrowsError(try decode(#"[{"labels":{"a":"b"},"startsAt":5}]"#)) { e in
            XCTAssertEqual(e as? PostableAlertsError, .parse("json: cannot unmarshal number into Go value of type string"))
        }
        XCTAssertThrowsError(try decode("[\"a\"]")) { e in
            XCTAssertEqual(e as? PostableAlertsError, .parse("json: cannot unmarshal string into Go value of type models.PostableAlert"))
        }
    }

    func test_decoder_nullBodyOrEmptyArray_noAlerts() throws {
        XCTAssertEqual(try decode("null").count, 0)
        XCTAssertEqual(try decode(" [ ] ").count, 0)
    }
}
