import AlertCore
import TestKit
import XCTest

/// `PositionTable` answers as a dictionary would, through growth, removals in the middle of
/// probe runs and runs that wrap around the end of the slots.
final class PositionTableTests: XCTestCase {
    /// A key whose mixed value is `tag` followed by `low`: lets a test choose home slots.
    func key(tag: UInt32, low: UInt32 = 0) -> UInt64 {
        PositionTable.unmix(UInt64(tag) << 32 | UInt64(low))
    }

    func test_mix_unmix_areInverses() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            let k = rng.next() as UInt64
            XCTAssertEqual(PositionTable.unmix(PositionTable.mix(k)), k)
        }
        XCTAssertEqual(PositionTable.tag(key(tag: 0xDEAD_BEEF, low: 7)), 0xDEAD_BEEF)
    }

    func test_insertLookupRemove_bothSlotWidths() {
        for exact in [true, false] {
            var t = PositionTable(exactKeys: exact)
            XCTAssertNil(t.position(of: 42))
            t.insert(42, at: 7)
            t.insert(43, at: 0)
            XCTAssertEqual(t.position(of: 42), 7)
            XCTAssertEqual(t.position(of: 43), 0)
            XCTAssertNil(t.position(of: 44))
            XCTAssertFalse(t.remove(42, at: 8), "wrong position: nothing removed")
            XCTAssertTrue(t.remove(42, at: 7))
            XCTAssertFalse(t.remove(42, at: 7))
            XCTAssertNil(t.position(of: 42))
            XCTAssertEqual(t.position(of: 43), 0)
            XCTAssertEqual(t.count, 1)
        }
    }

    func test_grow_byHalf_everyKeyStaysFindable() {
        var t = PositionTable(exactKeys: true)
        var capacities: [Int] = []
        for i in 0..<10_000 {
            t.insert(UInt64(i) &* 0x1234_5678_9ABC_DEF1, at: UInt32(i))
            if capacities.last != t.capacity { capacities.append(t.capacity) }
        }
        for i in 0..<10_000 { XCTAssertEqual(t.position(of: UInt64(i) &* 0x1234_5678_9ABC_DEF1), UInt32(i)) }
        // 4, 6, 9, 13, ...: each step half as many again, and never fuller than 7/8.
        for (a, b) in zip(capacities, capacities.dropFirst()) { XCTAssertEqual(b, a + a / 2) }
        XCTAssertLessThanOrEqual(t.count * 8, t.capacity * 7)
        XCTAssertGreaterThan(t.count * 12, t.capacity * 7, "grown just often enough")
        // malloc may round the slots' allocation up (to a page, for a large one).
        XCTAssertGreaterThanOrEqual(t.allocatedBytes, t.capacity * 12)
        XCTAssertLessThan(t.allocatedBytes, t.capacity * 12 + 4096)
    }

    func test_collidingHomes_removalInTheMiddleOfARun_keepsTheRestFindable() {
        // Twelve keys with the same tag's top bits: one home slot, one run of probes.
        for exact in [true, false] {
            var t = PositionTable(exactKeys: exact)
            let keys = (0..<12).map { key(tag: 0x4000_0000 + UInt32($0), low: UInt32($0)) }
            for (i, k) in keys.enumerated() { t.insert(k, at: UInt32(i)) }
            for i in [5, 0, 11, 6] { XCTAssertTrue(t.remove(keys[i], at: UInt32(i))) }
            for (i, k) in keys.enumerated() {
                XCTAssertEqual(t.position(of: k), [5, 0, 11, 6].contains(i) ? nil : UInt32(i), "key \(i), exact \(exact)")
            }
        }
    }

    func test_runWrappingPastTheLastSlot_findsAndRemoves() {
        var t = PositionTable(exactKeys: true)
        // Tags at the very top all have the last slot as home, so the run wraps to slot 0.
        let high = (0..<6).map { key(tag: UInt32.max - UInt32($0), low: 1) }
        let low = (0..<6).map { key(tag: UInt32($0), low: 2) }
        for (i, k) in (high + low).enumerated() { t.insert(k, at: UInt32(i)) }
        XCTAssertTrue(t.remove(high[0], at: 0))
        XCTAssertTrue(t.remove(low[0], at: 6))
        for (i, k) in (high + low).enumerated() where i != 0 && i != 6 {
            XCTAssertEqual(t.position(of: k), UInt32(i))
        }
        XCTAssertEqual(t.count, 10)
    }

    func test_exactKeys_equalTagsDifferentKeys_areDistinct() {
        var t = PositionTable(exactKeys: true)
        let a = key(tag: 99, low: 1), b = key(tag: 99, low: 2)
        t.insert(a, at: 1)
        XCTAssertNil(t.position(of: b))
        t.insert(b, at: 2)
        XCTAssertEqual(t.position(of: a), 1)
        XCTAssertEqual(t.position(of: b), 2)
        var listed: [UInt64: UInt32] = [:]
        t.forEach { k, p in listed[k] = p }
        XCTAssertEqual(listed, [a: 1, b: 2])
    }

    func test_tagKeys_equalTags_areOneKeyButRemovalTakesTheRightPosition() {
        // Without exact keys two keys with one tag are one key to the table: a lookup may
        // answer either's position, and removing one entry must leave the other.
        var t = PositionTable(exactKeys: false)
        let a = key(tag: 99, low: 1), b = key(tag: 99, low: 2)
        t.insert(a, at: 1)
        XCTAssertEqual(t.position(of: b), 1)
        t.insert(b, at: 2)
        XCTAssertTrue(t.remove(a, at: 1))
        XCTAssertEqual(t.position(of: b), 2)
        XCTAssertEqual(t.position(of: a), 2)
        XCTAssertGreaterThanOrEqual(t.allocatedBytes, t.capacity * 8)
        XCTAssertLessThan(t.allocatedBytes, t.capacity * 8 + 64)
    }

    func test_move_changesOnlyThePosition() {
        var t = PositionTable(exactKeys: true)
        for i in 0..<20 { t.insert(UInt64(i), at: UInt32(i)) }
        t.move(19, from: 19, to: 3)
        XCTAssertEqual(t.position(of: 19), 3)
        XCTAssertEqual(t.position(of: 3), 3, "the caller decides what positions mean")
        XCTAssertEqual(t.count, 20)
    }

    func test_randomOperations_matchADictionary() {
        // Keys from a small space so inserts, removals of present and absent keys and
        // re-inserts all happen often; a few tags shared by several keys.
        var rng = SplitMix(seed: 18)
        for exact in [true, false] {
            var t = PositionTable(exactKeys: exact)
            var model: [UInt64: UInt32] = [:]
            for step in 0..<40_000 {
                let k = exact ? rng.next() % 3000 : key(tag: UInt32(rng.next() % 3000) << 20, low: 5)
                let r = rng.next() % 10
                if r < 6 {
                    if model[k] == nil {
                        let p = UInt32(rng.next() % 1_000_000)
                        t.insert(k, at: p)
                        model[k] = p
                    }
                } else if r < 9 {
                    if let p = model[k] {
                        XCTAssertFalse(t.remove(k, at: p &+ 1))
                        XCTAssertTrue(t.remove(k, at: p))
                        model[k] = nil
                    } else {
                        XCTAssertFalse(t.remove(k, at: 0))
                    }
                } else if let p = model[k] {
                    let q = UInt32(rng.next() % 1_000_000)
                    t.move(k, from: p, to: q)
                    model[k] = q
                }
                XCTAssertEqual(t.position(of: k), model[k], "step \(step)")
                if step % 5000 == 0 {
                    XCTAssertEqual(t.count, model.count)
                    for (mk, mp) in model { XCTAssertEqual(t.position(of: mk), mp) }
                }
            }
            XCTAssertEqual(t.count, model.count)
            for (mk, mp) in model { XCTAssertEqual(t.position(of: mk), mp) }
            if exact {
                var listed: [UInt64: UInt32] = [:]
                t.forEach { k, p in listed[k] = p }
                XCTAssertEqual(listed, model)
            }
        }
    }
}

