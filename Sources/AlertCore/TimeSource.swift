import Foundation

/// Where "now" comes from. Production uses the wall clock (Alertmanager compares
/// timestamps across nodes); tests inject a manual clock and advance it.
public protocol TimeSource: Sendable {
    func now() -> Date
}

/// The system's wall clock.
public struct WallClock: TimeSource {
    public init() {}
    public func now() -> Date { Date() }
}

extension Date {
    /// Go's zero `time.Time` (0001-01-01T00:00:00Z): Alertmanager's "unset" timestamp.
    public static let goZero = Date(timeIntervalSince1970: -62135596800)

    /// True for Go's zero time and anything before year 2 (amtool sends year-1 stamps for "unset").
    public var isGoZero: Bool { timeIntervalSince1970 < -62104060800 }
}
