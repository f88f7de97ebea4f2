import Foundation
import XCTest

/// A real HTTP server for webhook tests: a python3 `http.server` subprocess that answers
/// POSTs with the given status codes in turn (the last one repeats) and body "nope", and
/// records every request (path, headers, body) to a file. `headers` go out with every answer
/// (e.g. `Retry-After`).
final class WebhookServer {
    struct Request: Decodable {
        let method: String
        let path: String
        let headers: [String: String]
        let body: String
        var bodyBytes: [UInt8] { Array(Data(base64Encoded: body) ?? Data()) }
    }

    private static let script = """
    import base64, http.server, json, sys
    statuses = [int(x) for x in sys.argv[1].split(',')]
    out = sys.argv[2]
    extra = json.loads(sys.argv[3])
    bodies = json.loads(sys.argv[4])
    class H(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'
        def do_PUT(self):
            self.do_POST()
        def do_GET(self):
            self.do_POST()
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
            code = statuses.pop(0) if len(statuses) > 1 else statuses[0]
            answer = bodies.pop(0) if len(bodies) > 1 else (bodies[0] if bodies else 'nope')
            with open(out, 'a') as f:
                f.write(json.dumps({'method': self.command, 'path': self.path, 'headers': {k.lower(): v for k, v in self.headers.items()},
                                    'body': base64.b64encode(body).decode()}) + '\\n')
            msg = answer.encode()
            self.send_response(code)
            self.send_header('Content-Length', str(len(msg)))
            for k, v in extra.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(msg)
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), H)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """

    let process = Process()
    let recordFile: URL
    let port: Int

    /// - Parameter bodies: the answers' bodies in turn (the last one repeats; default "nope").
    init(statuses: [Int], headers: [String: String] = [:], bodies: [String] = []) throws {
        recordFile = FileManager.default.temporaryDirectory.appendingPathComponent("webhook-\(UUID().uuidString).jsonl")
        FileManager.default.createFile(atPath: recordFile.path, contents: nil)
        let stdout = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-u", "-c", Self.script, statuses.map(String.init).joined(separator: ","), recordFile.path,
                             String(decoding: try JSONEncoder().encode(headers), as: UTF8.self),
                             String(decoding: try JSONEncoder().encode(bodies), as: UTF8.self)]
        process.standardOutput = stdout
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line.append(chunk)
        }
        guard let p = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw XCTSkip("python3 webhook server did not start")
        }
        port = p
    }

    var url: String { "http://127.0.0.1:\(port)/hook" }

    var requests: [Request] {
        let text = (try? String(contentsOf: recordFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Request.self, from: Data($0.utf8)) }
    }

    /// Kills the server with SIGKILL: a child of the test process may inherit a blocked SIGTERM.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: recordFile)
    }
}
