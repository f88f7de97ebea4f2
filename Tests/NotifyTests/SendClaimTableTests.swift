import Foundation
import NotificationLog
import TestKit
import XCTest

/// The send-claim rules (issue #17) driven event by event on a manual clock: two or three
/// nodes' tables, with gossip modelled as merging the claims one node wrote into another.
final class SendClaimTableTests: XCTestCase {
    let id = SendClaim.ID(receiver: "team", integration: "webhook[0]", groupKey: "{}:{alertname=\"A\"}")
    let peerTimeout: TimeInterval = 1
    let lease: TimeInterval = 3
    var clock: ManualClock!

    override func setUp() { clock = ManualClock() }

    func decide(_ table: SendClaimTable, _ me: String, content: String = "k1", rank: Int = 0) -> ClaimDecision {
        table.decide(id, content: content, me: me, rank: rank, peerTimeout: peerTimeout, deliveredGrace: 1, now: clock.now())
    }

    func test_claimTable_noClaim_sends() {
        XCTAssertEqual(decide(SendClaimTable(), "b"), .send)
    }

    func test_claimTable_peersLiveClaim_waitsUntilLeaseEnds() {
        var a = SendClaimTable(), b = SendClaimTable()
        b.merge(a.claim(id, content: "k1", me: "a", lease: lease, now: clock.now()))
        clock.advance(by: 1)
        XCTAssertEqual(decide(b, "b"), .wait(holder: "a", until: clock.now().addingTimeInterval(2)))
        clock.advance(by: 1.9)
        if case .wait = decide(b, "b") {} else { XCTFail("still within the lease") }
    }

    func test_claimTable_holderRenewsWhileRetrying_peerKeepsWaitingPastFirstLease() {
        var a = SendClaimTable(), b = SendClaimTable()
        b.merge(a.claim(id, content: "k1", me: "a", lease: lease, now: clock.now()))
        for _ in 0..<5 {  // renewals every lease / 3, as the retry stage's renewer does
            clock.advance(by: lease / 3)
            b.merge(a.claim(id, content: "k1", me: "a", lease: lease, now: clock.now()))
        }
        XCTAssertGreaterThan(clock.now().timeIntervalSince(ManualClock().now()), lease, "past the first lease")
        XCTAssertEqual(decide(b, "b"), .wait(holder: "a", until: clock.now().addingTimeInterval(lease)))
    }

    func test_claimTable_holderStopsRenewing_leaseExpires_peerTakesOver() {
        var a = SendClaimTable(), b = SendClaimTable()
        b.merge(a.claim(id, content: "k1", me: "a", lease: lease, now: clock.now()))
        clock.advance(by: lease)
        XCTAssertEqual(decide(b, "b"), .send)
        // b's takeover claim replaces a's everywhere it arrives, a's old table included.
        let takeover = b.claim(id, content: "k1", me: "b", lease: lease, now: clock.now())
        XCTAssertTrue(a.merge(takeover))
        XCTAssertEqual(a.claims[id]?.holder, "b")
    }

    func test_claimTable_leaseExpires_takeoverInRankOrder() {
        var a = SendClaimTable(), b = SendClaimTable(), c = SendClaimTable()
        let first = a.claim(id, content: "k1", me: "a", lease: lease, now: clock.now())
        b.merge(first)
        c.merge(first)
        clock.advance(by: lease)
        // b is rank 0 without a: it goes at the lease's end; c (rank 1) one peer timeout later.
        XCTAssertEqual(decide(b, "b", rank: 0), .send)
        XCTAssertEqual(decide(c, "c", rank: 1), .wait(holder: "a", until: clock.now().addingTimeInterval(peerTimeout)))
        // b's claim reaches c before c's turn: c waits on b now.
        c.merge(b.claim(id, content: "k1", me: "b", lease: lease, now: clock.now()))
        clock.advance(by: peerTimeout)
        XCTAssertEqual(decide(c, "c", rank: 1), .wait(holder: "b", until: clock.now().addingTimeInterval(lease)))
    }

    func test_claimTable_claimForOtherContent_doesNotBlock() {
        var a = SendClaimTable(), b = SendClaimTable()
        b.merge(a.claim(id, content: "k1", me: "a", lease: lease, now: clock.now()))
        // A new alert joined the group on b's side: a's claim is for the old content.
        XCTAssertEqual(decide(b, "b", content: "k2"), .send)
    }

    func test_claimTable_ownClaim_doesNotBlockItself() {
        var a = SendClaimTable()
        _ = a.claim(id, content: "k1", me: "a", lease: lease, now: clock.now())
        XCTAssertEqual(decide(a, "a"), .send)
    }

    func test_claimTable_holderDelivered_peerRereadsLogThenDecidesAlone() {
        var a = SendClaimTable(), b = SendClaimTable()
        b.merge(a.claim(id, content: "k1", me: "a", lease: lease, now: clock.now()))
        clock.advance(by: 2)
        b.merge(a.end(id, content: "k1", me: "a", outcome: .sent, now: clock.now())!)
        XCTAssertEqual(decide(b, "b"), .delivered(holder: "a"))
        // The log entry never arrived within the grace: fail open, as Alertmanager does.
        clock.advance(by: 1)
        XCTAssertEqual(decide(b, "b"), .send)
    }

    func test_claimTable_holderGaveUp_peerSendsAtOnce() {
        var a = SendClaimTable(), b = SendClaimTable()
        b.merge(a.claim(id, content: "k1", me: "a", lease: lease, now: clock.now()))
        b.merge(a.end(id, content: "k1", me: "a", outcome: .failed, now: clock.now())!)
        XCTAssertEqual(decide(b, "b"), .send)
    }

    func test_claimTable_staleGossip_doesNotReviveEndedClaim() {
        var a = SendClaimTable(), b = SendClaimTable()
        let live = a.claim(id, content: "k1", me: "a", lease: lease, now: clock.now())
        let ended = a.end(id, content: "k1", me: "a", outcome: .failed, now: clock.now())!
        XCTAssertTrue(b.merge(ended))
        XCTAssertFalse(b.merge(live), "an older write of the same claim loses")
        XCTAssertEqual(b.claims[id]?.outcome, .failed)
    }

    func test_claimTable_endByFormerHolder_afterTakeover_isRefused() {
        var a = SendClaimTable()
        _ = a.claim(id, content: "k1", me: "a", lease: lease, now: clock.now())
        clock.advance(by: lease)
        var b = SendClaimTable()
        a.merge(b.claim(id, content: "k1", me: "b", lease: lease, now: clock.now()))
        XCTAssertNil(a.end(id, content: "k1", me: "a", outcome: .sent, now: clock.now()))
        XCTAssertEqual(a.claims[id]?.holder, "b")
    }

    func test_claimTable_gc_forgetsOldClaimsKeepsLiveOnes() {
        var a = SendClaimTable()
        _ = a.claim(id, content: "k1", me: "a", lease: lease, now: clock.now())
        a.gc(now: clock.now(), retention: 60)
        XCTAssertNotNil(a.claims[id])
        clock.advance(by: lease + 61)
        a.gc(now: clock.now(), retention: 60)
        XCTAssertNil(a.claims[id])
    }

    func test_claimStore_gossipBytes_roundTrip() throws {
        let claim = SendClaim(id: id, content: "k1", holder: "a", issued: clock.now(), expires: clock.now().addingTimeInterval(3))
        XCTAssertEqual(try SendClaimStore.decode(SendClaimStore.encode(claim)), claim)
        XCTAssertFalse(SendClaimStore().merge(Array("not a claim".utf8)), "garbage is dropped")
    }
}
