import AlertCore
import GoCompat
import Hummingbird
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// Stops the evaluation of an expensive request (the alert listings, whose regex filters
/// cost label length × program size) when nobody can use its answer any more: its client
/// closed the connection, `--web.timeout` passed, or the server is shutting down. Alertmanager
/// gets the first two from Go's request context and `http.TimeoutHandler`.
///
/// The work polls a `RequestStop` flag (regex matches ask it every few KiB of text). The
/// flag is set straight from the event loop (connection closed) or the shutdown handler, not
/// by a task that would need a thread of Swift's cooperative pool; and the CPU-bound part runs
/// on `offPool`, so that pool (a thread per core) stays free for the service group to handle
/// SIGTERM and for other requests. (`GET /alerts/groups` filters inside the dispatcher's
/// groups call, one task: it can hold one cooperative thread until it notices the flag.)
package struct RequestGuard: Sendable {
    /// Why a request's evaluation was stopped.
    enum Stop: UInt8, Sendable, Equatable { case clientGone = 1, timedOut, shuttingDown }

    /// The client's connection (nil in router tests, which have no socket).
    var channel: (any Channel)?
    /// `--web.timeout` (nil: none).
    var timeout: Duration?
    var clock: any TimeSource

    /// Runs `work` until it returns; if the request was stopped meanwhile, the answer is
    /// discarded and the reason returned. `work` must return soon after its `RequestStop`
    /// is set.
    func run<T: Sendable>(_ work: @escaping @Sendable (RequestStop) async -> T) async -> Result<T, StopError> {
        let stop = RequestStop()
        var observer: InputClosedObserver?
        if let channel {
            // The server allows half-closure, so a client that leaves shows as input closed
            // (a FIN) rather than a closed channel; Go's server cancels the request on both.
            channel.closeFuture.whenComplete { _ in stop.set(.clientGone) }
            let o = InputClosedObserver(stop: stop)
            if (try? await channel.pipeline.addHandler(o, position: .first).get()) != nil { observer = o }
        }
        let (timeout, clock) = (self.timeout, self.clock)
        let value = await withGracefulShutdownHandler {
            await withTaskGroup(of: Outcome<T>.self) { group in
                group.addTask { .done(await work(stop)) }
                if let timeout {
                    group.addTask {
                        if (try? await clock.sleep(for: timeout)) != nil { stop.set(.timedOut) }
                        return .timerEnded
                    }
                }
                var value: T?
                while let outcome = await group.next() {
                    if case .done(let v) = outcome {
                        value = v
                        group.cancelAll()
                    }
                }
                return value
            }
        } onGracefulShutdown: {
            stop.set(.shuttingDown)
        }
        if let channel, let observer { channel.pipeline.removeHandler(observer, promise: nil) }
        if let reason = stop.reason { return .failure(StopError(reason: reason)) }
        guard let value else { return .failure(StopError(reason: .shuttingDown)) }
        return .success(value)
    }

    /// The answer for a stopped request: the timeout has Alertmanager's 503 (Go's
    /// `http.TimeoutHandler` text); a client that left reads nothing anyway.
    func response(_ stop: Stop) -> Response {
        switch stop {
        case .timedOut:
            let text = GoDuration.string(Int64((timeout ?? .zero) / .nanoseconds(1)))
            return Responses.text("Exceeded configured timeout of \(text).\n", status: .serviceUnavailable)
        case .clientGone, .shuttingDown:
            return Responses.text("request stopped\n", status: .serviceUnavailable)
        }
    }

    /// Runs CPU-bound `body` on NIO's blocking-work thread pool, off Swift's cooperative pool.
    /// (Not on a Dispatch queue: on Linux the cooperative pool is Dispatch's own root queue,
    /// so long work there starves every task of the process.)
    package static func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        if let v = try? await NIOThreadPool.singleton.runIfActive(body) { return v }
        return body()
    }

    private enum Outcome<T: Sendable>: Sendable {
        case done(T)
        case timerEnded
    }
}

/// Sets the stop flag when the client half-closes the connection (input closed).
private final class InputClosedObserver: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = NIOAny
    let stop: RequestStop
    init(stop: RequestStop) { self.stop = stop }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let e = event as? ChannelEvent, e == .inputClosed { stop.set(.clientGone) }
        context.fireUserInboundEventTriggered(event)
    }
}

/// A request's evaluation was stopped (see `RequestGuard`).
struct StopError: Error, Sendable {
    var reason: RequestGuard.Stop
}

/// Set once a request should stop, with the first reason; polled by the work (`interrupt` of
/// regex matches). Safe to set from any thread.
final class RequestStop: Sendable {
    private let raw = Atomic<UInt8>(0)

    var isSet: Bool { raw.load(ordering: .relaxed) != 0 }
    var reason: RequestGuard.Stop? { RequestGuard.Stop(rawValue: raw.load(ordering: .acquiring)) }

    func set(_ reason: RequestGuard.Stop) {
        _ = raw.compareExchange(expected: 0, desired: reason.rawValue, ordering: .acquiringAndReleasing)
    }
}
