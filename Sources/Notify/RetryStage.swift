import AlertCore
import Foundation
import History

/// Alertmanager's `RetryStage` for one integration: send with exponential backoff until
/// success, a non-retryable error, or the flush deadline.
///
/// Like cenkalti/backoff's ticker, the first attempt is immediate and the wait for the next
/// one starts when an attempt starts (a slow attempt eats into the backoff).
struct RetryStage: Sendable {
    let integration: Integration
    let receiverName: String
    let deps: StageDependencies

    /// Runs the stage. - Returns: nil on success, else the error that ended it.
    func run(_ ctx: NotificationContext, alerts: [Alert], firingCount: Int) async -> NotifyError? {
        deps.metrics.notifications(integration.name).increment()
        let error = await attempt(ctx, alerts: alerts, firingCount: firingCount)
        if let error { deps.metrics.notificationsFailed(integration.name, reason: error.reason).increment() }
        return error
    }

    private func attempt(_ ctx: NotificationContext, alerts: [Alert], firingCount: Int) async -> NotifyError? {
        if !integration.sendResolved && firingCount == 0 { return nil }
        let sent = integration.sendResolved ? alerts : alerts.filter { !$0.isResolved(at: deps.clock.now()) }
        let prefix = "\(receiverName)/\(integration.displayName)"
        var backoff = ExponentialBackoff()
        var attempts = 0
        var lastError: NotifyError?
        var nextAttempt = deps.clock.now()
        while true {
            let now = deps.clock.now()
            let wait = nextAttempt.timeIntervalSince(now)
            if now >= ctx.deadline || Task.isCancelled || now.addingTimeInterval(max(wait, 0)) >= ctx.deadline {
                if wait > 0, now < ctx.deadline { try? await deps.clock.sleep(until: ctx.deadline) }
                return canceled(prefix, attempts: attempts, lastError: lastError)
            }
            if wait > 0 {
                do { try await deps.clock.sleep(for: .seconds(wait)) } catch {
                    return canceled(prefix, attempts: attempts, lastError: lastError)
                }
            }
            attempts += 1
            let start = deps.clock.now()
            nextAttempt = start.addingTimeInterval(backoff.next(random: deps.random()))
            let began = DispatchTime.now().uptimeNanoseconds
            var failure: NotifyError?
            do { try await integration.notifier.notify(ctx, alerts: sent) } catch { failure = error }
            deps.metrics.latency(integration.name).recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - began))
            deps.metrics.requests(integration.name).increment()
            report(ctx, alerts: sent, attempt: attempts, began: began, failure: failure, next: nextAttempt)
            guard let failure else { return nil }
            deps.metrics.requestsFailed(integration.name).increment()
            if !failure.retryable {
                return NotifyError(retryable: false, message: "\(prefix): notify retry canceled due to unrecoverable error "
                                   + "after \(attempts) attempts: \(failure.message)", reason: failure.reason)
            }
            if let after = failure.retryAfter, after > 0 {
                nextAttempt = max(nextAttempt, deps.clock.now().addingTimeInterval(after))
            }
            lastError = failure
        }
    }

    /// Go's "notify retry canceled after N attempts", carrying the last attempt's error.
    private func canceled(_ prefix: String, attempts: Int, lastError: NotifyError?) -> NotifyError {
        let cause = lastError.map { ": \($0.message)" } ?? ": context deadline exceeded"
        // As Go: the last attempt's error keeps its reason; with none, the context's own.
        let reason: NotifyError.Reason = lastError?.reason ?? (Task.isCancelled ? .contextCanceled : .contextDeadlineExceeded)
        return NotifyError(retryable: false, message: "\(prefix): notify retry canceled after \(attempts) attempts\(cause)",
                           reason: reason)
    }

    /// Tells the observer how attempt `attempt` went; a retryable failure is retried when the
    /// next attempt is due before the deadline.
    private func report(_ ctx: NotificationContext, alerts: [Alert], attempt: Int, began: UInt64, failure: NotifyError?,
                        next: Date) {
        guard let observer = deps.observer else { return }
        var r = NotificationRecord(ctx, integration: integration, alerts: alerts, now: deps.clock.now(), attempt: attempt,
                                   outcome: failure == nil ? .success : .failed)
        r.durationSeconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
        if let failure {
            r.error = failure.message
            r.willRetry = failure.retryable && next < ctx.deadline && !Task.isCancelled
        }
        observer.record(r)
    }
}
