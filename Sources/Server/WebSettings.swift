import Foundation

/// `--web.external-url` and `--web.route-prefix` resolved as Alertmanager resolves them.
struct WebSettings: Sendable {
    /// `.ExternalURL` in templates and webhooks: no trailing slash.
    let externalURL: String
    /// `/` or `/prefix` (no trailing slash).
    let routePrefix: String

    struct Failure: Error, CustomStringConvertible { let description: String }

    init(flags: ServerFlags) throws {
        var raw = flags.externalURL
        if raw.isEmpty {
            let host = ProcessInfo.processInfo.hostName
            let first = flags.webListenAddresses[0]
            let port = first.split(separator: ":").last.map(String.init) ?? "9093"
            raw = "http://\(host):\(port)/"
        }
        guard let url = URLComponents(string: raw), let scheme = url.scheme, scheme == "http" || scheme == "https" else {
            throw Failure(description: "failed to determine external URL: \(raw)")
        }
        var s = raw
        while s.hasSuffix("/") { s.removeLast() }
        externalURL = s
        let prefix = flags.routePrefix.isEmpty ? url.path : flags.routePrefix
        let trimmed = prefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        routePrefix = "/" + trimmed
    }

    /// Splits a Go listen address (`:9093`, `127.0.0.1:9093`, `[::1]:9093`) into host and port;
    /// an empty host means every interface.
    static func hostPort(_ address: String) -> (host: String, port: Int)? {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) else { return nil }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }
}
