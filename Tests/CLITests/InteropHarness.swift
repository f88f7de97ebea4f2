import Foundation
import XCTest
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Real processes for the interop tests: the real Alertmanager 0.25, the real amtool 0.25 and
/// the built `tocsinctl`. A missing binary is a test failure, never a skip.
struct InteropError: Error, CustomStringConvertible { let description: String }

/// The result of running a CLI.
struct CLIRun: Equatable {
    var stdout: String
    var stderr: String
    var status: Int32
}

enum Binaries {
    static let alertmanager = "/usr/bin/prometheus-alertmanager"
    static let amtool = "/usr/bin/amtool"

    /// The server the interop tests start: `INTEROP_SERVER_BIN` (e.g. `.build/debug/tocsin`, which
    /// takes Alertmanager's flags), else the real Alertmanager.
    static var server: String { ProcessInfo.processInfo.environment["INTEROP_SERVER_BIN"] ?? alertmanager }

    /// `TOCSINCTL_BIN`, else `tocsinctl` next to the test bundle (SwiftPM's build directory).
    static func tocsinctl() throws -> String {
        if let p = ProcessInfo.processInfo.environment["TOCSINCTL_BIN"] { return try existing(p) }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if dir.lastPathComponent.hasSuffix(".xctest") || dir.path.contains(".xctest/") {
            while dir.path.contains(".xctest") { dir.deleteLastPathComponent() }
        }
        return try existing(dir.appendingPathComponent("tocsinctl").path)
    }

    static func existing(_ p: String) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: p) else {
            throw InteropError(description: "required binary missing: \(p) (build tocsinctl; apt install prometheus-alertmanager)")
        }
        return p
    }

    /// Runs `path args` with a clean HOME (no amtool/tocsinctl config files) and no ALERTMANAGER_URL.
    static func run(_ path: String, _ args: [String], stdin: String? = nil, home: String) throws -> CLIRun {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try existing(path))
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home
        env["ALERTMANAGER_URL"] = nil
        p.environment = env
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLIRun(stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self),
                      status: p.terminationStatus)
    }
}

/// A real Alertmanager (or `Binaries.server`) on a loopback port with its own storage and config.
final class AlertmanagerProcess {
    let process = Process()
    let dir: String
    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }

    init(config: String) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tocsinctl-it-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/home", withIntermediateDirectories: true)
        try config.write(toFile: dir + "/am.yml", atomically: true, encoding: .utf8)
        port = try Self.freePort()
        process.executableURL = URL(fileURLWithPath: try Binaries.existing(Binaries.server))
        process.arguments = ["--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
                             "--storage.path=\(dir)/data", "--config.file=\(dir)/am.yml"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        try waitReady()
    }

    var home: String { dir + "/home" }

    /// Polls `/-/ready` (startup, not a timed assertion).
    func waitReady() throws {
        for _ in 0..<200 {
            if let u = URL(string: url + "/-/ready"), (try? Data(contentsOf: u)) != nil { return }
            usleep(50_000)
        }
        stop()
        throw InteropError(description: "alertmanager did not become ready on \(url)")
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: dir)
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard ok else { throw InteropError(description: "no free port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
