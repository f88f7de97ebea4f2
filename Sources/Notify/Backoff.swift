/// The retry stage's wait between attempts: cenkalti/backoff v4's `ExponentialBackOff` with
/// the defaults Alertmanager uses (initial 500ms, ×1.5, ±50% jitter, at most 60s between
/// attempts, no overall limit: the flush deadline ends retries).
///
/// A value type: each ``next(random:)`` returns the next delay and grows the interval.
package struct ExponentialBackoff: Sendable, Equatable {
    package var initialInterval: Double = 0.5
    package var multiplier: Double = 1.5
    package var randomizationFactor: Double = 0.5
    package var maxInterval: Double = 60
    /// The interval before jitter that the next call randomizes, in seconds.
    package private(set) var currentInterval: Double

    package init() { currentInterval = initialInterval }

    package init(initialInterval: Double, multiplier: Double, randomizationFactor: Double, maxInterval: Double) {
        self.initialInterval = initialInterval
        self.multiplier = multiplier
        self.randomizationFactor = randomizationFactor
        self.maxInterval = maxInterval
        currentInterval = initialInterval
    }

    /// The next delay in seconds, uniformly in `current × [1 - factor, 1 + factor]`, then grows
    /// the interval by the multiplier up to `maxInterval` (as `NextBackOff` does).
    /// - Parameter random: a value in [0, 1) (injected so tests are deterministic).
    package mutating func next(random: Double) -> Double {
        let delta = randomizationFactor * currentInterval
        let low = currentInterval - delta
        let high = currentInterval + delta
        let value = low + random * (high - low)
        if currentInterval >= maxInterval / multiplier {
            currentInterval = maxInterval
        } else {
            currentInterval *= multiplier
        }
        return value
    }

    package mutating func reset() { currentInterval = initialInterval }
}
