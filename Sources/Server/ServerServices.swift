import AlertCore
import Logging
import MeshTransport
import ServiceLifecycle

/// The server's long-lived parts, in start order. The service group stops them in reverse
/// order, each after the one before has returned, so shutdown is: stop intake (HTTP, then
/// SIGHUP reloads), stop the alerts GC and the dispatcher, flush the notification log and
/// silences, leave the mesh (peers hear we left only after our last state is on disk).
struct ServerServices {
    var mesh: (any Service)?
    var maintenance: any Service
    var dispatch: any Service
    var alertsGC: any Service
    var sighup: any Service
    var http: [any Service]

    /// The group's configuration entries in start order. A service that returns on its own
    /// (none should before shutdown) ends the group gracefully instead of cancelling it.
    var ordered: [ServiceGroupConfiguration.ServiceConfiguration] {
        var services: [any Service] = []
        if let mesh { services.append(mesh) }
        services += [maintenance, dispatch, alertsGC, sighup]
        services += http
        return services.map { .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup) }
    }
}

/// Runs `tick` every `interval` on `clock` until graceful shutdown, then `atShutdown` once
/// (the maintenance service writes the final snapshots there). A non-positive interval
/// means no ticks (Alertmanager's flags allow `0s`); the service still waits for shutdown.
struct PeriodicService: Service, CustomStringConvertible {
    let description: String
    let interval: Duration
    let clock: any TimeSource
    let tick: @Sendable () async -> Void
    var atShutdown: (@Sendable () async -> Void)?

    func run() async {
        let (interval, clock, tick) = (self.interval, self.clock, self.tick)
        try? await cancelWhenGracefulShutdown {
            guard interval > .zero else { return try await gracefulShutdown() }
            while true {
                try await clock.sleep(for: interval)
                await tick()
            }
        }
        await atShutdown?()
    }
}

/// The gossip mesh as a service: binds and joins when the group starts (a bind failure ends
/// the group, and the process exits 1 as Alertmanager does), leaves at graceful shutdown.
struct MeshService: Service, CustomStringConvertible {
    let node: MeshNode
    let logger: Logger
    var description: String { "mesh" }

    func run() async throws {
        do { try await node.start() } catch {
            logger.error("unable to initialize gossip mesh", metadata: ["err": "\(error)"])
            throw StartupFailure(what: "gossip mesh", error: error)
        }
        // Cancelled instead (another service failed): close the sockets without the leave wait.
        let graceful = (try? await gracefulShutdown()) != nil
        await node.stop(leave: graceful)
    }
}

/// An HTTP listener: logs a listen failure (port taken) as Alertmanager's "Listen error".
struct ListenerService: Service, CustomStringConvertible {
    let app: any Service
    let address: String
    let logger: Logger
    var description: String { "http \(address)" }

    func run() async throws {
        do { try await app.run() } catch {
            logger.error("Listen error", metadata: ["address": "\(address)", "err": "\(error)"])
            throw StartupFailure(what: "listener \(address)", error: error)
        }
    }
}

/// A background loop (SIGHUP handling) that ends at graceful shutdown.
struct LoopService: Service, CustomStringConvertible {
    let description: String
    let body: @Sendable () async throws -> Void
    init(name: String, _ body: @escaping @Sendable () async throws -> Void) {
        description = name
        self.body = body
    }

    func run() async throws {
        try? await cancelWhenGracefulShutdown { try await body() }
    }
}

/// A start-up or run failure already logged where it happened; the process exits 1.
struct StartupFailure: Error, CustomStringConvertible {
    let what: String
    let error: any Error
    var description: String { "\(what): \(error)" }
}
