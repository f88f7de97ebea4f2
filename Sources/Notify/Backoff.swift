/// The retry stage's wait between attempts: cenkalti/backoff v4's `ExponentialBackOff` with
/// the defaults Alertmanager uses (initial 500ms, ×1.5, ±50% jitter, at most 60s between
/// attempts, no overall limit: the flush deadline ends retries).
///
/// A value type: each ``next(random:)`` returns the next delay and grows the interval.
public struct ExponentialBackoff: Sendable, Equatable {
    public var initialInterval: Double = 0.5
    public var multiplier: Double = 1.5
    public var randomizationFactor: Double = 0.5
    public var maxInterval: Double = 60
    /// The interval before jitter that the next call randomizes, in seconds.
    public private(set) var currentInterval: Double

    public init() { currentInterval = initialInterval }

    public init(initialInterval: Double, multiplier: Double, randomizationFactor: Double, maxInterval: Double) {
        self.initialInterval = initialInterval
        self.multiplier = multiplier
        self.randomizationFactor = randomizationFactor
        self.maxInterval = maxInterval
        currentInterval = initialInterval
    }

    /// The next delay in seconds, uniformly in `current × [1 - factor, 1 + factor]`, then grows
    /// the interval by the multiplier up to `maxInterval` (as `NextBackOff` does).
    /// - Parameter random: a value in [0, 1) (injected so tests are deterministic).
    public mutating func next(random: Double) -> Double {
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

    public mutating func reset() { currentInterval = initialInterval }
}
