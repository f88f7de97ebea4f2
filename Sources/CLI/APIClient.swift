import APIModel
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import AlertCore
import GoCompat
import Notifiers

/// One API v2 operation as amtool's generated go-openapi client knows it: its method, path
/// template, operation id and the statuses it declares (with or without a string payload).
/// Errors are worded exactly as that client words them, e.g.
/// `[POST /silences][400] postSilencesBadRequest  Failed to create silence: ...`.
package struct APIOperation: Sendable {
    package let method: String
    package let template: String
    package let id: String
    /// Declared error statuses → (response suffix, whether a payload is printed).
    package let errors: [Int: (String, Bool)]

    package static let getStatus = APIOperation(method: "GET", template: "/status", id: "getStatus", errors: [:])
    package static let getAlerts = APIOperation(method: "GET", template: "/alerts", id: "getAlerts",
                                               errors: [400: ("BadRequest", true), 500: ("InternalServerError", true)])
    package static let postAlerts = APIOperation(method: "POST", template: "/alerts", id: "postAlerts",
                                                errors: [400: ("BadRequest", true), 500: ("InternalServerError", true)])
    package static let getSilences = APIOperation(method: "GET", template: "/silences", id: "getSilences",
                                                 errors: [500: ("InternalServerError", true)])
    package static let getSilence = APIOperation(method: "GET", template: "/silence/{silenceID}", id: "getSilence",
                                                errors: [404: ("NotFound", false), 500: ("InternalServerError", true)])
    package static let postSilences = APIOperation(method: "POST", template: "/silences", id: "postSilences",
                                                  errors: [400: ("BadRequest", true), 404: ("NotFound", true)])
    package static let deleteSilence = APIOperation(method: "DELETE", template: "/silence/{silenceID}", id: "deleteSilence",
                                                   errors: [500: ("InternalServerError", true)])
}

/// An API error response; `status` lets `silence import` retry a 404 as a new silence.
package struct APIError: Error, Sendable {
    package let status: Int?
    package let message: String
}

/// A small API v2 client over URLSession: amtool's request shape (query parameters sorted by
/// name, Go's query escaping, basic auth from the URL or the HTTP config file) and its error
/// texts (`Get "<url>": dial tcp <host>: connect: connection refused` when the server is down).
package struct APIClient: Sendable {
    package let scheme: String
    package let host: String
    package let basePath: String
    package let authorization: String?
    /// A request error known before sending (an unreadable credentials file).
    let requestError: String?
    package let timeout: TimeInterval
    /// With an HTTP config file's TLS, proxy or OAuth2 settings: the integrations' client that
    /// applies them (``sendConfigured``), or why it cannot (a TLS file that does not load).
    let connection: Result<HTTPSender, HTTPOptionsError>?

    package init(settings: Settings) throws(CLIError) {
        guard let c = URLComponents(string: settings.url), let scheme = c.scheme, !scheme.isEmpty else {
            throw CLIError("invalid URL \(settings.url)")
        }
        self.scheme = scheme
        let h = c.percentEncodedHost ?? ""
        host = (h.isEmpty ? "localhost" : h) + (c.port.map { ":\($0)" } ?? (h.isEmpty ? ":9093" : ""))
        basePath = Self.joinPath(c.percentEncodedPath, "/api/v2")
        var auth: String?
        if let user = c.user {
            if settings.httpConfigFile != nil {
                throw CLIError("basic authentication and http.config.file are mutually exclusive")
            }
            auth = "Basic " + Data("\(user):\(c.password ?? "")".utf8).base64EncodedString()
        }
        var failure: String?
        var options: HTTPOptions?
        if let f = settings.httpConfigFile {
            let file = try HTTPConfigFile.load(f)
            auth = file.authorizationHeader
            failure = file.requestError
            options = file.connection
        }
        authorization = auth
        requestError = failure
        connection = options.map { o in
            Result { () throws(HTTPOptionsError) in
                try HTTPSender(http: o, clients: CommandConnections.open(), clock: WallClock())
            }
        }
        timeout = settings.timeout
    }

    /// Go's `path.Join` for two absolute-ish parts (cleans duplicate slashes, drops a trailing one).
    static func joinPath(_ a: String, _ b: String) -> String {
        let parts = (a + "/" + b).split(separator: "/").filter { $0 != "." && !$0.isEmpty }
        return "/" + parts.joined(separator: "/")
    }

    /// The request URL: parameters sorted by name (stable for repeated names), as Go encodes them.
    package func url(path: String, query: [(String, String)]) -> String {
        let q = query.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
            .map { GoURL.queryEscape($0.element.0) + "=" + GoURL.queryEscape($0.element.1) }.joined(separator: "&")
        // Tocsin's own API sits beside /api/v2, under the same prefix.
        let base = path.hasPrefix("/api/tocsin/") ? String(basePath.dropLast("/api/v2".count)) : basePath
        return "\(scheme)://\(host)\(base)\(path)" + (q.isEmpty ? "" : "?" + q)
    }

    /// Sends one request; returns the body of a 2xx answer or throws `APIError` with amtool's text.
    package func send(_ op: APIOperation, path: String? = nil, query: [(String, String)] = [],
                     body: Data? = nil) async throws(APIError) -> Data {
        let urlString = url(path: path ?? op.template, query: query)
        let goMethod = op.method.prefix(1) + op.method.dropFirst().lowercased()
        guard let u = URL(string: urlString) else {
            throw APIError(status: nil, message: "parse \(urlString): invalid URL")
        }
        if let requestError { throw APIError(status: nil, message: "\(goMethod) \"\(urlString)\": \(requestError)") }
        if let connection {
            let (status, data) = try await sendConfigured(op, url: urlString, body: body, sender: connection)
            if (200..<300).contains(status) { return data }
            throw APIError(status: status, message: errorText(op, status: status, body: data))
        }
        var req = URLRequest(url: u, timeoutInterval: timeout)
        req.httpMethod = op.method
        req.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body {
            req.httpBody = body
            req.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let authorization { req.setValue(authorization, forHTTPHeaderField: "Authorization") }
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = timeout
        config.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: config)
        defer { session.finishTasksAndInvalidate() }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: req)
        } catch {
            throw APIError(status: nil, message: "\(goMethod) \"\(urlString)\": \(transportMessage(error))")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        if (200..<300).contains(status) { return data }
        throw APIError(status: status, message: errorText(op, status: status, body: data))
    }

    /// go-openapi's `Error()` text for a non-2xx answer.
    func errorText(_ op: APIOperation, status: Int, body: Data) -> String {
        guard let (suffix, payload) = op.errors[status] else {
            return "response status code does not match any response statuses defined for this endpoint "
                + "in the swagger spec (status \(status)): {}"
        }
        let head = "[\(op.method) \(op.template)][\(status)] \(op.id)\(suffix) "
        guard payload else { return head }
        let text = APIAnswer.string([UInt8](body)) ?? String(decoding: body, as: UTF8.self)
        return head + " " + text
    }

    /// Go names the address it dialled, not the host name: `localhost:9093` is reported as
    /// `127.0.0.1:9093`. A name resolves to its first IPv4 address (else its first address).
    static func resolvedHostPort(_ hostPort: String) -> String {
        guard let colon = hostPort.lastIndex(of: ":") else { return hostPort }
        let host = String(hostPort[..<colon]), port = hostPort[hostPort.index(after: colon)...]
        if host.hasPrefix("[") || Formatter.ipBytes(host).count > 0 { return hostPort }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return hostPort }
        defer { freeaddrinfo(first) }
        var chosen: String?
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let n = node {
            var buf = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(n.pointee.ai_addr, n.pointee.ai_addrlen, &buf, socklen_t(buf.count), nil, 0, NI_NUMERICHOST) == 0 {
                let ip = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if n.pointee.ai_family == AF_INET { chosen = ip; break }
                if chosen == nil { chosen = "[\(ip)]" }
            }
            node = n.pointee.ai_next
        }
        return chosen.map { "\($0):\(port)" } ?? hostPort
    }

    /// Go's net/http wording for the common transport failures.
    func transportMessage(_ error: Error) -> String {
        let hostPort = host.contains(":") ? host : host + (scheme == "https" ? ":443" : ":80")
        if let e = error as? URLError {
            switch e.code {
            case .cannotConnectToHost: return "dial tcp \(Self.resolvedHostPort(hostPort)): connect: connection refused"
            case .timedOut: return "context deadline exceeded"
            case .cannotFindHost, .dnsLookupFailed:
                return "dial tcp: lookup \(host.split(separator: ":").first.map(String.init) ?? host): no such host"
            default: break
            }
        }
        return (error as NSError).localizedDescription
    }
}

/// Helpers shared by the commands.
extension APIClient {
    /// `GET /status`, decoded.
    func status() async throws(APIError) -> APIStatus {
        let data = try await send(.getStatus)
        return try decode(data, APIStatus.decode)
    }

    /// An answer read with one of APIModel's decoders.
    func decode<T>(_ data: Data, _ decoder: ([UInt8]) throws(JSONError) -> T) throws(APIError) -> T {
        do throws(JSONError) { return try decoder([UInt8](data)) } catch {
            throw APIError(status: nil, message: "invalid response from server: \(error.message)")
        }
    }

    /// amtool's `--version-check`: warns on stderr when major.minor differ; silent on failure.
    package func checkVersion() async {
        guard let s = try? await status() else { return }
        let server = s.versionInfo.version
        if majorMinor(server) != majorMinor(TocsinCtlVersion.compatible) {
            Console.error("Warning: tocsinctl version (\(TocsinCtlVersion.compatible)) and alertmanager version (\(server)) are different.\n")
        }
    }

    func majorMinor(_ v: String) -> String? {
        let parts = v.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.prefix(2).allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        return parts.prefix(2).joined(separator: ".")
    }
}
