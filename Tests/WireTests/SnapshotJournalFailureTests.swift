import Foundation
import Synchronization
import Wire
import XCTest

/// A journal on a full disk reports which writes failed, leaves no torn message behind and
/// writes again once space is back; its files are private to the owner.
final class SnapshotJournalFailureTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// `/dev/full` answers every write with ENOSPC, as a full disk does. The journal path
    /// is a symlink, pointed at /dev/full and then at a real file ("space returns").
    func test_append_fullDisk_failsThenRecovers() async throws {
        let real = dir + "/real", link = dir + "/silences"
        try AtomicFile.write([0x01, 0xAA], to: real)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/full")
        let errors = Recorder()
        let journal = SnapshotJournal(path: link) { e in errors.items.withLock { $0.append(e) } }

        let failed = await journal.waitDurable(journal.append([0x01, 0xBB]))
        XCTAssertFalse(failed)
        XCTAssertEqual(errors.items.withLock { $0 }, ["write \(link): no space left on device"])

        try FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let written = await journal.waitDurable(journal.append([0x01, 0xCC]))
        XCTAssertTrue(written)
        XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: real))), [0x01, 0xAA, 0x01, 0xCC])
        XCTAssertEqual(errors.items.withLock { $0 }.count, 1)
    }

    /// A failed write asked about after the fact still reports failure.
    func test_waitDurable_afterFailedBatch_stillFalse() async throws {
        let journal = SnapshotJournal(path: "/dev/full") { _ in }
        let seq = journal.append([0x00])
        let flushed = await journal.flush()
        XCTAssertFalse(flushed)
        let again = await journal.waitDurable(seq)
        XCTAssertFalse(again)
    }

    func test_atomicFileAndJournal_createOwnerOnlyFiles() async throws {
        let path = dir + "/nflog"
        try AtomicFile.write([0x00], to: path)
        XCTAssertEqual(try mode(path), 0o600)
        try FileManager.default.removeItem(atPath: path)
        let journal = SnapshotJournal(path: path) { XCTFail($0) }
        let written = await journal.waitDurable(journal.append([0x00]))
        XCTAssertTrue(written)
        XCTAssertEqual(try mode(path), 0o600)
    }

    func test_atomicFile_unwritableDirectory_throws() throws {
        let path = dir + "/missing/silences"
        XCTAssertThrowsError(try AtomicFile.write([0x00], to: path))
    }

    private func mode(_ path: String) throws -> Int {
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        return ((attrs[.posixPermissions] as? NSNumber)?.intValue ?? 0) & 0o777
    }
}

private final class Recorder: Sendable {
    let items = Mutex<[String]>([])
}
