import AlertCore
import Dispatch
import Foundation
import Silences
import Synchronization
import TestKit
import Wire
import XCTest

/// Group commit: creates that arrive while a write is running share the next `fdatasync`,
/// and each create still returns only once its own silence is in the file.
final class SilencesGroupCommitTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func test_setDurably_concurrentCreates_shareOneWriteAndEachIsOnDiskBeforeItReturns() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("silences-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try AtomicFile.write([], to: path)
        // The first batch waits at the gate until every create is queued behind it.
        let gate = DispatchSemaphore(value: 0)
        let writes = Count()
        let journal = SnapshotJournal(path: path, onError: { XCTFail($0) }, beforeWrite: {
            if writes.increment() == 1 { gate.wait() }
        })
        let silences = SilenceStore(retention: 3600, clock: ManualClock(t0))
        silences.persistChanges(to: journal)

        let clients = 32
        let t0 = self.t0
        let answered = Count()
        async let results = withThrowingTaskGroup(of: (id: String, onDiskWhenAnswered: Bool).self) { group in
            for i in 0..<clients {
                group.addTask {
                    let id = try await silences.setDurably(Silence(matchers: [try Matcher(.equal, "job", "j\(i)")], startsAt: t0,
                                                                   endsAt: t0 + 600, createdBy: "me", comment: "\(i)"))
                    answered.increment()
                    return (id, Self.ids(inFile: path).contains(id))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        // Every create is applied and queued, and none has been answered: the first write is held.
        while journal.counts.requests < UInt64(clients) { await Task.yield() }
        XCTAssertEqual(answered.value, 0)
        gate.signal()

        let done = try await results
        XCTAssertEqual(done.count, clients)
        XCTAssertEqual(Set(done.map(\.id)).count, clients)
        XCTAssertEqual(done.filter { !$0.onDiskWhenAnswered }.map(\.id), [], "answered before it was on disk")
        XCTAssertEqual(Self.ids(inFile: path), Set(done.map(\.id)))
        // The held first batch, then at most one more for everything queued behind it.
        XCTAssertLessThanOrEqual(journal.counts.batches, 2)
    }

    static func ids(inFile path: String) -> Set<String> {
        Set(SilencesCodec.load(Array(FileManager.default.contents(atPath: path) ?? Data())).entries.map(\.silence.id))
    }

    final class Count: Sendable {
        private let n = Mutex(0)
        var value: Int { n.withLock { $0 } }
        @discardableResult
        func increment() -> Int { n.withLock { $0 += 1; return $0 } }
    }
}
