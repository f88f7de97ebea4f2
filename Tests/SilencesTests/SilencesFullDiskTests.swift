import AlertCore
import Foundation
@testable import Silences
import Synchronization
import TestKit
import Wire
import XCTest

/// An acknowledged silence is on disk or refused: on a full disk `setDurably` and
/// `expireDurably` fail, the change is undone and not gossiped, reads keep working, and
/// changes go through again once there is space.
final class SilencesFullDiskTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func test_setAndExpire_fullDisk_refusedUndoneNotGossiped_thenRecovers() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("full-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let link = dir + "/silences", real = dir + "/real"
        try AtomicFile.write([], to: real)
        // The disk is full: every write to /dev/full fails with ENOSPC.
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/full")

        let clock = ManualClock(t0)
        let silences = SilenceStore(retention: 3600, clock: clock)
        let gossiped = Recorder()
        silences.setOnChange { changed in gossiped.items.withLock { $0 += changed.map(\.silence.comment) } }
        silences.persistChanges(to: link) { _ in }
        // Held in memory (e.g. received before the disk filled up).
        let s = Silence(matchers: [try Matcher(.equal, "job", "a")], startsAt: t0, endsAt: t0 + 600, createdBy: "me", comment: "kept")
        let kept = try silences.set(s)

        var lost = s
        lost.comment = "lost"
        do {
            _ = try await silences.setDurably(lost)
            XCTFail("a silence that is not on disk was acknowledged")
        } catch {
            XCTAssertEqual(error.kind, .storage)
        }
        var edit = try XCTUnwrap(silences.get(kept))
        edit.comment = "edit lost"
        await XCTAssertThrowsAsync(try await silences.setDurably(edit))
        await XCTAssertThrowsAsync(try await silences.expireDurably(kept))
        XCTAssertEqual(silences.all().map(\.comment), ["kept"])
        XCTAssertEqual(silences.get(kept)?.state(at: clock.now()), .active)
        XCTAssertEqual(gossiped.items.withLock { $0 }, ["kept"])

        // Space returns.
        try FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        _ = try await silences.setDurably(lost)
        XCTAssertEqual(Set(silences.all().map(\.comment)), ["kept", "lost"])
        let restarted = SilenceStore(retention: 3600, clock: clock)
        XCTAssertNil(restarted.loadSnapshot(from: real))
        XCTAssertEqual(restarted.all().map(\.comment), ["lost"])
    }
}

private func XCTAssertThrowsAsync<T>(_ body: @autoclosure () async throws -> T, file: StaticString = #filePath,
                                     line: UInt = #line) async {
    do {
        _ = try await body()
        XCTFail("no error thrown", file: file, line: line)
    } catch {}
}

private final class Recorder: Sendable {
    let items = Mutex<[String]>([])
}
