import Mesh
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves `--cluster.peer` host names (Alertmanager's `resolvePeers`): each `host:port`
/// expands to one endpoint per A/AAAA record; IP literals pass through.
package protocol PeerResolver: Sendable {
    func resolve(_ peers: [String]) async -> [Endpoint]
}

/// `getaddrinfo`-based resolver, run off the event loops.
package struct SystemPeerResolver: PeerResolver {
    package init() {}

    package func resolve(_ peers: [String]) async -> [Endpoint] {
        var out: [Endpoint] = []
        for peer in peers {
            guard let (host, port) = Endpoint.splitHostPort(peer) else { continue }
            if let ip = Endpoint.parseIP(host) {
                out.append(Endpoint(ip: ip, port: port))
                continue
            }
            out += Self.lookup(host).map { Endpoint(ip: $0, port: port) }
        }
        return out
    }

    static func lookup(_ host: String) -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { return [] }
        defer { freeaddrinfo(first) }
        var ips: [[UInt8]] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            if info.pointee.ai_family == AF_INET, let address = info.pointee.ai_addr {
                address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    let host = UInt32(bigEndian: pointer.pointee.sin_addr.s_addr)
                    ips.append([UInt8(host >> 24), UInt8((host >> 16) & 0xff), UInt8((host >> 8) & 0xff), UInt8(host & 0xff)])
                }
            } else if info.pointee.ai_family == AF_INET6, let address = info.pointee.ai_addr {
                address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    ips.append(withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) })
                }
            }
            cursor = info.pointee.ai_next
        }
        var seen = Set<[UInt8]>()
        return ips.filter { seen.insert($0).inserted }
    }
}
