import AlertCore
import Foundation
import Notifiers
import Notify
import Synchronization

extension APIClient {
    /// One request with the HTTP config file's `tls_config`, proxy and `oauth2` applied, on
    /// the integrations' HTTP client (the one home of `http_config`).
    /// - Returns: the status and body of whatever answer came.
    func sendConfigured(_ op: APIOperation, url: String, body: Data?, sender: Result<HTTPSender, HTTPOptionsError>)
        async throws(APIError) -> (Int, Data) {
        let goMethod = op.method.prefix(1) + op.method.dropFirst().lowercased()
        func failed(_ text: String) -> APIError { APIError(status: nil, message: "\(goMethod) \"\(url)\": \(text)") }
        var headers = [("Accept", "application/json"), ("User-Agent", "Go-http-client/1.1")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        if let authorization { headers.append(("Authorization", authorization)) }
        do {
            let reply = try await sender.get().request(method: op.method, url: url, headers: headers,
                                                       body: body.map { [UInt8]($0) }, timeout: timeout)
            return (reply.status, Data(reply.body))
        } catch let e as HTTPOptionsError {
            throw failed(e.message)
        } catch let e as NotifyError {
            throw failed(e.message)
        } catch {
            throw failed(Self.goTransportText(error, host: host, scheme: scheme))
        }
    }

    /// Go's net/http wording for what the NIO client reports, where they have one.
    static func goTransportText(_ error: any Error, host: String, scheme: String) -> String {
        let text = String(describing: error)
        let hostPort = host.contains(":") ? host : host + (scheme == "https" ? ":443" : ":80")
        if text.localizedCaseInsensitiveContains("connection refused") {
            return "dial tcp \(resolvedHostPort(hostPort)): connect: connection refused"
        }
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed") {
            return "x509: certificate signed by unknown authority"  // amtool 0.25's (Go 1.19) text
        }
        if text.contains("deadlineExceeded") { return "context deadline exceeded" }
        return text
    }
}

/// The HTTP clients opened for one command's configured connection: its requests share them
/// (connections and the OAuth2 token are reused, as amtool's one client reuses them); they are
/// shut down when the command ends (``reportingErrors``).
enum CommandConnections {
    private static let clients = Mutex<[NotifierHTTPClients]>([])

    static func open() -> NotifierHTTPClients {
        let c = NotifierHTTPClients()
        clients.withLock { $0.append(c) }
        return c
    }

    static func closeAll() async {
        let all = clients.withLock { list in
            defer { list = [] }
            return list
        }
        for c in all { try? await c.shutdown() }
    }
}
