#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lifeguard suspicion timer (memberlist `suspicion.go`): starts at `max`, and each new
/// independent confirmation shortens it towards `min` by `log(c+1)/log(k+1)`.
struct Suspicion: Sendable {
    var start: Duration
    var k: Int
    var confirmations: Int = 0
    var confirmers: Set<String>
    var min: Duration
    var max: Duration

    init(from: String, k: Int, min: Duration, max: Duration, start: Duration) {
        self.start = start
        self.k = k
        self.min = min
        self.max = max
        self.confirmers = [from]
    }

    var deadline: Duration { start + Suspicion.timeout(confirmations: confirmations, k: k, min: min, max: max) }

    /// Records a confirmation from a new node; true if it counted (memberlist re-gossips then).
    mutating func confirm(from: String) -> Bool {
        guard confirmations < k, !confirmers.contains(from) else { return false }
        confirmers.insert(from)
        confirmations += 1
        return true
    }

    /// `calcRemainingSuspicionTime` without the elapsed part, floored at whole milliseconds.
    static func timeout(confirmations: Int, k: Int, min: Duration, max: Duration) -> Duration {
        guard k >= 1 else { return min }
        let fraction = log(Double(confirmations) + 1) / log(Double(k) + 1)
        let raw = max.seconds - fraction * (max.seconds - min.seconds)
        let result = Duration.milliseconds(Int64((raw * 1000).rounded(.down)))
        return result < min ? min : result
    }

    /// memberlist `suspicionTimeout`: `mult × max(1, log10(max(1, n))) × interval`.
    static func baseTimeout(mult: Int, nodes: Int, interval: Duration) -> Duration {
        let scale = Swift.max(1.0, log10(Swift.max(1.0, Double(nodes))))
        let millis = Int64(Double(mult) * (scale * 1000).rounded(.down) * interval.seconds)
        return .milliseconds(millis)
    }
}

/// memberlist `awareness.go`: a local health score in `[0, max-1]` that scales probe timing.
package struct Awareness: Sendable, Equatable {
    package private(set) var score = 0
    package let max: Int

    package init(max: Int) { self.max = max }

    package mutating func apply(_ delta: Int) {
        score = Swift.min(Swift.max(score + delta, 0), max - 1)
    }

    /// `ScaleTimeout`: `timeout × (score + 1)`.
    package func scale(_ timeout: Duration) -> Duration { timeout * (score + 1) }
}

extension Duration {
    /// The duration in (fractional) seconds.
    package var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
