import AlertCore
import Foundation
import TestKit
import XCTest

/// The test clock everything sleeps on: advancing it wakes exactly the sleepers that are due.
final class ManualClockTests: XCTestCase {
    func test_advance_wakesDueSleepersOnly_laterOnesStayAsleep() async throws {
        let clock = ManualClock()
        let start = clock.now()
        let tasks = [30, 10, 20].map { seconds in
            Task { () throws -> Date in
                try await clock.sleep(for: .seconds(seconds))
                return clock.now()
            }
        }
        for s in [10.0, 20, 30] { await clock.waitForSleeper(until: start.addingTimeInterval(s)) }
        clock.advance(by: 10)
        let first = try await tasks[1].value
        XCTAssertEqual(first, start.addingTimeInterval(10))
        XCTAssertEqual(clock.sleeperDeadlines, [start.addingTimeInterval(20), start.addingTimeInterval(30)])
        clock.advance(by: 10)
        _ = try await tasks[2].value
        XCTAssertEqual(clock.sleeperDeadlines, [start.addingTimeInterval(30)])
        clock.advance(by: 10)
        _ = try await tasks[0].value
        XCTAssertEqual(clock.sleeperDeadlines, [])
        XCTAssertEqual(Set(clock.sleeps), [.seconds(10), .seconds(20), .seconds(30)])
    }

    func test_cancel_sleeperThrowsAndIsForgotten() async {
        let clock = ManualClock()
        let task = Task { try await clock.sleep(for: .seconds(60)) }
        await clock.waitForSleeper(until: clock.now().addingTimeInterval(60))
        task.cancel()
        do {
            try await task.value
            XCTFail("expected CancellationError")
        } catch {
            XCTAssertTrue(error is CancellationError)
        }
        XCTAssertEqual(clock.sleeperDeadlines, [])
    }

    func test_advancesOnSleep_movesTheClockAndReturns() async throws {
        let clock = ManualClock(advancesOnSleep: true)
        let start = clock.now()
        try await clock.sleep(for: .milliseconds(1500))
        try await clock.sleep(for: .zero)
        XCTAssertEqual(clock.now(), start.addingTimeInterval(1.5))
        XCTAssertEqual(clock.sleeps, [.milliseconds(1500)])
    }
}
