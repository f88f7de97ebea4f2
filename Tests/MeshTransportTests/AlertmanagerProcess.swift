import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real `prometheus-alertmanager` 0.25 process on loopback for interop tests.
final class AlertmanagerProcess {
    static let binary = "/usr/bin/prometheus-alertmanager"
    let process = Process()
    let directory: URL
    let webPort: Int
    let clusterPort: Int

    init(peers: [String] = [], webPort: Int? = nil, clusterPort: Int? = nil) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw InteropError("prometheus-alertmanager not found at \(Self.binary)")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("am-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("alertmanager.yml")
        try "route:\n  receiver: default\nreceivers:\n  - name: default\n".write(to: config, atomically: true, encoding: .utf8)
        self.webPort = try webPort ?? freePort()
        self.clusterPort = try clusterPort ?? freePort()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = [
            "--config.file=\(config.path)", "--storage.path=\(directory.path)",
            "--web.listen-address=127.0.0.1:\(self.webPort)",
            "--cluster.listen-address=127.0.0.1:\(self.clusterPort)", "--log.level=debug",
        ] + peers.map { "--cluster.peer=\($0)" }
        let log = directory.appendingPathComponent("am.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var logText: String { (try? String(contentsOf: directory.appendingPathComponent("am.log"), encoding: .utf8)) ?? "" }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    func waitReady(timeout: TimeInterval = 20) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let (status, _) = try? await request("GET", "/-/ready"), status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw InteropError("alertmanager did not become ready:\n\(logText)")
    }

    func request(_ method: String, _ path: String, json: Any? = nil) async throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(webPort)\(path)")!)
        request.httpMethod = method
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// `cluster.peers` of `GET /api/v2/status` as (name, address).
    func clusterPeers() async throws -> [(String, String)] {
        let (_, data) = try await request("GET", "/api/v2/status")
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let cluster = object?["cluster"] as? [String: Any]
        let peers = cluster?["peers"] as? [[String: Any]] ?? []
        return peers.map { ($0["name"] as? String ?? "", $0["address"] as? String ?? "") }
    }

    /// Creates a silence through API v2; returns its id.
    func createSilence(alertname: String) async throws -> String {
        let formatter = ISO8601DateFormatter()
        let body: [String: Any] = [
            "matchers": [["name": "alertname", "value": alertname, "isRegex": false, "isEqual": true]],
            "startsAt": formatter.string(from: Date()),
            "endsAt": formatter.string(from: Date().addingTimeInterval(3600)),
            "createdBy": "interop", "comment": "from alertmanager",
        ]
        let (status, data) = try await request("POST", "/api/v2/silences", json: body)
        guard status == 200, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let id = object["silenceID"] as? String else {
            throw InteropError("POST /api/v2/silences failed: \(status) \(String(decoding: data, as: UTF8.self))")
        }
        return id
    }

    func silenceIDs() async throws -> [String] {
        let (_, data) = try await request("GET", "/api/v2/silences")
        let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
        return list.compactMap { $0["id"] as? String }
    }
}

struct InteropError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A free loopback port (TCP; the cluster port must also be free for UDP, which it nearly always is).
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw InteropError("socket failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
    guard bound == 0 else { throw InteropError("bind failed") }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}
