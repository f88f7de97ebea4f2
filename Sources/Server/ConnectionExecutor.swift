import HummingbirdCore
import Logging
import NIOCore

/// Runs a connection's request handling on the event loop that owns its socket.
///
/// Hummingbird runs each connection's handler as a task on Swift's global executor, so every
/// request crosses from the event loop to the cooperative pool and its answer crosses back:
/// two thread wake-ups, 0.1–0.3 ms each after idle. With the loop as the task's preferred
/// executor, the request is read, handled and answered on the thread that received it:
/// simple requests are answered 0.1–0.3 ms sooner (docs/benchmarks.md, "First notification",
/// which also says why the first notification itself did not get faster). Work that blocks
/// never runs in handlers (snapshot writes and fsyncs have their own threads, and costly
/// listings filter on NIO's thread pool), so the loop is held only as long as a handler
/// computes.
struct EventLoopChildChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(loop: value.channel.eventLoop)) {
            await base.handle(value: value, logger: logger)
        }
    }
}

/// A `TaskExecutor` that runs jobs on one NIO event loop. (NIO offers event loops as serial
/// executors for actors, not as task executors.)
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { job.runSynchronously(on: executor) }
    }
}

extension HTTPServerBuilder {
    /// `base`'s child channel with its connections handled on their event loops.
    static func onEventLoop<Base: ServerChildChannel>(
        _ build: @escaping @Sendable (@escaping HTTPChannelHandler.Responder) throws -> Base
    ) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in EventLoopChildChannel(base: try build(responder)) }
    }
}
