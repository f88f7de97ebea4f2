import AlertCore
import Foundation
import NotificationLog

/// What every integration's stages work with, handed down by the pipeline as one value: the
/// notification log, the cluster peer, the one injected clock (it tells the time and waits:
/// cluster wait, backoff; tests pass a manual clock), the metrics, the jitter source and the
/// observer.
struct StageDependencies: Sendable {
    let log: NotificationLogStore
    let peer: any ClusterPeer
    let clock: any TimeSource
    /// Labelled with the receiver (``NotifyMetrics/forReceiver(_:)``) once handed to its stages.
    var metrics: NotifyMetrics
    /// Uniform values in [0, 1) for the backoff jitter.
    let random: @Sendable () -> Double
    /// Hears every attempt and every flush not sent (the notification history).
    let observer: (any NotificationObserver)?

    /// The same for one receiver's integrations.
    func forReceiver(_ name: String) -> StageDependencies {
        var d = self
        d.metrics = metrics.forReceiver(name)
        return d
    }
}
