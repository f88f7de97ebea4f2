import Notify
import XCTest

final class BackoffTests: XCTestCase {
    func test_backoff_midpointRandom_growsByOneAndAHalf() {
        var b = ExponentialBackoff()
        let seq = (0..<5).map { _ in b.next(random: 0.5) }
        XCTAssertEqual(seq, [0.5, 0.75, 1.125, 1.6875, 2.53125])
    }

    func test_backoff_extremeRandom_staysWithinFiftyPercent() {
        var low = ExponentialBackoff()
        var high = ExponentialBackoff()
        XCTAssertEqual(low.next(random: 0), 0.25)
        XCTAssertEqual(high.next(random: 1), 0.75)
        XCTAssertEqual(low.next(random: 0), 0.375)
    }

    func test_backoff_manyAttempts_capsIntervalAtSixtySeconds() {
        var b = ExponentialBackoff()
        for _ in 0..<30 { _ = b.next(random: 0.5) }
        XCTAssertEqual(b.currentInterval, 60)
        XCTAssertEqual(b.next(random: 0.5), 60)
        XCTAssertEqual(b.next(random: 0), 30)
        XCTAssertEqual(b.next(random: 1), 90)
    }

    func test_backoff_reset_startsAgainAtInitialInterval() {
        var b = ExponentialBackoff()
        _ = b.next(random: 0.5)
        _ = b.next(random: 0.5)
        b.reset()
        XCTAssertEqual(b.next(random: 0.5), 0.5)
    }
}
