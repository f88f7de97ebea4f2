import AlertCore
import Foundation
@testable import Silences
import TestKit
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

    func test_file_writeAndLoad_restoresSilences() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sil-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("silences").path
        let clock = ManualClock(t0)
        let a = Silences(retention: 3600, clock: clock)
        let id = try a.set(Silence(matchers: [try Matcher(.equal, "a", "1")], startsAt: t0, endsAt: t0 + 60, createdBy: "x", comment: "y"))
        try a.writeSnapshot(to: path)
        let b = Silences(retention: 3600, clock: clock)
        XCTAssertNil(b.loadSnapshot(from: path))
        XCTAssertEqual(b.get(id)?.comment, "y")
        XCTAssertNil(b.loadSnapshot(from: dir.appendingPathComponent("missing").path))
    }
}
