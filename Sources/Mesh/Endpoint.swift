/// A UDP/TCP peer address: an IP (4 bytes for IPv4, 16 for IPv6) and a port.
///
/// memberlist keys its `alive` messages by `Addr` (4 or 16 bytes); an IPv4-mapped IPv6 address
/// (`::ffff:a.b.c.d`, what Go's `ParseIP` gives) is normalised to its 4-byte form here, so the
/// same IPv4 peer is one endpoint whichever form it arrived in. Alertmanager compares peers by
/// `Address()` (`ip:port`), which is `description`.
package struct Endpoint: Hashable, Sendable, CustomStringConvertible, Comparable {
    package let ip: [UInt8]
    package let port: UInt16

    package init(ip: [UInt8], port: UInt16) {
        self.ip = Endpoint.normalise(ip)
        self.port = port
    }

    /// Parses `a.b.c.d:port`, `[v6]:port` or `v6-literal` forms with a port. Nil for host names
    /// (those go through the resolver) or a missing/invalid port.
    package init?(_ text: String) {
        guard let (host, port) = Endpoint.splitHostPort(text), let ip = Endpoint.parseIP(host) else { return nil }
        self.init(ip: ip, port: port)
    }

    package var description: String { "\(Endpoint.format(ip: ip)):\(port)" }
    /// The IP alone as text.
    package var host: String { Endpoint.format(ip: ip) }

    package static func < (lhs: Endpoint, rhs: Endpoint) -> Bool {
        lhs.ip.lexicographicallyPrecedes(rhs.ip) || (lhs.ip == rhs.ip && lhs.port < rhs.port)
    }

    static func normalise(_ ip: [UInt8]) -> [UInt8] {
        if ip.count == 16, ip[0..<10].allSatisfy({ $0 == 0 }), ip[10] == 0xff, ip[11] == 0xff {
            return Array(ip[12..<16])
        }
        return ip
    }

    /// Go's `net.SplitHostPort`: `host:port` or `[host]:port`; the port must be 0...65535.
    package static func splitHostPort(_ text: String) -> (host: String, port: UInt16)? {
        var host: Substring
        var portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            guard !host.contains(":") else { return nil }
            portText = text[text.index(after: colon)...]
        }
        guard let port = UInt16(portText) else { return nil }
        return (String(host), port)
    }

    /// Parses a dotted IPv4 or a textual IPv6 literal.
    package static func parseIP(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4 {
            var out: [UInt8] = []
            for part in parts {
                guard !part.isEmpty, part.count <= 3, let value = UInt8(part) else { return nil }
                out.append(value)
            }
            return out
        }
        return parseIPv6(text)
    }

    private static func parseIPv6(_ text: String) -> [UInt8]? {
        guard text.contains(":") else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard group.count <= 4, let value = UInt16(group, radix: 16) else { return nil }
                out.append(value)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
    }

    static func format(ip: [UInt8]) -> String {
        if ip.count == 4 { return ip.map(String.init).joined(separator: ".") }
        if ip.count == 16 {
            var groups: [String] = []
            for index in stride(from: 0, to: 16, by: 2) {
                groups.append(String(UInt16(ip[index]) << 8 | UInt16(ip[index + 1]), radix: 16))
            }
            return "[" + groups.joined(separator: ":") + "]"
        }
        return ip.map { String($0, radix: 16) }.joined(separator: "-")
    }
}
