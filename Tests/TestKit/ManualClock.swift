import AlertCore
import Foundation
import Synchronization

/// A clock tests move by hand: nothing in a test sleeps to wait for a timer.
public final class ManualClock: TimeSource {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) { current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }

    public func set(_ date: Date) { current.withLock { $0 = date } }
}

/// Builds an alert from a compact label literal: `alert(["alertname": "x"], starts: t)`.
public func makeAlert(_ labels: [String: String], annotations: [String: String] = [:], startsAt: Date,
                      endsAt: Date = .goZero, updatedAt: Date? = nil, timeout: Bool = false) -> Alert {
    Alert(labels: LabelSet(labels), annotations: LabelSet(annotations), startsAt: startsAt, endsAt: endsAt,
          updatedAt: updatedAt ?? startsAt, timeout: timeout)
}
