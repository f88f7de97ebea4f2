import AlertCore
import TestKit
import XCTest

/// `PositionSet` holds the same members as a `Set` would, in either form, and changes form
/// at the densities its comment gives.
final class PositionSetTests: XCTestCase {
    func members(_ s: PositionSet) -> [UInt32] {
        var out: [UInt32] = []
        s.forEach { out.append($0) }
        return out
    }

    func test_sparse_staysSortedArray_inIncreasingOrder() {
        var s = PositionSet()
        for p: UInt32 in [5000, 100, 7, 3000, 100] { s.insert(p) }
        XCTAssertFalse(s.isBitmap)
        XCTAssertEqual(s.count, 4)
        XCTAssertEqual(members(s), [7, 100, 3000, 5000])
        XCTAssertTrue(s.contains(3000))
        XCTAssertFalse(s.contains(3001))
        s.remove(100)
        s.remove(101)
        XCTAssertEqual(members(s), [7, 3000, 5000])
    }

    func test_dense_becomesBitmap_andBackOnlyAtHalfThatDensity() {
        // Every 16th of 6400 positions: 400 members, denser than 1/32.
        var s = PositionSet()
        for p in stride(from: 0, to: 6400, by: 16) { s.insert(UInt32(p)) }
        XCTAssertTrue(s.isBitmap)
        XCTAssertEqual(s.count, 400)
        XCTAssertLessThan(s.allocatedBytes, 400 * 4, "smaller than the array it replaced")
        XCTAssertEqual(members(s), stride(from: 0, to: 6400, by: 16).map { UInt32($0) })
        // Down to 101 members of 6400 positions (100 words): still above 1/64.
        for p in stride(from: 16, to: 6400, by: 16).prefix(299) { s.remove(UInt32(p)) }
        XCTAssertEqual(s.count, 101)
        XCTAssertTrue(s.isBitmap)
        // 99 members: below one per word, back to an array with the same members.
        s.remove(6384)
        s.remove(6368)
        XCTAssertFalse(s.isBitmap)
        XCTAssertEqual(s.count, 99)
        XCTAssertEqual(members(s), [0] + stride(from: 16 * 300, to: 6368, by: 16).map { UInt32($0) })
    }

    func test_bitmap_removingTheHighestPositions_shrinksItsWords() {
        var s = PositionSet((0..<640).map { UInt32($0) })
        XCTAssertTrue(s.isBitmap)
        for p in (64..<640).reversed() { s.remove(UInt32(p)) }
        XCTAssertEqual(s.count, 64)
        XCTAssertTrue(s.isBitmap, "64 members in one word")
        XCTAssertEqual(s.any, 0)
        XCTAssertFalse(s.contains(64))
        XCTAssertFalse(s.contains(100_000))
    }

    func test_any_isTheOnlyMember() {
        var s = PositionSet([3, 9])
        s.remove(3)
        XCTAssertEqual(s.any, 9)
        var b = PositionSet((0..<200).map { UInt32($0) })
        for p in 0..<199 { b.remove(UInt32(p)) }
        XCTAssertEqual(b.any, 199)
        XCTAssertEqual(b.count, 1)
    }

    func test_randomOperations_matchASet() {
        // The table's way of moving positions: new ones at the end, removals anywhere with
        // the last moved into the hole, so densities rise and fall across both forms.
        var rng = SplitMix(seed: 7)
        var s = PositionSet(), model = Set<UInt32>()
        var tableSize: UInt32 = 0
        var forms = Set<Bool>()
        for step in 0..<30_000 {
            let grow = step % 10_000 < 6000
            if rng.next() % 10 < (grow ? 7 : 3) {
                let p = tableSize
                tableSize += 1
                if rng.next() % 4 == 0 { s.insert(p); model.insert(p) }
            } else if tableSize > 0 {
                let hole = UInt32(rng.next() % UInt64(tableSize)), last = tableSize - 1
                s.remove(hole); model.remove(hole)
                if model.contains(last) {
                    s.remove(last); model.remove(last)
                    if hole != last { s.insert(hole); model.insert(hole) }
                }
                tableSize -= 1
            }
            forms.insert(s.isBitmap)
            XCTAssertEqual(s.count, model.count, "step \(step)")
            if step % 1000 == 0 { XCTAssertEqual(members(s), model.sorted(), "step \(step)") }
        }
        XCTAssertEqual(members(s), model.sorted())
        for p in 0..<tableSize { XCTAssertEqual(s.contains(p), model.contains(p)) }
        XCTAssertEqual(forms, [true, false], "both forms were exercised")
    }
}


extension PositionSetTests {
    func test_smallBitmap_farInsert_becomesAnArrayInsteadOfASparseBitmap() {
        // Two small positions fit one word; position 10,000 would need 157 words for 3 members.
        var s = PositionSet([1, 5])
        s.insert(10_000)
        XCTAssertFalse(s.isBitmap)
        XCTAssertEqual(members(s), [1, 5, 10_000])
        XCTAssertLessThan(s.allocatedBytes, 64)
    }
}
