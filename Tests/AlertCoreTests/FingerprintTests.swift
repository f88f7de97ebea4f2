import AlertCore
import XCTest

/// Vectors recorded from the real prometheus-alertmanager 0.25 (Debian 12): the API's
/// `fingerprint`, the webhook's `groupKey`, and the nflog snapshot's firing-alert hashes
/// for `group_by: ['...']` groups.
final class FingerprintTests: XCTestCase {
    struct Vector {
        let labels: [String: String]
        let fingerprint: String
        let nflogHash: String
        let groupLabels: String
    }

    static let vectors: [Vector] = [
        Vector(labels: ["alertname": "HighCPU", "cluster": "eu1", "instance": "host:9100", "job": "node"],
               fingerprint: "400ebd511cbebcc9", nflogHash: "43221625e2e468d2",
               groupLabels: #"{alertname="HighCPU", cluster="eu1", instance="host:9100", job="node"}"#),
        Vector(labels: ["a": "b"], fingerprint: "d2b371819297f98a", nflogHash: "608891b6a4fd3588",
               groupLabels: #"{a="b"}"#),
        Vector(labels: ["alertname": "Unicode", "value": "héllo wörld ✓", "quote": "say \"hi\"\n"],
               fingerprint: "c15192fe07a24840", nflogHash: "dc675e9b97b953ab",
               groupLabels: #"{alertname="Unicode", quote="say \"hi\"\n", value="héllo wörld ✓"}"#),
        Vector(labels: ["alertname": "x"], fingerprint: "d240efc3896bf266", nflogHash: "1c73c0192a74bf09",
               groupLabels: #"{alertname="x"}"#),
        Vector(labels: ["__name__": "up", "aa": "1"], fingerprint: "1aa9b4601041b77e", nflogHash: "9da8be4afb55255e",
               groupLabels: #"{__name__="up", aa="1"}"#),
        Vector(labels: ["alertname": "LongOne", "severity": "critical", "team": "payments",
                        "description_label": String(repeating: "a", count: 79)],
               fingerprint: "1dd429173bf306c2", nflogHash: "a1cee0064a32c9e5",
               groupLabels: "{alertname=\"LongOne\", description_label=\"\(String(repeating: "a", count: 79))\", severity=\"critical\", team=\"payments\"}"),
    ]

    func test_fingerprint_realAlertmanagerVectors_equal() {
        for v in Self.vectors {
            XCTAssertEqual(LabelSet(v.labels).fingerprint.description, v.fingerprint, "\(v.labels)")
        }
    }

    func test_nflogHash_realAlertmanagerVectors_equal() {
        for v in Self.vectors {
            XCTAssertEqual(hex16(LabelSet(v.labels).nflogHash), v.nflogHash, "\(v.labels)")
        }
    }

    func test_goString_realAlertmanagerGroupKeys_equal() {
        for v in Self.vectors {
            XCTAssertEqual(LabelSet(v.labels).goString, v.groupLabels)
        }
    }

    func test_fingerprint_emptySet_isOffsetBasis() {
        XCTAssertEqual(LabelSet().fingerprint.description, "cbf29ce484222325")
    }

    func test_fingerprint_hexRoundTrip_parses() {
        let fp = LabelSet(["a": "b"]).fingerprint
        XCTAssertEqual(Fingerprint(hex: fp.description), fp)
        XCTAssertNil(Fingerprint(hex: "xyz"))
        XCTAssertEqual(Fingerprint(hex: "1")?.description, "0000000000000001")
    }

    func test_xxhash64_referenceVectors_equal() {
        XCTAssertEqual(XXHash64.hash([]), 0xEF46DB3751D8E999)
        XCTAssertEqual(XXHash64.hash(Array("a".utf8)), 0xD24EC4F1A98C6E5B)
        XCTAssertEqual(XXHash64.hash(Array("abc".utf8)), 0x44BC2CF5AD770999)
        // 32+ bytes exercise the four-lane loop.
        let long = Array("Nobody inspects the spammish repetition".utf8)
        XCTAssertEqual(XXHash64.hash(long), 0xFBCEA83C8A378BF1)
    }
}
