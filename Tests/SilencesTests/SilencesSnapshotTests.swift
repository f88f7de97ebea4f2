import AlertCore
import Foundation
@testable import Silences
import TestKit
import Wire
import XCTest

final class SilencesSnapshotTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func entry(_ id: String) throws -> MeshSilence {
        let s = Silence(id: id, matchers: [try Matcher(.equal, "a", "1"), try Matcher(.notRegexp, "b", "x.*")],
                        startsAt: t0, endsAt: t0 + 60, updatedAt: t0 + 0.5, createdBy: "ops", comment: "maint")
        return MeshSilence(silence: s, expiresAt: t0 + 3600)
    }

    func test_snapshot_roundTrip_equal() throws {
        let es = [try entry("a"), try entry("b")]
        let loaded = SilencesCodec.load(SilencesCodec.snapshot(es))
        XCTAssertNil(loaded.error)
        XCTAssertEqual(Set(loaded.entries.map(\.silence.id)), ["a", "b"])
        XCTAssertEqual(loaded.entries.first { $0.silence.id == "a" }, es[0])
    }

    func test_snapshot_truncated_keepsValidPrefixAndReports() throws {
        let bytes = SilencesCodec.snapshot([try entry("a"), try entry("b")])
        let loaded = SilencesCodec.load(Array(bytes.dropLast(5)))
        XCTAssertEqual(loaded.entries.count, 1)
        XCTAssertNotNil(loaded.error)
    }

    func test_snapshot_garbage_reportsNoCrash() {
        let loaded = SilencesCodec.load([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        XCTAssertEqual(loaded.entries.count, 0)
        XCTAssertNotNil(loaded.error)
    }

    /// A store journaling to a fresh file in the temporary directory.
    private func journaled(_ clock: ManualClock) throws -> (SilenceStore, path: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("silences-\(UUID())").path
        let silences = SilenceStore(retention: 3600, clock: clock)
        try AtomicFile.write(silences.snapshot(), to: path)
        silences.persistChanges(to: path) { XCTFail($0) }
        return (silences, path)
    }

    /// Every acknowledged change is in the file when `setDurably`/`expireDurably` return
    /// (no snapshot written after it), in order, so a later entry for an ID is the newer
    /// one; a snapshot compacts the file and later changes are appended to the new one.
    func test_persistChanges_everyChangeOnDiskBeforeReturn_andCompactedBySnapshot() async throws {
        let clock = ManualClock(t0)
        let (silences, path) = try journaled(clock)
        defer { try? FileManager.default.removeItem(atPath: path) }
        func onDisk() -> [MeshSilence] {
            SilencesCodec.load(Array(FileManager.default.contents(atPath: path) ?? Data())).entries
        }
        let s = Silence(matchers: [try Matcher(.equal, "job", "a")], startsAt: t0, endsAt: t0 + 600, createdBy: "me", comment: "one")
        let id = try await silences.setDurably(s)
        XCTAssertEqual(onDisk().map(\.silence.comment), ["one"])
        clock.advance(by: 1)
        var edited = try XCTUnwrap(silences.get(id))
        edited.comment = "two"
        let sameID = try await silences.setDurably(edited)
        XCTAssertEqual(sameID, id)
        clock.advance(by: 1)
        try await silences.expireDurably(id)
        XCTAssertEqual(onDisk().map(\.silence.comment), ["one", "two", "two"])
        XCTAssertEqual(onDisk().last?.silence, silences.get(id))

        // A restarted store (no shutdown snapshot) has the last state.
        let restarted = SilenceStore(retention: 3600, clock: clock)
        XCTAssertNil(restarted.loadSnapshot(from: path))
        XCTAssertEqual(restarted.get(id), silences.get(id))
        XCTAssertEqual(restarted.get(id)?.state(at: clock.now()), .expired)

        await silences.writeSnapshot()
        XCTAssertEqual(onDisk().count, 1)
        let second = try await silences.setDurably(Silence(matchers: [try Matcher(.equal, "job", "b")], startsAt: t0,
                                                           endsAt: t0 + 600, createdBy: "me", comment: "after"))
        XCTAssertEqual(onDisk().map(\.silence.id), [id, second])
    }

    /// A silence received from a peer reaches the file without a snapshot, after the local
    /// changes queued before it; a stale copy of it is not appended.
    func test_persistChanges_mergedFromPeer_appendedOnce() async throws {
        let (silences, path) = try journaled(ManualClock(t0))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertTrue(silences.merge(try entry("from-peer")))
        XCTAssertFalse(silences.merge(try entry("from-peer")))
        // A local change waits for its flush, which includes everything queued before it.
        let local = try await silences.setDurably(Silence(matchers: [try Matcher(.equal, "job", "a")], startsAt: t0,
                                                          endsAt: t0 + 600, createdBy: "me", comment: ""))
        let onDisk = SilencesCodec.load(Array(FileManager.default.contents(atPath: path) ?? Data())).entries
        XCTAssertEqual(onDisk.map(\.silence.id), ["from-peer", local])
    }

    /// Changes made concurrently all reach the file (several share one flush).
    func test_persistChanges_concurrentChanges_allOnDisk() async throws {
        let (silences, path) = try journaled(ManualClock(t0))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let t0 = self.t0
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<200 {
                group.addTask {
                    try await silences.setDurably(Silence(matchers: [try Matcher(.equal, "i", "\(i)")], startsAt: t0,
                                                          endsAt: t0 + 600, createdBy: "me", comment: ""))
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        let loaded = SilencesCodec.load(Array(FileManager.default.contents(atPath: path) ?? Data()))
        XCTAssertNil(loaded.error)
        XCTAssertEqual(Set(loaded.entries.map(\.silence.id)), ids)
        XCTAssertEqual(ids.count, 200)
    }

    func test_file_writeAndLoad_restoresSilences() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sil-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("silences").path
        let clock = ManualClock(t0)
        let a = SilenceStore(retention: 3600, clock: clock)
        let id = try a.set(Silence(matchers: [try Matcher(.equal, "a", "1")], startsAt: t0, endsAt: t0 + 60, createdBy: "x", comment: "y"))
        try AtomicFile.write(a.snapshot(), to: path)
        let b = SilenceStore(retention: 3600, clock: clock)
        XCTAssertNil(b.loadSnapshot(from: path))
        XCTAssertEqual(b.get(id)?.comment, "y")
        XCTAssertNil(b.loadSnapshot(from: dir.appendingPathComponent("missing").path))
    }
}
