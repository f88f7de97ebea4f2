import Foundation
import AlertCore
import XCTest

final class LabelSetTests: XCTestCase {
    func test_init_unsortedDictionary_sortsByteWise() {
        let ls = LabelSet(["b": "1", "B": "2", "a": "3", "_x": "4"])
        XCTAssertEqual(ls.names, ["B", "_x", "a", "b"])
    }

    func test_subscriptSet_newName_keepsOrder() {
        var ls = LabelSet(["a": "1", "c": "3"])
        ls["b"] = "2"
        XCTAssertEqual(ls.names, ["a", "b", "c"])
        ls["a"] = nil
        XCTAssertEqual(ls.names, ["b", "c"])
    }

    func test_removingEmptyValues_dropsEmpty() {
        XCTAssertEqual(LabelSet(["a": "", "b": "x"]).removingEmptyValues().names, ["b"])
    }

    func test_before_fewerLabelsFirst_thenNamesThenValues() {
        XCTAssertTrue(LabelSet(["z": "1"]).before(LabelSet(["a": "1", "b": "1"])))
        // Go walks the sorted union of names: the set missing the smaller name comes first.
        XCTAssertTrue(LabelSet(["b": "1"]).before(LabelSet(["a": "1"])))
        XCTAssertFalse(LabelSet(["a": "1"]).before(LabelSet(["b": "0"])))
        XCTAssertTrue(LabelSet(["a": "1"]).before(LabelSet(["a": "2"])))
        XCTAssertFalse(LabelSet(["a": "1"]).before(LabelSet(["a": "1"])))
    }

    /// The packed form keeps every byte: long values (two-byte lengths), empty values,
    /// multi-byte UTF-8, and 200 labels (a two-byte count).
    func test_packedStorage_longUnicodeAndManyLabels_roundTrip() {
        var dict = ["big": String(repeating: "x", count: 70_000), "empty": "", "uni": "größe ✓ 🚨"]
        for i in 0..<200 { dict[String(format: "l%03d", i)] = "v\(i)" }
        let ls = LabelSet(dict)
        XCTAssertEqual(ls.count, 203)
        XCTAssertEqual(ls.dictionary, dict)
        XCTAssertEqual(ls["big"]?.utf8.count, 70_000)
        XCTAssertEqual(ls["uni"], "größe ✓ 🚨")
        XCTAssertEqual(ls["empty"], "")
        XCTAssertNil(ls["missing"])
        XCTAssertEqual(ls.labels.map(\.name), dict.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        var utf8Names: [String] = []
        ls.forEachUTF8 { name, _ in
            utf8Names.append(String(decoding: name, as: UTF8.self))
            return utf8Names.count < 3
        }
        XCTAssertEqual(utf8Names, ["big", "empty", "l000"])
    }

    func test_equalityAndHash_dependOnContentOnly() {
        var a = LabelSet(["a": "1", "b": "2"])
        let b = LabelSet(sorted: [Label(name: "a", value: "1"), Label(name: "b", value: "2")])
        XCTAssertEqual(a, b)
        XCTAssertEqual(Set([a, b]).count, 1)
        a["b"] = "3"
        XCTAssertNotEqual(a, b)
        XCTAssertEqual(LabelSet(), LabelSet([:]))
        XCTAssertTrue(LabelSet().isEmpty)
        XCTAssertEqual(LabelSet().count, 0)
        XCTAssertNotEqual(LabelSet(["a": ""]), LabelSet())
    }

    func test_labelName_legacyRule_acceptsAndRejects() {
        for ok in ["a", "_", "A_1", "__name__"] { XCTAssertTrue(LabelName.isValid(ok), ok) }
        for bad in ["", "1a", "a-b", "a.b", "é", "a b"] { XCTAssertFalse(LabelName.isValid(bad), bad) }
    }

    /// Names and common values are kept once per process and referenced: a set of common
    /// labels packs into a few bytes, and sets built apart stay equal byte for byte.
    func test_interning_commonLabels_packSmallAndStayEqual() {
        let dict = ["interning_test_alertname": "InterningTestAlert", "interning_test_severity": "critical"]
        let first = LabelSet(dict), second = LabelSet(dict)
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.hashValue, second.hashValue)
        XCTAssertEqual(second.dictionary, dict)
        // The count and four one- or two-byte references instead of 68 bytes of text.
        XCTAssertLessThanOrEqual(second.encodedByteCount, 9)
        XCTAssertEqual(second.fingerprint, LabelSet(sorted: second.labels).fingerprint)
    }

    /// Past its name's budget a value is written literally, in every set carrying it, and
    /// long values always are: sets stay equal and every byte comes back.
    func test_interning_overBudgetAndLongValues_literalAndEqual() {
        let name = "interning_test_instance"
        var sets: [LabelSet] = []
        for i in 0..<1200 { sets.append(LabelSet([name: "host-\(i)", "interning_test_job": "node"])) }
        for i in [0, 500, 1100, 1199] {
            let again = LabelSet([name: "host-\(i)", "interning_test_job": "node"])
            XCTAssertEqual(sets[i], again)
            XCTAssertEqual(again[name], "host-\(i)")
        }
        XCTAssertGreaterThan(sets[1199].encodedByteCount, sets[0].encodedByteCount)
        let long = String(repeating: "v", count: 65)
        let a = LabelSet(["interning_test_long": long]), b = LabelSet(["interning_test_long": long])
        XCTAssertEqual(a, b)
        XCTAssertEqual(b["interning_test_long"], long)
        XCTAssertGreaterThan(b.encodedByteCount, 65)
    }

    /// Cutting a set (the dispatcher's group labels) copies the kept labels' encoded fields:
    /// the result must be the very set built from those labels, interned references,
    /// literal values past their budget and long values alike.
    func test_filteredUTF8_equalsTheSetBuiltFromTheKeptLabels() {
        let long = String(repeating: "w", count: 70)
        for i in [0, 1500] {
            // The second round's value comes after its name's budget is spent: literal.
            if i > 0 { for j in 0..<1100 { _ = LabelSet(["filter_test_instance": "fill-\(j)"]) } }
            let all = LabelSet(["alertname": "Cut", "filter_test_instance": "h-\(i)", "zone": long, "job": "node"])
            let kept = all.filteredUTF8 { $0.elementsEqual("filter_test_instance".utf8) || $0.elementsEqual("zone".utf8) }
            let built = LabelSet(["filter_test_instance": "h-\(i)", "zone": long])
            XCTAssertEqual(kept, built)
            XCTAssertEqual(kept.fingerprint, built.fingerprint)
            XCTAssertEqual(kept.dictionary, ["filter_test_instance": "h-\(i)", "zone": long])
            XCTAssertEqual(all.filteredUTF8 { _ in true }, all)
            XCTAssertEqual(all.filteredUTF8 { _ in false }, LabelSet())
            XCTAssertTrue(all.filteredUTF8 { _ in false }.isEmpty)
            XCTAssertEqual(all.filtered { $0 == "job" }, LabelSet(["job": "node"]))
        }
    }
}
