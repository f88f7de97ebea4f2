import AlertCore
import Logging
@testable import Server
import ServiceLifecycle
import TestKit
import XCTest

/// The server's service group: start order, and the shutdown order issue #20 asks for
/// (stop intake, flush the notification log and silences, leave the mesh).
final class ServerServicesTests: XCTestCase {
    func test_gracefulShutdown_stopsIntakeThenDispatchThenFlushesThenLeavesMesh() async throws {
        let events = EventLog()
        let clock = ManualClock()
        let maintenance = PeriodicService(description: "maintenance", interval: .seconds(900), clock: clock,
                                          tick: { await events.append("maintenance tick") },
                                          atShutdown: { await events.append("flush snapshots") })
        let services = ServerServices(mesh: Recorder(name: "mesh", events: events), maintenance: maintenance,
                                      dispatch: Recorder(name: "dispatch", events: events),
                                      alertsGC: Recorder(name: "alerts-gc", events: events),
                                      sighup: Recorder(name: "sighup", events: events),
                                      http: [Recorder(name: "http a", events: events), Recorder(name: "http b", events: events)])
        let group = ServiceGroup(configuration: .init(services: services.ordered, logger: Logger(label: "test")))
        let run = Task { try await group.run() }
        await events.waitFor(count: 6)  // every recorder started
        await clock.waitForSleeper(until: clock.now().addingTimeInterval(900))
        await group.triggerGracefulShutdown()
        try await run.value
        let stops = await events.all.filter { !$0.hasSuffix("started") }
        XCTAssertEqual(stops, ["http b stopped", "http a stopped", "sighup stopped", "alerts-gc stopped",
                               "dispatch stopped", "flush snapshots", "mesh stopped"])
    }

    func test_periodicService_ticksOnItsClockUntilShutdownThenRunsAtShutdownOnce() async throws {
        let events = EventLog()
        let clock = ManualClock()
        let start = clock.now()
        let service = PeriodicService(description: "gc", interval: .seconds(60), clock: clock,
                                      tick: { await events.append("tick") }, atShutdown: { await events.append("final") })
        let group = ServiceGroup(configuration: .init(services: [.init(service: service)], logger: Logger(label: "test")))
        let run = Task { try await group.run() }
        for minute in 1...3 {
            await clock.waitForSleeper(until: start.addingTimeInterval(Double(60 * minute)))
            clock.advance(by: 60)
            await events.waitFor(count: minute)
        }
        await clock.waitForSleeper(until: start.addingTimeInterval(240))
        await group.triggerGracefulShutdown()
        try await run.value
        let all = await events.all
        XCTAssertEqual(all, ["tick", "tick", "tick", "final"])
    }

    func test_periodicService_zeroInterval_neverTicksAndWaitsForShutdown() async throws {
        let events = EventLog()
        let service = PeriodicService(description: "maintenance", interval: .zero, clock: ManualClock(),
                                      tick: { await events.append("tick") }, atShutdown: { await events.append("final") })
        let started = Recorder(name: "other", events: events)
        let group = ServiceGroup(configuration: .init(services: [.init(service: service), .init(service: started)],
                                                      logger: Logger(label: "test")))
        let run = Task { try await group.run() }
        await events.waitFor(count: 1)
        await group.triggerGracefulShutdown()
        try await run.value
        let all = await events.all
        XCTAssertEqual(all, ["other started", "other stopped", "final"])
    }
}

/// Records its start, waits for graceful shutdown, records its stop.
private struct Recorder: Service {
    let name: String
    let events: EventLog

    func run() async throws {
        await events.append("\(name) started")
        try? await gracefulShutdown()
        await events.append("\(name) stopped")
    }
}

/// An ordered event record with a wait for "at least n events" (no timed waits).
private actor EventLog {
    private(set) var all: [String] = []
    private var waiters: [(Int, CheckedContinuation<Void, Never>)] = []

    func append(_ event: String) {
        all.append(event)
        let ready = waiters.filter { $0.0 <= all.count }
        waiters.removeAll { $0.0 <= all.count }
        for (_, c) in ready { c.resume() }
    }

    func waitFor(count: Int) async {
        if all.count >= count { return }
        await withCheckedContinuation { waiters.append((count, $0)) }
    }
}
