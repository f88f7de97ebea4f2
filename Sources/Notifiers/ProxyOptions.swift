import Foundation

/// How an `http_config` (or its `oauth2`) reaches a URL: prometheus/common's `ProxyConfig`.
/// `proxy_url` alone proxies every request; with `no_proxy`, or with `proxy_from_environment`,
/// the choice is Go's `x/net/http/httpproxy` rules (loopback and `localhost` never go through
/// a proxy, NO_PROXY entries exempt hosts, domains, addresses and CIDRs).
package struct ProxyOptions: Sendable, Hashable {
    package var url: URL?
    package var noProxy: String
    package var fromEnvironment: Bool
    /// Sent on the proxy's `CONNECT` request.
    package var connectHeaders: [String: [String]]

    package init(url: URL? = nil, noProxy: String = "", fromEnvironment: Bool = false,
                connectHeaders: [String: [String]] = [:]) {
        self.url = url
        self.noProxy = noProxy
        self.fromEnvironment = fromEnvironment
        self.connectHeaders = connectHeaders
    }

    /// The proxy for a request to `requestURL`, or nil to connect directly.
    /// - Parameter environment: read for `proxy_from_environment` (the process's by default).
    package func proxy(for requestURL: String,
                      environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if fromEnvironment {
            func env(_ name: String) -> String {
                let upper = environment[name] ?? ""
                return upper.isEmpty ? environment[name.lowercased()] ?? "" : upper
            }
            return Self.httpproxy(requestURL, http: env("HTTP_PROXY"), https: env("HTTPS_PROXY"), noProxy: env("NO_PROXY"))
        }
        guard let url else { return nil }
        if noProxy.isEmpty { return url }
        return Self.httpproxy(requestURL, http: url.absoluteString, https: url.absoluteString, noProxy: noProxy)
    }

    /// `httpproxy.Config.ProxyFunc()` applied to one URL.
    static func httpproxy(_ requestURL: String, http: String, https: String, noProxy: String) -> URL? {
        guard let c = URLComponents(string: requestURL), let scheme = c.scheme?.lowercased() else { return nil }
        let chosen = scheme == "https" ? https : scheme == "http" ? http : ""
        guard !chosen.isEmpty, let proxy = parseProxy(chosen) else { return nil }
        var host = (c.host ?? "").lowercased()
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = c.port.map(String.init) ?? (scheme == "https" ? "443" : "80")
        return useProxy(host: host, port: port, noProxy: noProxy) ? proxy : nil
    }

    /// A proxy setting as Go reads it: a bare `host:port` means `http://host:port`.
    static func parseProxy(_ s: String) -> URL? {
        if let u = URL(string: s), let scheme = u.scheme, ["http", "https", "socks5", "socks5h"].contains(scheme),
           u.host != nil { return u }
        return URL(string: "http://" + s)
    }

    static func useProxy(host: String, port: String, noProxy: String) -> Bool {
        if host.isEmpty { return true }
        if host == "localhost" { return false }
        let ip = IPAddress(host)
        if let ip, ip.isLoopback { return false }
        for raw in noProxy.split(separator: ",") {
            let entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if entry.isEmpty { continue }
            if entry == "*" { return false }
            if let slash = entry.firstIndex(of: "/"), let net = IPAddress(String(entry[..<slash])),
               let bits = Int(entry[entry.index(after: slash)...]) {
                if let ip, ip.isIn(network: net, prefix: bits) { return false }
                continue
            }
            var entryHost = entry, entryPort = ""
            if let (h, p) = splitHostPort(entry) { entryHost = h; entryPort = p }
            if let entryIP = IPAddress(entryHost) {
                if let ip, ip == entryIP, entryPort.isEmpty || entryPort == port { return false }
                continue
            }
            if entryHost.hasPrefix("*.") { entryHost = String(entryHost.dropFirst()) }
            let matchHost = !entryHost.hasPrefix(".")
            if matchHost { entryHost = "." + entryHost }
            if host.hasSuffix(entryHost) || (matchHost && host == String(entryHost.dropFirst())) {
                if entryPort.isEmpty || entryPort == port { return false }
            }
        }
        return true
    }

    /// `net.SplitHostPort` for a NO_PROXY entry that carries a port (`host:port`, `[v6]:port`).
    static func splitHostPort(_ s: String) -> (String, String)? {
        if s.hasPrefix("["), let close = s.firstIndex(of: "]") {
            let rest = s[s.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            return (String(s[s.index(after: s.startIndex)..<close]), String(rest.dropFirst()))
        }
        guard let colon = s.lastIndex(of: ":"), s.firstIndex(of: ":") == colon else { return nil }
        return (String(s[..<colon]), String(s[s.index(after: colon)...]))
    }
}

/// An IPv4 or IPv6 address as bytes (IPv4 also as its IPv4-mapped IPv6 form, as Go compares).
struct IPAddress: Equatable {
    let bytes: [UInt8]

    init?(_ s: String) {
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, s, &v4) == 1 {
            let b = withUnsafeBytes(of: &v4) { Array($0) }
            bytes = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] + b
        } else if inet_pton(AF_INET6, s, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
        } else {
            return nil
        }
    }

    var isV4: Bool { bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff }

    var isLoopback: Bool { isV4 ? bytes[12] == 127 : bytes == [UInt8](repeating: 0, count: 15) + [1] }

    /// In `network/prefix` (an IPv4 prefix counts over the IPv4 bits).
    func isIn(network: IPAddress, prefix: Int) -> Bool {
        guard isV4 == network.isV4 else { return false }
        let bits = network.isV4 ? prefix + 96 : prefix
        guard bits >= 0 && bits <= 128 else { return false }
        for i in 0..<16 {
            let take = min(max(bits - i * 8, 0), 8)
            let mask: UInt8 = take == 0 ? 0 : UInt8(truncatingIfNeeded: 0xff << (8 - take))
            if bytes[i] & mask != network.bytes[i] & mask { return false }
        }
        return true
    }
}
