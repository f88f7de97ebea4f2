import Foundation
import Notify
import NotificationLog
import XCTest

/// Alertmanager's `DedupStage.needsUpdate` rules (reference §4.4), one case per rule and flag.
final class NeedsUpdateTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    let repeatInterval: Double = 3600

    func entry(firing: [UInt64], resolved: [UInt64] = [], age: Double = 60) -> NotificationLogEntry {
        NotificationLogEntry(groupKey: "g", receiver: .init(groupName: "r", integration: "webhook", index: 0),
                             timestamp: now.addingTimeInterval(-age), firingAlerts: firing, resolvedAlerts: resolved,
                             expiresAt: now.addingTimeInterval(3600))
    }

    func decide(_ e: NotificationLogEntry?, firing: Set<UInt64>, resolved: Set<UInt64> = [], sendResolved: Bool = true)
        -> NotifyReason? {
        needsUpdate(entry: e, firing: firing, resolved: resolved, sendResolved: sendResolved,
                    repeatInterval: repeatInterval, now: now)
    }

    func test_needsUpdate_noEntryWithFiring_notifiesFirstNotification() {
        XCTAssertEqual(decide(nil, firing: [1]), .firstNotification)
        XCTAssertEqual(decide(nil, firing: [1], sendResolved: false), .firstNotification)
    }

    func test_needsUpdate_noEntryOnlyResolved_staysSilent() {
        XCTAssertNil(decide(nil, firing: [], resolved: [1]))
        XCTAssertNil(decide(nil, firing: [], resolved: []))
    }

    func test_needsUpdate_newFiringAlert_notifiesNewAlertsAdded() {
        XCTAssertEqual(decide(entry(firing: [1]), firing: [1, 2]), .newAlertsAdded)
        XCTAssertEqual(decide(entry(firing: [1]), firing: [2], sendResolved: false), .newAlertsAdded)
    }

    func test_needsUpdate_firingAfterAllResolvedNotification_isFirstNotificationAgain() {
        XCTAssertEqual(decide(entry(firing: [], resolved: [1]), firing: [1]), .firstNotification)
    }

    func test_needsUpdate_previouslyResolvedAlertFiresAgain_notifies() {
        XCTAssertEqual(decide(entry(firing: [1], resolved: [2]), firing: [1, 2]), .newAlertsAdded)
    }

    func test_needsUpdate_firingSubsetWithinRepeat_staysSilent() {
        XCTAssertNil(decide(entry(firing: [1, 2]), firing: [1, 2]))
        XCTAssertNil(decide(entry(firing: [1, 2]), firing: [1]), "an alert disappearing is not news")
    }

    func test_needsUpdate_allResolvedAfterFiring_notifiesRegardlessOfSendResolved() {
        XCTAssertEqual(decide(entry(firing: [1]), firing: [], resolved: [1]), .allAlertsResolved)
        XCTAssertEqual(decide(entry(firing: [1]), firing: [], resolved: [1], sendResolved: false), .allAlertsResolved)
    }

    func test_needsUpdate_allResolvedAndNothingWasFiring_staysSilent() {
        XCTAssertNil(decide(entry(firing: [], resolved: [1]), firing: [], resolved: [1, 2], sendResolved: true))
        XCTAssertNil(decide(entry(firing: [], resolved: [1], age: 99999), firing: [], resolved: [1]),
                     "all-resolved is decided before the repeat rule")
    }

    func test_needsUpdate_newResolvedWithSendResolved_notifiesSomeAlertsResolved() {
        XCTAssertEqual(decide(entry(firing: [1, 2]), firing: [1], resolved: [2]), .someAlertsResolved)
    }

    func test_needsUpdate_newResolvedWithoutSendResolved_staysSilent() {
        XCTAssertNil(decide(entry(firing: [1, 2]), firing: [1], resolved: [2], sendResolved: false))
    }

    func test_needsUpdate_resolvedAlreadyLogged_staysSilent() {
        XCTAssertNil(decide(entry(firing: [1], resolved: [2]), firing: [1], resolved: [2]))
    }

    func test_needsUpdate_repeatIntervalElapsed_notifiesAndBoundaryDoesNot() {
        XCTAssertEqual(decide(entry(firing: [1], age: 3601), firing: [1]), .repeatIntervalElapsed)
        XCTAssertEqual(decide(entry(firing: [1], age: 3601), firing: [1], sendResolved: false), .repeatIntervalElapsed)
        XCTAssertNil(decide(entry(firing: [1], age: 3600), firing: [1]), "strictly before now - repeat")
    }
}
