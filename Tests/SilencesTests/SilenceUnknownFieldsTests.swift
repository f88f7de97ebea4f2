import AlertCore
import Foundation
@testable import Silences
import SwiftProtobuf
import TestKit
import Wire
import XCTest

/// A newer Alertmanager's silence fields (0.32+: `annotations` = 10, `matcher_sets` = 11,
/// and a field no version has yet) pass through Tocsin unchanged: the bytes it gossips and snapshots are the bytes it got.
final class SilenceUnknownFieldsTests: XCTestCase {
    // Protobuf pieces, written as gogo writes them (fields in number order).
    private func varint(_ v: UInt64) -> [UInt8] { ProtobufBytes.varint(v) }
    private func bytesField(_ n: UInt64, _ body: [UInt8]) -> [UInt8] { ProtobufBytes.bytesField(n, body) }
    private func string(_ n: UInt64, _ s: String) -> [UInt8] { ProtobufBytes.string(n, s) }
    private func timestamp(_ n: UInt64, _ seconds: UInt64) -> [UInt8] { ProtobufBytes.timestamp(n, seconds) }

    /// A 0.34 `MeshSilence`: the first matcher set also in `matchers` (as 0.34 writes it for
    /// older peers), one annotation, two matcher sets.
    private func meshSilence034() -> [UInt8] {
        let first = string(2, "alertname") + string(3, "Disk")          // EQUAL (0) is omitted
        let second = varint(1 << 3) + varint(1) + string(2, "job") + string(3, "db.*") // REGEXP
        var silence = string(1, "0c5d7f1e-5b4e-4f0e-9c39-3a1d2f6b7a10")
        silence += bytesField(2, first)
        silence += timestamp(3, 1_700_000_000) + timestamp(4, 1_700_003_600) + timestamp(5, 1_700_000_000)
        silence += string(8, "ops") + string(9, "disk work")
        silence += bytesField(10, string(1, "ticket") + string(2, "OPS-1"))
        silence += bytesField(11, bytesField(1, first))
        silence += bytesField(11, bytesField(1, second))
        silence += string(99, "from the future")
        return bytesField(1, silence) + timestamp(2, 1_700_435_600)
    }

    func test_codec_silenceWithNewerFields_encodesBackToTheSameBytes() throws {
        let bytes = meshSilence034()
        let decoded = try SilencesCodec.decode(try Silencepb_MeshSilence(serializedBytes: bytes))
        XCTAssertEqual(decoded.silence.matchers.map(\.name), ["alertname"], "Tocsin mutes by the first set")
        XCTAssertEqual(decoded.silence.annotations, ["ticket": "OPS-1"])
        XCTAssertFalse(decoded.silence.extraFields.isEmpty)
        let again: [UInt8] = try SilencesCodec.encode(decoded).serializedBytes()
        XCTAssertEqual(again, bytes)
    }

    func test_snapshot_mergedSilenceWithNewerFields_snapshotHoldsTheSameBytes() throws {
        let bytes = meshSilence034()
        var state = SilencesState(retention: 120 * 3600)
        let entry = try SilencesCodec.decode(try Silencepb_MeshSilence(serializedBytes: bytes))
        XCTAssertTrue(state.merge(entry, now: Date(timeIntervalSince1970: 1_700_000_100)))
        let snapshot = SilencesCodec.snapshot(Array(state.entries.values))
        XCTAssertEqual(snapshot, varint(UInt64(bytes.count)) + bytes)
        let loaded = SilencesCodec.load(snapshot)
        XCTAssertEqual(loaded.entries.first?.silence.extraFields, entry.silence.extraFields)
    }

    func test_expire_silenceWithNewerFields_keepsThem() throws {
        let entry = try SilencesCodec.decode(try Silencepb_MeshSilence(serializedBytes: meshSilence034()))
        var state = SilencesState(retention: 120 * 3600)
        state.merge(entry, now: Date(timeIntervalSince1970: 1_700_000_100))
        let changed = try state.expire(entry.silence.id, now: Date(timeIntervalSince1970: 1_700_000_200))
        XCTAssertEqual(changed.first?.silence.extraFields, entry.silence.extraFields)
    }

    func test_update_throughTheAPI_oneSet_replacesTheSilenceAsUpstream() throws {
        // The API has one matcher set: 0.33's canUpdate sees other sets, so the old silence
        // is expired (keeping its fields) and a new one without them is created.
        let entry = try SilencesCodec.decode(try Silencepb_MeshSilence(serializedBytes: meshSilence034()))
        var state = SilencesState(retention: 120 * 3600)
        let now = Date(timeIntervalSince1970: 1_700_000_100)
        state.merge(entry, now: now)
        var posted = Silence(id: entry.silence.id, matchers: entry.silence.matchers, startsAt: entry.silence.startsAt,
                             endsAt: entry.silence.endsAt.addingTimeInterval(600), createdBy: "ops", comment: "longer")
        posted.annotations = entry.silence.annotations
        let change = try state.set(posted, now: now, newID: { "new" })
        XCTAssertEqual(change.id, "new")
        XCTAssertEqual(state.entries["new"]?.silence.extraFields, [])
        XCTAssertEqual(state.entries[entry.silence.id]?.silence.internalState(at: now.addingTimeInterval(1)), .expired)
        XCTAssertEqual(state.entries[entry.silence.id]?.silence.extraFields, entry.silence.extraFields)
    }

    func test_matching_silenceWithTwoSets_mutesByEither() throws {
        let entry = try SilencesCodec.decode(try Silencepb_MeshSilence(serializedBytes: meshSilence034()))
        XCTAssertEqual(entry.silence.matcherSets.map { $0.map(\.name) }, [["alertname"], ["job"]])
        var state = SilencesState(retention: 120 * 3600)
        let now = Date(timeIntervalSince1970: 1_700_000_100)
        state.merge(entry, now: now)
        XCTAssertEqual(state.matching(["alertname": "Disk"], now: now).map(\.id), [entry.silence.id], "first set")
        XCTAssertEqual(state.matching(["alertname": "Other", "job": "dbmain"], now: now).map(\.id), [entry.silence.id],
                       "second set, without the first set's label")
        XCTAssertEqual(state.matching(["alertname": "Other", "job": "web"], now: now).count, 0)
    }

    func test_codec_oneSetSilence_notMarkedAsSeveralSets() throws {
        let first = string(2, "alertname") + string(3, "Disk")
        var silence = string(1, "id1") + bytesField(2, first)
        silence += timestamp(3, 1_700_000_000) + timestamp(4, 1_700_003_600) + timestamp(5, 1_700_000_000)
        silence += bytesField(11, bytesField(1, first))
        let decoded = try SilencesCodec.decode(try Silencepb_MeshSilence(serializedBytes: bytesField(1, silence)))
        XCTAssertEqual(decoded.silence.matcherSets.count, 0)
        XCTAssertEqual(decoded.silence.matchers.map(\.value), ["Disk"])
    }
}
