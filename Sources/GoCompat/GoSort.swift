/// Go 1.19's `sort.Sort` (pattern-defeating quicksort), ported step for step so that rows
/// comparing equal end up in the same order as amtool 0.25 (built with Go 1.19) prints them.
/// The sort is not stable: for more than 12 rows with equal keys the order depends on the
/// exact sequence of `Less`/`Swap` calls, which is why a stable Swift sort cannot stand in.
/// Same operation order as Go's `zsortinterface.go`; `less(a, b)` is Go's `Less(i, j)`.
package enum GoSort {
    /// Sorts `data` in place exactly as `sort.Sort` would with the given `Less`.
    package static func sort<T>(_ data: inout [T], by less: (T, T) -> Bool) {
        let n = data.count
        guard n > 1 else { return }
        data = withoutActuallyEscaping(less) { less in
            var s = Sorter(data: data, less: less)
            s.pdqsort(0, n, Int.bitWidth - n.leadingZeroBitCount)
            return s.data
        }
    }

    /// Returns a sorted copy (see `sort(_:by:)`).
    package static func sorted<T>(_ data: [T], by less: (T, T) -> Bool) -> [T] {
        var copy = data
        sort(&copy, by: less)
        return copy
    }
}

/// The hint `choosePivot` gives about the order it saw.
private enum SortedHint { case unknown, increasing, decreasing }

/// The array and its `Less` under sort; methods mirror Go's functions of the same names.
private struct Sorter<T> {
    var data: [T]
    let less: (T, T) -> Bool

    func lt(_ i: Int, _ j: Int) -> Bool { less(data[i], data[j]) }
    mutating func swap(_ i: Int, _ j: Int) { data.swapAt(i, j) }

    mutating func insertionSort(_ a: Int, _ b: Int) {
        var i = a + 1
        while i < b {
            var j = i
            while j > a && lt(j, j - 1) { swap(j, j - 1); j -= 1 }
            i += 1
        }
    }

    mutating func siftDown(_ lo: Int, _ hi: Int, _ first: Int) {
        var root = lo
        while true {
            var child = 2 * root + 1
            if child >= hi { return }
            if child + 1 < hi && lt(first + child, first + child + 1) { child += 1 }
            if !lt(first + root, first + child) { return }
            swap(first + root, first + child)
            root = child
        }
    }

    mutating func heapSort(_ a: Int, _ b: Int) {
        let first = a, hi = b - a
        var i = (hi - 1) / 2
        while i >= 0 { siftDown(i, hi, first); i -= 1 }
        i = hi - 1
        while i >= 0 { swap(first, first + i); siftDown(0, i, first); i -= 1 }
    }

    mutating func pdqsort(_ a0: Int, _ b0: Int, _ limit0: Int) {
        var a = a0, b = b0, limit = limit0
        let maxInsertion = 12
        var wasBalanced = true, wasPartitioned = true
        while true {
            let length = b - a
            if length <= maxInsertion { insertionSort(a, b); return }
            if limit == 0 { heapSort(a, b); return }
            if !wasBalanced { breakPatterns(a, b); limit -= 1 }
            var (pivot, hint) = choosePivot(a, b)
            if hint == .decreasing {
                reverseRange(a, b)
                pivot = (b - 1) - (pivot - a)
                hint = .increasing
            }
            if wasBalanced && wasPartitioned && hint == .increasing {
                if partialInsertionSort(a, b) { return }
            }
            if a > 0 && !lt(a - 1, pivot) {
                a = partitionEqual(a, b, pivot)
                continue
            }
            let (mid, alreadyPartitioned) = partition(a, b, pivot)
            wasPartitioned = alreadyPartitioned
            let leftLen = mid - a, rightLen = b - mid
            let balanceThreshold = length / 8
            if leftLen < rightLen {
                wasBalanced = leftLen >= balanceThreshold
                pdqsort(a, mid, limit)
                a = mid + 1
            } else {
                wasBalanced = rightLen >= balanceThreshold
                pdqsort(mid + 1, b, limit)
                b = mid
            }
        }
    }

    mutating func partition(_ a: Int, _ b: Int, _ pivot: Int) -> (Int, Bool) {
        swap(a, pivot)
        var i = a + 1, j = b - 1
        while i <= j && lt(i, a) { i += 1 }
        while i <= j && !lt(j, a) { j -= 1 }
        if i > j { swap(j, a); return (j, true) }
        swap(i, j)
        i += 1; j -= 1
        while true {
            while i <= j && lt(i, a) { i += 1 }
            while i <= j && !lt(j, a) { j -= 1 }
            if i > j { break }
            swap(i, j)
            i += 1; j -= 1
        }
        swap(j, a)
        return (j, false)
    }

    mutating func partitionEqual(_ a: Int, _ b: Int, _ pivot: Int) -> Int {
        swap(a, pivot)
        var i = a + 1, j = b - 1
        while true {
            while i <= j && !lt(a, i) { i += 1 }
            while i <= j && lt(a, j) { j -= 1 }
            if i > j { break }
            swap(i, j)
            i += 1; j -= 1
        }
        return i
    }

    mutating func partialInsertionSort(_ a: Int, _ b: Int) -> Bool {
        let maxSteps = 5, shortestShifting = 50
        var i = a + 1
        for _ in 0..<maxSteps {
            while i < b && !lt(i, i - 1) { i += 1 }
            if i == b { return true }
            if b - a < shortestShifting { return false }
            swap(i, i - 1)
            if i - a >= 2 {
                var j = i - 1
                while j >= 1 { if !lt(j, j - 1) { break }; swap(j, j - 1); j -= 1 }
            }
            if b - i >= 2 {
                var j = i + 1
                while j < b { if !lt(j, j - 1) { break }; swap(j, j - 1); j += 1 }
            }
        }
        return false
    }

    mutating func breakPatterns(_ a: Int, _ b: Int) {
        let length = b - a
        guard length >= 8 else { return }
        var random = UInt64(length)
        let modulus = UInt(1) << UInt(Int.bitWidth - length.leadingZeroBitCount)
        var idx = a + (length / 4) * 2 - 1
        while idx <= a + (length / 4) * 2 + 1 {
            random ^= random << 13
            random ^= random >> 17
            random ^= random << 5
            var other = Int(UInt(truncatingIfNeeded: random) & (modulus - 1))
            if other >= length { other -= length }
            swap(idx, a + other)
            idx += 1
        }
    }

    func choosePivot(_ a: Int, _ b: Int) -> (Int, SortedHint) {
        let shortestNinther = 50, maxSwaps = 4 * 3
        let l = b - a
        var swaps = 0
        var i = a + l / 4 * 1, j = a + l / 4 * 2, k = a + l / 4 * 3
        if l >= 8 {
            if l >= shortestNinther {
                i = median(i - 1, i, i + 1, &swaps)
                j = median(j - 1, j, j + 1, &swaps)
                k = median(k - 1, k, k + 1, &swaps)
            }
            j = median(i, j, k, &swaps)
        }
        switch swaps {
        case 0: return (j, .increasing)
        case maxSwaps: return (j, .decreasing)
        default: return (j, .unknown)
        }
    }

    func order2(_ a: Int, _ b: Int, _ swaps: inout Int) -> (Int, Int) {
        if lt(b, a) { swaps += 1; return (b, a) }
        return (a, b)
    }

    func median(_ a0: Int, _ b0: Int, _ c0: Int, _ swaps: inout Int) -> Int {
        var (a, b) = order2(a0, b0, &swaps)
        (b, _) = order2(b, c0, &swaps)
        (a, b) = order2(a, b, &swaps)
        return b
    }

    mutating func reverseRange(_ a: Int, _ b: Int) {
        var i = a, j = b - 1
        while i < j { swap(i, j); i += 1; j -= 1 }
    }
}
